// The outbox: contiguous seqs that survive restarts, removal only on server acks, rebasing,
// and the storage ceiling.
import type { MutationBody } from "@runstrong/shared/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Outbox } from "./outbox.ts";
import { MemoryKeyValueStore } from "./testSupport/memoryStore.ts";

let ids = 0;
const newId = () => `outbox-${++ids}`;
const open = (store: MemoryKeyValueStore, maxBytes?: number) =>
  Outbox.open(store, maxBytes === undefined ? { newId } : { newId, maxBytes });

const setLog = (n: number): MutationBody => ({
  op: "set.log",
  args: {
    id: `S1-${n}`,
    session_id: "S1",
    exercise_id: "squat",
    set_index: n - 1,
    started_at: new Date(Date.UTC(2025, 0, 6, 7, n)).toISOString(),
    ended_at: new Date(Date.UTC(2025, 0, 6, 7, n, 40)).toISOString(),
    reps: 10,
    target_reps: 10,
  },
});

const seqs = (o: Outbox) => o.pending().map((i) => i.seq);

describe("Outbox", () => {
  it("numbers from 1, contiguously, and never reuses a seq across acks and restarts", () => {
    const store = new MemoryKeyValueStore();
    const o = open(store);
    expect(o.append([setLog(1), setLog(2)]).map((i) => i.seq)).toEqual([1, 2]);
    expect(o.acknowledge(2)).toBe(2);
    expect(o.size).toBe(0);
    const again = open(store);
    expect(again.append([setLog(3)]).map((i) => i.seq)).toEqual([3]);
    expect(again.stream).toEqual(o.stream);
  });

  it("keeps pending items across a restart", () => {
    const store = new MemoryKeyValueStore();
    const o = open(store);
    o.append([setLog(1), setLog(2), setLog(3)]);
    expect(open(store).pending()).toStrictEqual(o.pending());
  });

  it("removes only what was acknowledged, and keeps errors of rejected and conflicting items", () => {
    const o = open(new MemoryKeyValueStore());
    o.append([setLog(1), setLog(2), setLog(3), setLog(4)]);
    expect(o.acknowledge(0)).toBe(0);
    expect(o.acknowledge(2, [{ seq: 2, status: "rejected", error: "reps: too big" }])).toBe(2);
    expect(seqs(o)).toEqual([3, 4]);
    expect(o.rejected()).toEqual([
      { seq: 2, op: "set.log", entityId: "S1-2", status: "rejected", error: "reps: too big" },
    ]);
    // A stale ack for something already gone changes nothing.
    expect(o.acknowledge(1, [{ seq: 1, status: "conflict" }])).toBe(0);
    expect(o.rejected()).toHaveLength(1);
    o.clearRejected();
    expect(o.rejected()).toEqual([]);
  });

  it("with raw server acks, forgets only a contiguous prefix of the queue", () => {
    const o = open(new MemoryKeyValueStore());
    o.append([setLog(1), setLog(2), setLog(3)]);
    o.acknowledge([
      { seq: 1, status: "applied" },
      { seq: 3, status: "rejected", error: "bad" },
    ]);
    expect(seqs(o)).toEqual([2, 3]);
    o.acknowledge([
      { seq: 2, status: "duplicate" },
      { seq: 3, status: "rejected", error: "bad" },
    ]);
    expect(o.size).toBe(0);
    expect(o.rejected().map((r) => r.seq)).toEqual([3]);
  });

  it("keeps at most the ten newest rejections", () => {
    const o = open(new MemoryKeyValueStore());
    const items = o.append(Array.from({ length: 15 }, (_, i) => setLog(i + 1)));
    o.acknowledge(
      15,
      items.map((i) => ({ seq: i.seq, status: "rejected" as const, error: `e${i.seq}` })),
    );
    expect(o.rejected().map((r) => r.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("rebases the wire numbering onto the server's expected seq, in a new generation", () => {
    const store = new MemoryKeyValueStore();
    const o = open(store);
    o.append([setLog(1), setLog(2), setLog(3), setLog(4), setLog(5)]);
    o.acknowledge(3);
    o.rebase(1);
    expect(o.stream.generation).toBe(1);
    expect(seqs(o)).toEqual([1, 2]);
    expect(o.append([setLog(6)]).map((i) => i.seq)).toEqual([3]);
    expect(seqs(open(store))).toEqual([1, 2, 3]);
    o.acknowledge(2);
    expect(o.pending().map((i) => i.mutation)).toEqual([setLog(6)]);
    o.rebase(40);
    expect(seqs(o)).toEqual([40]);
    o.acknowledge(40);
    o.rebase(7);
    expect(o.append([setLog(7)]).map((i) => i.seq)).toEqual([7]);
    expect(() => o.rebase(0)).toThrow();
  });

  it("writes the caller's mark in the same write as the items", () => {
    const store = new MemoryKeyValueStore();
    const o = open(store);
    o.append([setLog(1)], "S1#1");
    expect(open(store).mark).toBe("S1#1");
    expect(open(store).size).toBe(1);
  });

  it("changes nothing in memory when the write fails", () => {
    const store = new MemoryKeyValueStore();
    const o = open(store);
    o.append([setLog(1)]);
    store.failWrites = true;
    expect(() => o.append([setLog(2)])).toThrow("storage full");
    expect(() => o.acknowledge(1)).toThrow("storage full");
    expect(seqs(o)).toEqual([1]);
    store.failWrites = false;
    expect(o.append([setLog(2)]).map((i) => i.seq)).toEqual([2]);
  });

  it("refuses new sessions near the ceiling but never drops unacknowledged items", () => {
    const o = open(new MemoryKeyValueStore(), 8 * 1024);
    expect(o.usage().canStartSession).toBe(true);
    for (let n = 1; n <= 300; n++) o.append([setLog(n)]);
    expect(o.usage().canStartSession).toBe(false);
    expect(o.usage().bytes).toBeGreaterThan(o.usage().maxBytes);
    expect(o.size).toBe(300);
    o.acknowledge(300);
    expect(o.usage().canStartSession).toBe(true);
  });

  it("starts a new outbox (new id) when the stored one is unreadable, keeping a copy", () => {
    const store = new MemoryKeyValueStore();
    store.setItem("runstrong.outbox", "{not json");
    const o = open(store);
    expect(o.size).toBe(0);
    expect(store.getItem("runstrong.outbox.unreadable")).toBe("{not json");
    o.append([setLog(1)]);
    expect(open(store).stream).toEqual(o.stream);
  });

  it("matches a simple model under any mix of appends, acks, rebases and restarts", () => {
    type Op =
      | { kind: "append"; n: number }
      | { kind: "ack"; k: number }
      | { kind: "rebase"; to: number }
      | { kind: "reopen" };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.integer({ min: 1, max: 4 }).map((n) => ({ kind: "append" as const, n })),
      fc.integer({ min: 0, max: 5 }).map((k) => ({ kind: "ack" as const, k })),
      fc.integer({ min: 1, max: 50 }).map((to) => ({ kind: "rebase" as const, to })),
      fc.constant({ kind: "reopen" as const }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const store = new MemoryKeyValueStore();
        let o = open(store);
        let made = 0;
        let model: MutationBody[] = [];
        let firstWire = 1;
        for (const op of ops) {
          if (op.kind === "append") {
            const ms = Array.from({ length: op.n }, () => setLog(++made));
            o.append(ms);
            model = [...model, ...ms];
          } else if (op.kind === "ack") {
            const k = Math.min(op.k, model.length);
            o.acknowledge(firstWire + k - 1);
            model = model.slice(k);
            firstWire += k;
          } else if (op.kind === "rebase") {
            o.rebase(op.to);
            firstWire = op.to;
          } else o = open(store);
          const pending = o.pending();
          expect(pending.map((i) => i.mutation)).toStrictEqual(model);
          expect(pending.map((i) => i.seq)).toEqual(model.map((_, i) => firstWire + i));
        }
      }),
      { numRuns: 200 },
    );
  });
});

// The watch's queue for the phone: what was queued and not yet taken survives any run of
// appends, hand-offs and reloads exactly; an earlier app's outbox carries over; a full store
// loses nothing; and the stored size gates a new session.
import type { MutationBody } from "@runstrong/shared/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBatch, encodeBatch, withWholeSecondTimes } from "../link/mutationBatch.ts";
import { seededRandom } from "../testSupport/fakes.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { mutationArb } from "../testSupport/mutationArbitraries.ts";
import { queuedItems } from "../testSupport/queued.ts";
import { DEFAULT_OUTBOX_MAX_BYTES, HandOffQueue, OUTBOX_KEY, outboxUsage } from "./handOffQueue.ts";

const open = (store: MemoryLocalStore) => new HandOffQueue(store, seededRandom());

type Step =
  | { kind: "enqueue"; mutations: MutationBody[] }
  | { kind: "take"; count: number }
  | { kind: "reload" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc
    .array(mutationArb, { minLength: 1, maxLength: 5 })
    .map((mutations): Step => ({ kind: "enqueue", mutations })),
  fc.nat({ max: 6 }).map((count): Step => ({ kind: "take", count })),
  fc.constant<Step>({ kind: "reload" }),
);

const set = (n: number): MutationBody => ({
  op: "set.log",
  args: {
    id: `S-${n}`,
    session_id: "S",
    exercise_id: "squat",
    set_index: n,
    started_at: "2025-01-06T07:00:00.000Z",
    ended_at: "2025-01-06T07:00:30.000Z",
    reps: 5,
  },
});

describe("HandOffQueue", () => {
  it("holds exactly what was queued (to the whole second) and not taken, in order, through any run of steps and reloads", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
        const store = new MemoryLocalStore();
        let queue = open(store);
        // The model: every item with its id; ids grow and are never reused.
        let model: { id: number; mutation: MutationBody }[] = [];
        let nextId = 1;
        for (const step of steps) {
          if (step.kind === "enqueue") {
            queue.enqueue(step.mutations, `mark-${nextId}`);
            // Kept to the whole second, the precision the compact rows carry.
            for (const m of step.mutations) {
              model.push({ id: nextId++, mutation: withWholeSecondTimes(m) });
            }
            expect(queue.mark()).toBe(`mark-${nextId - step.mutations.length}`);
          } else if (step.kind === "take") {
            const upTo = model[Math.min(step.count, model.length) - 1]?.id ?? 0;
            const left = queue.dropUpTo(queue.stream(), upTo);
            model = model.filter((i) => i.id > upTo);
            expect(left).toBe(model.length);
          } else {
            queue = open(store);
          }
          expect(queuedItems(queue)).toStrictEqual(
            model.map((i) => ({ seq: i.id, mutation: i.mutation })),
          );
          expect(queue.waiting()).toEqual({
            items: model.length,
            sets: model.filter((i) => i.mutation.op === "set.log").length,
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it("hands the oldest items that fit a message, one at least and the cap at most", () => {
    const queue = open(new MemoryLocalStore());
    queue.enqueue(Array.from({ length: 10 }, (_, i) => set(i + 1)));
    const ids = (batch: ReturnType<HandOffQueue["front"]>) => decodeBatch(batch).map((i) => i.seq);
    expect(ids(queue.front(4, () => true))).toEqual([1, 2, 3, 4]);
    expect(ids(queue.front(40, (b) => b[2].length <= 6))).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing fits: the oldest goes alone (the link frames a long message).
    expect(ids(queue.front(40, () => false))).toEqual([1]);
    expect(ids(open(new MemoryLocalStore()).front(40, () => true))).toEqual([]);
  });

  it("keeps its stream name, ignores what another stream's phone took, and renames a new queue", () => {
    const store = new MemoryLocalStore();
    const queue = open(store);
    queue.enqueue([set(1), set(2)]);
    const stream = queue.stream();
    expect(stream).toMatch(/^w[0-9a-z]{12}$/);
    expect(open(store).stream()).toBe(stream);
    expect(queue.dropUpTo("w-another-one", 2)).toBe(2);
    expect(queue.dropUpTo(stream, 1)).toBe(1);
    expect(new HandOffQueue(new MemoryLocalStore(), seededRandom(7)).stream()).not.toBe(stream);
  });

  it("loses nothing when storage is full: the write throws and the queue stays as it was", () => {
    const store = new MemoryLocalStore();
    const queue = open(store);
    queue.enqueue([set(1)], "S#1");
    store.failKey = OUTBOX_KEY;
    expect(() => queue.enqueue([set(2)], "S#2")).toThrow("storage full");
    expect(queue.mark()).toBe("S#1");
    expect(queue.waiting().items).toBe(1);
    store.failKey = null;
    queue.enqueue([set(2)], "S#2");
    expect(queuedItems(open(store)).map((i) => i.seq)).toEqual([1, 2]);
  });

  it("keeps an unreadable store aside and starts afresh", () => {
    const store = new MemoryLocalStore();
    for (const junk of ["{", "[]", '{"v":2}', '{"v":9,"q":[]}']) {
      store.setItem(OUTBOX_KEY, junk);
      expect(open(store).waiting().items).toBe(0);
      expect(store.getItem(`${OUTBOX_KEY}.unreadable`)).toBe(junk);
    }
  });

  it("writes a queue smaller than its JSON form", () => {
    const queue = open(new MemoryLocalStore());
    const mutations = Array.from({ length: 20 }, (_, i) => set(i + 1));
    queue.enqueue(mutations);
    expect(queue.bytes).toBeLessThan(JSON.stringify(mutations).length / 3);
  });
});

describe("the earlier watch app's outbox", () => {
  it("carries its items and mark over, numbered from 1 under a new stream", () => {
    const store = new MemoryLocalStore();
    store.setItem(
      OUTBOX_KEY,
      JSON.stringify({
        v: 1,
        id: "OUTBOX",
        gen: 1,
        next: 4,
        offset: 10,
        mark: "S#3",
        rejected: [],
        batch: encodeBatch([
          { seq: 2, mutation: set(2) },
          { seq: 3, mutation: set(3) },
        ]),
      }),
    );
    const queue = open(store);
    expect(queue.mark()).toBe("S#3");
    expect(queuedItems(queue)).toStrictEqual([
      { seq: 1, mutation: set(2) },
      { seq: 2, mutation: set(3) },
    ]);
    // New items follow on, and the next write is in the new form.
    queue.enqueue([set(4)]);
    expect(queuedItems(queue).map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(JSON.parse(store.getItem(OUTBOX_KEY) ?? "").v).toBe(2);
  });
});

describe("watch storage budget", () => {
  it("knows the stored size of the queue at once, and refuses a start without a session's room", () => {
    const store = new MemoryLocalStore();
    const queue = open(store);
    expect(queue.bytes).toBe(0);
    queue.enqueue([set(1)]);
    expect(queue.bytes).toBe(new TextEncoder().encode(store.getItem(OUTBOX_KEY) ?? "").length);
    expect(open(store).bytes).toBe(queue.bytes);
    expect(outboxUsage(0).canStartSession).toBe(true);
    expect(outboxUsage(DEFAULT_OUTBOX_MAX_BYTES - 6 * 1024).canStartSession).toBe(true);
    expect(outboxUsage(DEFAULT_OUTBOX_MAX_BYTES - 6 * 1024 + 1).canStartSession).toBe(false);
  });
});

// Moving the previous web client's queue into the shared client's outbox state: nothing is lost,
// order is kept, a seq that may have been sent keeps naming its mutation, and junk is skipped.
import { jsonCodec, type OutboxState } from "@runstrong/shared/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adoptLegacyOutbox, readLegacyOutbox } from "./legacyOutbox.ts";

const run = (id: string, seq: number) => ({
  seq,
  op: "run.log",
  args: { id, date: "2026-11-30", distance_m: 5000, duration_s: 1500, kind: "easy" },
  queuedAt: 1,
});
/** A store the shared client never wrote: what its outbox reads as empty. */
const emptyState = (): OutboxState => ({
  v: 1,
  deviceId: null,
  bound: false,
  nextSeq: 1,
  nextId: 1,
  items: [],
  problems: [],
  mark: null,
});
/** The state as the shared client would read it back from storage (null: it would not). */
const asState = (state: OutboxState) => jsonCodec.decode(jsonCodec.encode(state));
const box = (deviceId: string, items: unknown[], nextSeq = 1) =>
  JSON.stringify({ v: 1, deviceId, nextSeq, items });

describe("readLegacyOutbox", () => {
  it("reads the old box and skips items that could never be sent", () => {
    const old = readLegacyOutbox(box("dev1", [run("a", 4), { seq: 5, op: 3 }, run("b", 6)], 7));
    expect(old?.deviceId).toBe("dev1");
    expect(old?.items.map((i) => i.args.id)).toEqual(["a", "b"]);
  });

  it("finds nothing in an absent, empty, unreadable or foreign value", () => {
    for (const text of [
      null,
      "",
      "{",
      "[]",
      box("dev1", []),
      JSON.stringify({ v: 2, items: [] }),
    ]) {
      expect(readLegacyOutbox(text)).toBeNull();
    }
  });
});

describe("adoptLegacyOutbox", () => {
  it("keeps the old seqs and device in a store never written, bound to that device", () => {
    const old = readLegacyOutbox(box("dev1", [run("a", 41), run("b", 42)], 43));
    const state = adoptLegacyOutbox(emptyState(), old as NonNullable<typeof old>);
    expect(asState(state)).not.toBeNull();
    expect(state.items.map((i) => [i.id, i.seq, i.args.id])).toEqual([
      [1, 41, "a"],
      [2, 42, "b"],
    ]);
    expect(state).toMatchObject({ deviceId: "dev1", bound: true, nextSeq: 43, nextId: 3 });
  });

  it("leaves the numbering unbound without a known device or with holes", () => {
    const noDevice = readLegacyOutbox(box("", [run("a", 1)]));
    expect(adoptLegacyOutbox(emptyState(), noDevice as NonNullable<typeof noDevice>).bound).toBe(
      false,
    );
    const holes = readLegacyOutbox(box("dev1", [run("a", 3), run("b", 5)]));
    expect(adoptLegacyOutbox(emptyState(), holes as NonNullable<typeof holes>).bound).toBe(false);
  });

  it("appends after a queue already in use, with the next seqs and ids, for any queues", () => {
    const ids = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(ids, ids, fc.integer({ min: 1, max: 1000 }), (mine, theirs, first) => {
        const used = {
          ...emptyState(),
          bound: true,
          deviceId: "dev2",
          items: mine.map((id, i) => ({ ...run(id, first + i), id: i + 1 })),
          nextSeq: first + mine.length,
          nextId: mine.length + 1,
        };
        const old = readLegacyOutbox(
          box(
            "dev1",
            theirs.map((id, i) => run(id, 90 + i)),
          ),
        );
        const state = adoptLegacyOutbox(used, old as NonNullable<typeof old>);
        expect(asState(state)).not.toBeNull();
        expect(state.items.map((i) => i.args.id)).toEqual([...mine, ...theirs]);
        expect(state.items.map((i) => i.seq)).toEqual(state.items.map((_, i) => first + i));
        expect(new Set(state.items.map((i) => i.id)).size).toBe(state.items.length);
        expect(state).toMatchObject({ deviceId: "dev2", bound: true });
        expect(state.nextSeq).toBe(first + mine.length + theirs.length);
        expect(state.nextId).toBe(state.items.length + 1);
      }),
    );
  });
});

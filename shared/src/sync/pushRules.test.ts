// The push rules as properties: however a device's mutations are split, resent or delivered
// out of order, the server ends with what one clean delivery would give — exactly once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MutationEnvelope } from "../schemas/mutations.ts";
import { applyPush, checkSeqs, type Snapshot } from "./pushRules.ts";

const emptySnapshot = (): Snapshot => ({
  sessions: new Map(),
  sets: new Map(),
  plans: new Map(),
  runs: new Map(),
  assessments: new Map(),
  settings: null,
  tombstones: new Set(),
});
const defaults = { units: "metric" as const, rest_s_default: 60 };

/** A device's mutations over a small id space, so deletes and re-logs collide often. */
const bodyArb = fc.oneof(
  fc.record({ op: fc.constant("session.start"), s: fc.nat(2) }).map(({ s }) => ({
    op: "session.start",
    args: { id: `s${s}`, started_at: "2026-11-20T07:00:00Z" },
  })),
  fc.record({ s: fc.nat(2), x: fc.nat(5), reps: fc.nat(30) }).map(({ s, x, reps }) => ({
    op: "set.log",
    args: {
      id: `x${x}`,
      session_id: `s${s}`,
      exercise_id: "squat",
      set_index: x,
      started_at: "2026-11-20T07:00:00Z",
      ended_at: "2026-11-20T07:01:00Z",
      reps,
    },
  })),
  fc.nat(5).map((x) => ({ op: "set.delete", args: { id: `x${x}` } })),
  fc.nat(2).map((s) => ({ op: "session.delete", args: { id: `s${s}` } })),
  fc.record({ s: fc.nat(2), rpe: fc.integer({ min: 1, max: 10 }) }).map(({ s, rpe }) => ({
    op: "session.finish",
    args: { id: `s${s}`, ended_at: "2026-11-20T08:00:00Z", rpe },
  })),
  fc.nat(3).map((r) => ({
    op: "run.log",
    args: { id: `r${r}`, date: "2026-11-20", distance_m: 5000, duration_s: 1500, kind: "easy" },
  })),
  fc.nat(3).map((r) => ({ op: "run.delete", args: { id: `r${r}` } })),
  fc.constant({ op: "set.log", args: { id: "bad" } }),
);

type Server = { snap: Snapshot; lastSeq: number; version: number };

function deliver(server: Server, push: MutationEnvelope[]): "gap" | "ok" {
  if (checkSeqs(server.lastSeq, push).kind === "gap") return "gap";
  const out = applyPush(server.snap, server.lastSeq, push, server.version + 1, defaults);
  server.lastSeq = out.lastSeq;
  if (out.changed) server.version += 1;
  return "ok";
}

/** The stored rows without their versions (which depend on how pushes were grouped). */
function contents(snap: Snapshot) {
  const strip = (m: Map<string, { version: number }>) =>
    [...m.entries()].map(([id, { version: _v, ...rest }]) => [id, rest]).sort();
  return {
    sessions: strip(snap.sessions),
    sets: strip(snap.sets),
    runs: strip(snap.runs),
    tombstones: [...snap.tombstones].sort(),
  };
}

describe("push rules", () => {
  it("property: any split, resend and reordering ends in the state of one clean delivery", () => {
    fc.assert(
      fc.property(
        fc.array(bodyArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 12 }),
        (bodies, slices) => {
          const all = bodies.map((b, i) => ({ seq: i + 1, ...b }) as MutationEnvelope);
          const clean: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
          deliver(clean, all);

          const messy: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
          for (const [a, b] of slices) {
            const from = Math.min(a, b) % all.length;
            const to = Math.max(a, b) % (all.length + 1);
            const push = all.slice(from, Math.max(to, from + 1));
            const before = contents(messy.snap);
            const lastSeqBefore = messy.lastSeq;
            if (deliver(messy, push) === "gap") {
              // A refused push changes nothing at all.
              expect(contents(messy.snap)).toEqual(before);
              expect(messy.lastSeq).toBe(lastSeqBefore);
            }
          }
          expect(deliver(messy, all)).toBe("ok");
          expect(messy.lastSeq).toBe(all.length);
          expect(contents(messy.snap)).toEqual(contents(clean.snap));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a resent push is all duplicates and changes nothing", () => {
    fc.assert(
      fc.property(fc.array(bodyArb, { minLength: 1, maxLength: 20 }), (bodies) => {
        const all = bodies.map((b, i) => ({ seq: i + 1, ...b }) as MutationEnvelope);
        const server: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
        deliver(server, all);
        const before = contents(server.snap);
        const version = server.version;
        const again = applyPush(server.snap, server.lastSeq, all, version + 1, defaults);
        expect(again.acks.every((a) => a.status === "duplicate")).toBe(true);
        expect(again.changed).toBe(false);
        expect(contents(server.snap)).toEqual(before);
      }),
    );
  });

  it("a set deleted before it arrives lands deleted; a deleted session takes later sets with it", () => {
    const server: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
    const bodies = [
      { op: "set.delete", args: { id: "x1" } },
      { op: "session.delete", args: { id: "s1" } },
      {
        op: "set.log",
        args: {
          id: "x1",
          session_id: "s9",
          exercise_id: "squat",
          set_index: 0,
          started_at: "2026-11-20T07:00:00Z",
          ended_at: "2026-11-20T07:01:00Z",
          reps: 5,
        },
      },
      {
        op: "set.log",
        args: {
          id: "x2",
          session_id: "s1",
          exercise_id: "squat",
          set_index: 0,
          started_at: "2026-11-20T07:00:00Z",
          ended_at: "2026-11-20T07:01:00Z",
          reps: 5,
        },
      },
    ];
    deliver(
      server,
      bodies.map((b, i) => ({ seq: i + 1, ...b }) as MutationEnvelope),
    );
    expect(server.snap.sets.get("x1")?.deleted).toBe(true);
    expect(server.snap.sets.get("x2")?.deleted).toBe(true);
  });

  it("plan revs: create, replace with the right base, conflict with a stale one", () => {
    const server: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
    const plan = (name: string) => ({ name, days: [] });
    const out = applyPush(
      server.snap,
      0,
      [
        { seq: 1, op: "plan.put", args: { id: "p", base_rev: 0, plan: plan("a") } },
        { seq: 2, op: "plan.put", args: { id: "p", base_rev: 1, plan: plan("b") } },
        { seq: 3, op: "plan.put", args: { id: "p", base_rev: 1, plan: plan("c") } },
      ],
      1,
      defaults,
    );
    expect(out.acks.map((a) => a.status)).toEqual(["applied", "applied", "conflict"]);
    expect(out.acks[2]?.current).toMatchObject({ rev: 2, plan: { name: "b" } });
    expect(server.snap.plans.get("p")?.plan?.name).toBe("b");
  });
});

/** Mutations numbered by `seqs`, each logging its own run so every applied one shows. */
const bySeq = (seqs: readonly number[]): MutationEnvelope[] =>
  seqs.map((seq, i) => ({
    seq,
    op: "run.log",
    args: { id: `r${i}`, date: "2026-11-20", distance_m: 5000, duration_s: 1500, kind: "easy" },
  }));

describe("seq rule", () => {
  it.each([
    { name: "a repeat [1, 1]", lastSeq: 0, seqs: [1, 1] },
    { name: "a hole [1, 3]", lastSeq: 0, seqs: [1, 3] },
    { name: "a late start [2]", lastSeq: 0, seqs: [2] },
    { name: "a step back [1, 2, 1]", lastSeq: 0, seqs: [1, 2, 1] },
    { name: "a hole after duplicates [4, 5, 7]", lastSeq: 5, seqs: [4, 5, 7] },
    { name: "a repeat after duplicates [5, 6, 6]", lastSeq: 5, seqs: [5, 6, 6] },
  ])("$name is a gap whose expected is last_seq + 1", ({ lastSeq, seqs }) => {
    expect(checkSeqs(lastSeq, bySeq(seqs))).toEqual({ kind: "gap", expected: lastSeq + 1 });
  });

  it.each([
    { name: "consecutive from last_seq + 1", lastSeq: 0, seqs: [1, 2, 3] },
    { name: "a duplicate prefix then the new ones", lastSeq: 3, seqs: [2, 3, 4, 5] },
    { name: "duplicates between the new ones", lastSeq: 3, seqs: [4, 1, 5, 3] },
    { name: "only duplicates", lastSeq: 3, seqs: [3, 1, 3] },
    { name: "an empty batch", lastSeq: 3, seqs: [] },
  ])("$name is accepted", ({ lastSeq, seqs }) => {
    expect(checkSeqs(lastSeq, bySeq(seqs))).toEqual({ kind: "ok" });
  });

  it("a mixed duplicate-prefix batch acknowledges the old seqs duplicate and applies the new", () => {
    const server: Server = { snap: emptySnapshot(), lastSeq: 0, version: 0 };
    expect(deliver(server, bySeq([1, 2]))).toBe("ok");
    const out = applyPush(server.snap, server.lastSeq, bySeq([1, 2, 3, 4]), 2, defaults);
    expect(out.acks.map((a) => [a.seq, a.status])).toEqual([
      [1, "duplicate"],
      [2, "duplicate"],
      [3, "applied"],
      [4, "applied"],
    ]);
    expect(out.lastSeq).toBe(4);
  });

  it("property: any batch is either applied consecutively, or refused with expected = last_seq + 1 and nothing changed", () => {
    fc.assert(
      fc.property(
        fc.nat(12).chain((lastSeq) =>
          fc.tuple(
            fc.constant(lastSeq),
            fc.oneof(
              // Anything at all…
              fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 12 }),
              // …and near-valid batches: old seqs mixed into a consecutive run, maybe broken once.
              fc
                .tuple(
                  fc.array(fc.integer({ min: 1, max: Math.max(1, lastSeq) }), { maxLength: 4 }),
                  fc.nat(6),
                  fc.option(fc.tuple(fc.nat(10), fc.integer({ min: 1, max: 20 }))),
                )
                .map(([old, count, breakAt]) => {
                  const seqs = [
                    ...old.filter((s) => s <= lastSeq),
                    ...Array.from({ length: count }, (_, i) => lastSeq + 1 + i),
                  ];
                  if (breakAt && seqs.length > 0) seqs[breakAt[0] % seqs.length] = breakAt[1];
                  return seqs;
                }),
            ),
          ),
        ),
        ([lastSeq, seqs]) => {
          const server: Server = { snap: emptySnapshot(), lastSeq, version: 7 };
          const push = bySeq(seqs);
          const check = checkSeqs(lastSeq, push);
          const fresh = seqs.filter((s) => s > lastSeq);
          if (check.kind === "gap") {
            expect(check.expected).toBe(lastSeq + 1);
            // The new seqs really were not lastSeq + 1, lastSeq + 2, … in order.
            expect(fresh).not.toEqual(fresh.map((_, i) => lastSeq + 1 + i));
            const before = contents(server.snap);
            expect(deliver(server, push)).toBe("gap");
            expect(server.lastSeq).toBe(lastSeq);
            expect(server.version).toBe(7);
            expect(contents(server.snap)).toEqual(before);
            return;
          }
          expect(fresh).toEqual(fresh.map((_, i) => lastSeq + 1 + i));
          const out = applyPush(server.snap, lastSeq, push, 8, defaults);
          expect(out.lastSeq).toBe(lastSeq + fresh.length);
          // Every old seq is a duplicate, every new one applied exactly once, in batch order.
          expect(out.acks.map((a) => a.seq)).toEqual(seqs);
          out.acks.forEach((a, i) => {
            expect(a.status).toBe(
              seqs[i] !== undefined && seqs[i] > lastSeq ? "applied" : "duplicate",
            );
          });
          expect(server.snap.runs.size).toBe(fresh.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

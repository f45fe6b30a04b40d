// The args rules of each op, and that checking one mutation never throws whatever arrives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MutationEnvelope, type OpName, opArgs, parseMutationArgs } from "./mutations.ts";

const setLog = (extra: Record<string, unknown> = {}) => ({
  id: "01JD0000000000000000000000-1",
  session_id: "01JD0000000000000000000000",
  exercise_id: "squat",
  set_index: 0,
  started_at: "2026-11-20T07:00:00Z",
  ended_at: "2026-11-20T07:00:40+01:00",
  reps: 12,
  ...extra,
});

const check = (op: OpName, args: Record<string, unknown>) =>
  parseMutationArgs({ seq: 1, op, args });

describe("mutation args", () => {
  it("accepts a set with reps or with a hold, and refuses one with both or neither", () => {
    expect(check("set.log", setLog()).ok).toBe(true);
    expect(check("set.log", setLog({ reps: undefined, hold_s: 30 })).ok).toBe(true);
    const both = check("set.log", setLog({ hold_s: 30 }));
    expect(both.ok).toBe(false);
    const neither = check("set.log", setLog({ reps: undefined }));
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect(neither.error).toMatch(/exactly one/);
  });

  it("accepts any year with an offset (a watch at 1970) but refuses times without an offset", () => {
    expect(check("session.start", { id: "s1", started_at: "1970-01-01T00:00:00Z" }).ok).toBe(true);
    expect(check("session.start", { id: "s1", started_at: "2026-11-20T07:00:00-05:00" }).ok).toBe(
      true,
    );
    const local = check("session.start", { id: "s1", started_at: "2026-11-20T07:00:00" });
    expect(local.ok).toBe(false);
    if (!local.ok) expect(local.issues[0]?.path).toBe("started_at");
  });

  it("limits client ids to 40 URL-safe characters", () => {
    expect(check("run.delete", { id: "a".repeat(40) }).ok).toBe(true);
    expect(check("run.delete", { id: "a".repeat(41) }).ok).toBe(false);
    expect(check("run.delete", { id: "has space" }).ok).toBe(false);
    expect(check("run.delete", { id: "" }).ok).toBe(false);
  });

  it("needs at least one field in settings.put and a known test in assessment.log", () => {
    expect(check("settings.put", {}).ok).toBe(false);
    expect(check("settings.put", { units: "imperial" }).ok).toBe(true);
    expect(check("settings.put", { active_plan_id: null }).ok).toBe(true);
    expect(
      check("assessment.log", { id: "a1", date: "2026-11-20", test: "plank_hold", value: 95 }).ok,
    ).toBe(true);
    expect(
      check("assessment.log", { id: "a1", date: "2026-11-20", test: "bench_press", value: 95 }).ok,
    ).toBe(false);
  });

  it("accepts a real IANA time zone in settings.put and refuses an unknown one with a sentence", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]) {
      const ok = check("settings.put", { time_zone: zone });
      expect(ok.ok, zone).toBe(true);
      if (ok.ok && ok.mutation.op === "settings.put") expect(ok.mutation.args.time_zone).toBe(zone);
    }
    const mars = check("settings.put", { time_zone: "Mars/Olympus" });
    expect(mars.ok).toBe(false);
    if (!mars.ok) {
      expect(mars.issues).toEqual([
        {
          path: "time_zone",
          message: "That is not a time zone we know. Choose one from the list, like Europe/Berlin.",
        },
      ]);
    }
    const long = check("settings.put", { time_zone: `Europe/${"x".repeat(64)}` });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues[0]?.message).toMatch(/at most 64 characters/);
    const empty = check("settings.put", { time_zone: "" });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.issues[0]?.message).toMatch(/^Choose a time zone/);
  });

  it("refuses an RPE outside 1-10 and negative reps", () => {
    expect(check("set.log", setLog({ rpe: 11 })).ok).toBe(false);
    expect(check("set.log", setLog({ rpe: 0 })).ok).toBe(false);
    expect(check("set.log", setLog({ reps: -1 })).ok).toBe(false);
    expect(check("session.finish", { id: "s", ended_at: "2026-11-20T08:00:00Z", rpe: 7 }).ok).toBe(
      true,
    );
  });

  it("the envelope refuses unknown ops and non-positive seqs", () => {
    expect(MutationEnvelope.safeParse({ seq: 1, op: "set.log", args: {} }).success).toBe(true);
    expect(MutationEnvelope.safeParse({ seq: 1, op: "set.upsert", args: {} }).success).toBe(false);
    expect(MutationEnvelope.safeParse({ seq: 0, op: "set.log", args: {} }).success).toBe(false);
    expect(MutationEnvelope.safeParse({ seq: 1.5, op: "set.log", args: {} }).success).toBe(false);
  });

  it("property: checking any args of any op never throws and a rejection always says why", () => {
    const ops = Object.keys(opArgs) as OpName[];
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (op, args) => {
          const result = parseMutationArgs({ seq: 1, op, args });
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(0);
            expect(result.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: every well-formed set.log is accepted and keeps its values", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom("left", "right", undefined),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (reps, setIndex, side, rpe) => {
          const result = check("set.log", setLog({ reps, set_index: setIndex, side, rpe }));
          expect(result.ok).toBe(true);
          if (result.ok && result.mutation.op === "set.log") {
            expect(result.mutation.args.reps).toBe(reps);
            expect(result.mutation.args.side).toBe(side);
          }
        },
      ),
    );
  });
});

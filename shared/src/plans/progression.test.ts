// Progression replayed from logged sessions: double progression for reps, +5 s holds to 60 s,
// slower plyometrics, repeats after a miss, holds at RPE 9–10, and one answer per history.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanItem } from "../schemas/plan.ts";
import { type LoggedSet, progressItem } from "./progression.ts";

let n = 0;
/** One logged session of an exercise: one set per number given. */
function session(
  exercise: string,
  date: string,
  values: number[],
  opts: { hold?: boolean; rpe?: number } = {},
): LoggedSet[] {
  const id = `s${n++}`;
  return values.map((v) => ({
    session_id: id,
    exercise_id: exercise,
    date,
    started_at: `${date}T07:00:00Z`,
    reps: opts.hold ? null : v,
    hold_s: opts.hold ? v : null,
    rpe: opts.rpe ?? null,
    session_rpe: null,
  }));
}

const SQUAT: PlanItem = {
  exercise_id: "squat",
  name: "Squat",
  mode: "reps",
  per_side: false,
  sets: 3,
  target_reps: 10,
  rest_s: 60,
};
const BRIDGE: PlanItem = {
  exercise_id: "glute-bridge",
  name: "Glute bridge",
  mode: "reps",
  per_side: false,
  sets: 3,
  target_reps: 15,
  rest_s: 60,
};
const PLANK: PlanItem = {
  exercise_id: "plank",
  name: "Plank",
  mode: "hold",
  per_side: false,
  sets: 3,
  target_hold_s: 50,
  rest_s: 30,
};
const JUMP: PlanItem = {
  exercise_id: "knee-tuck-jump",
  name: "Knee tuck jump",
  mode: "reps",
  per_side: false,
  sets: 3,
  target_reps: 6,
  rest_s: 90,
};

describe("progressItem", () => {
  it("leaves the plan's targets alone without history", () => {
    expect(progressItem(SQUAT, [], [])).toEqual({ item: SQUAT, reason: null });
  });

  it("moves up the rep range after a session where every set hit its target", () => {
    const r = progressItem(SQUAT, session("squat", "2026-12-01", [10, 10, 11]), []);
    expect(r.item.target_reps).toBe(12);
    expect(r.reason).toBe("Every set hit its target, so 2 more reps.");
  });

  it("repeats the step after a miss", () => {
    const r = progressItem(SQUAT, session("squat", "2026-12-01", [10, 9, 10]), []);
    expect(r.item).toEqual(SQUAT);
  });

  it("holds the step when the effort was 9 or 10 out of 10", () => {
    const r = progressItem(SQUAT, session("squat", "2026-12-01", [10, 10, 10], { rpe: 9 }), []);
    expect(r.item.target_reps).toBe(10);
  });

  it("two sessions with every set at the top of the range → harder variation, back to the bottom", () => {
    const history = [
      ...session("glute-bridge", "2026-12-01", [15, 15, 15]),
      ...session("glute-bridge", "2026-12-03", [15, 15, 16]),
    ];
    const one = progressItem(BRIDGE, history.slice(0, 3), []);
    expect(one.item).toEqual(BRIDGE);
    const two = progressItem(BRIDGE, history, []);
    // Hip thrust needs a bench: without one the next harder variation is the single-leg bridge.
    expect(two.item).toMatchObject({
      variation: "Single-leg glute bridge",
      name: "Single-leg glute bridge",
      target_reps: 15,
    });
    expect(two.reason).toMatch(
      /2 sessions at the top of the range: on to the harder variation, Single-leg glute bridge/,
    );
    expect(progressItem(BRIDGE, history, ["bench"]).item.variation).toBe("Hip thrust");
  });

  it("adds weight once the harder variations are used up and a load is at hand", () => {
    const goblet: PlanItem = { ...SQUAT, exercise_id: "goblet-squat", name: "Goblet squat" };
    const history = [
      ...session("goblet-squat", "2026-12-01", [10, 10, 10]),
      ...session("goblet-squat", "2026-12-03", [10, 10, 10]),
    ];
    expect(progressItem(goblet, history, ["kettlebell"]).item).toMatchObject({
      weight_kg: 2.5,
      target_reps: 10,
    });
    // Bodyweight only: one more set instead.
    const lunge: PlanItem = {
      exercise_id: "walking-lunge",
      name: "Walking lunge",
      mode: "reps",
      per_side: true,
      sets: 3,
      target_reps: 10,
      rest_s: 60,
    };
    const lunges = [
      ...session("walking-lunge", "2026-12-01", [10, 10, 10]),
      ...session("walking-lunge", "2026-12-03", [10, 10, 10]),
    ];
    expect(progressItem(lunge, lunges, []).item).toMatchObject({ sets: 4, target_reps: 10 });
  });

  it("grows holds by 5 s per successful session up to 60 s, then the harder variation", () => {
    const h = [
      ...session("plank", "2026-12-01", [50, 50, 52], { hold: true }),
      ...session("plank", "2026-12-03", [55, 55, 55], { hold: true }),
    ];
    expect(progressItem(PLANK, h.slice(0, 3), []).item.target_hold_s).toBe(55);
    expect(progressItem(PLANK, h, []).item.target_hold_s).toBe(60);
    const more = [...h, ...session("plank", "2026-12-05", [60, 60, 60], { hold: true })];
    const r = progressItem(PLANK, more, []);
    expect(r.item).toMatchObject({ variation: "Plank with shoulder taps", target_hold_s: 30 });
  });

  it("progresses plyometrics slowest: one rep at a time and three sessions at the top", () => {
    const twice = [
      ...session("knee-tuck-jump", "2026-12-01", [6, 6, 6]),
      ...session("knee-tuck-jump", "2026-12-03", [6, 6, 6]),
    ];
    expect(progressItem(JUMP, twice, []).item).toEqual(JUMP);
    const thrice = [...twice, ...session("knee-tuck-jump", "2026-12-05", [6, 6, 6])];
    expect(progressItem(JUMP, thrice, []).item.sets).toBe(4);
  });

  it("gives the same answer whatever order the sets arrive in, and never passes the range or 60 s", () => {
    const setArb = fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        values: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 4 }),
        rpe: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(setArb, fc.constantFrom(SQUAT, PLANK, JUMP), fc.nat(), (sessions, base, seed) => {
        const hold = base.mode === "hold";
        const history = sessions.flatMap((s, i) =>
          session(base.exercise_id, `2026-12-${String(s.day).padStart(2, "0")}`, s.values, {
            hold,
            ...(s.rpe ? { rpe: s.rpe } : {}),
          }).map((x) => ({ ...x, started_at: `${x.date}T0${i % 10}:00:00Z` })),
        );
        const shuffled = [...history].sort(
          (a, b) =>
            ((a.session_id.length * 31 + seed) % 7) - ((b.session_id.length * 17 + seed) % 5),
        );
        const a = progressItem(base, history, []);
        expect(progressItem(base, shuffled, [])).toEqual(a);
        if (hold) expect(a.item.target_hold_s ?? 0).toBeLessThanOrEqual(60);
        else expect(a.item.target_reps ?? 0).toBeLessThanOrEqual(15);
        expect(a.item.sets).toBeLessThanOrEqual(base.sets + 2);
      }),
      { numRuns: 300 },
    );
  });
});

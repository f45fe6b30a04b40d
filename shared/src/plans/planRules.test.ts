// Each plan rule on its own: a plan that keeps it passes, one that breaks it is reported with
// the rule id, the weekday where there is one, and a sentence a runner can act on.
import { describe, expect, it } from "vitest";
import type { PlanDay, PlanInputs, PlanItem } from "../schemas/plan.ts";
import { planItemFor } from "./exerciseChoice.ts";
import { checkPlan } from "./planRules.ts";

const WEEK: PlanInputs["running_week"] = [
  { weekday: 1, run: "rest" },
  { weekday: 2, run: "intervals" },
  { weekday: 3, run: "easy" },
  { weekday: 4, run: "tempo" },
  { weekday: 5, run: "rest" },
  { weekday: 6, run: "long" },
  { weekday: 7, run: "easy" },
];
const INPUTS: PlanInputs = {
  running_week: WEEK,
  sessions_per_week: 2,
  minutes: 30,
  equipment: [],
  level: "new",
};

const item = (id: string): PlanItem => planItemFor(id, "new");
const LOWER = [item("calf-raise"), item("reverse-lunge"), item("squat")];
const UPPER = [item("push-up"), item("plank"), item("side-plank")];

function week(strength: Record<number, PlanItem[]>): { days: PlanDay[] } {
  return {
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, items: strength[weekday] ?? [] })),
  };
}

const rules = (plan: { days: PlanDay[] }, inputs = INPUTS) =>
  checkPlan(plan, inputs).map((v) => [v.rule, v.weekday ?? null]);

describe("checkPlan", () => {
  it("passes a plan that keeps every rule", () => {
    expect(checkPlan(week({ 4: LOWER, 7: UPPER }), INPUTS)).toEqual([]);
  });

  it("session_count: strength days must match sessions_per_week", () => {
    expect(rules(week({ 4: LOWER }), INPUTS)).toContainEqual(["session_count", null]);
    const v = checkPlan(week({ 4: [...LOWER, ...UPPER] }), INPUTS)[0];
    expect(v?.message).toBe("The plan has 1 strength day a week but you asked for 2.");
  });

  it("no_strength_before_key_run: names the day and the run it would spoil", () => {
    const found = checkPlan(week({ 5: LOWER, 7: UPPER }), INPUTS);
    expect(found).toEqual([
      {
        rule: "no_strength_before_key_run",
        weekday: 5,
        message:
          "Friday's strength session is the day before your long run on Saturday; your legs need to be fresh for it.",
      },
    ]);
  });

  it("no_strength_before_key_run: Sunday before a Monday key run counts", () => {
    const mondayRace: PlanInputs = {
      ...INPUTS,
      running_week: WEEK.map((d) => (d.weekday === 1 ? { weekday: 1, run: "race" } : d)),
    };
    expect(rules(week({ 4: LOWER, 7: UPPER }), mondayRace)).toContainEqual([
      "no_strength_before_key_run",
      7,
    ]);
  });

  it("no_back_to_back_strength: two days in a row, Sunday → Monday included", () => {
    expect(rules(week({ 2: LOWER, 3: UPPER }))).toContainEqual(["no_back_to_back_strength", 3]);
    const sundayMonday = {
      ...INPUTS,
      running_week: WEEK.map((d) => ({ ...d, run: "easy" as const })),
    };
    expect(rules(week({ 7: LOWER, 1: UPPER }), sundayMonday)).toContainEqual([
      "no_back_to_back_strength",
      1,
    ]);
  });

  it("rest_day: at least one rest day stays free of strength work", () => {
    expect(rules(week({ 1: LOWER, 5: UPPER }))).toContainEqual(["rest_day", null]);
    const noRest = {
      ...INPUTS,
      running_week: WEEK.map((d) => (d.run === "rest" ? { ...d, run: "cross" as const } : d)),
    };
    const v = checkPlan(week({ 4: LOWER, 7: UPPER }), noRest).find((x) => x.rule === "rest_day");
    expect(v?.message).toMatch(/no rest day/);
    // Cross-training is not rest.
    expect(v).toBeDefined();
  });

  it("fits_minutes: a session longer than the runner's minutes is reported on its day", () => {
    const long = [...LOWER, item("glute-bridge"), item("one-leg-squat"), item("step-up")];
    const found = checkPlan(week({ 4: long, 7: UPPER }), { ...INPUTS, minutes: 20 });
    expect(found.map((v) => [v.rule, v.weekday])).toContainEqual(["fits_minutes", 4]);
    expect(found.find((v) => v.rule === "fits_minutes")?.message).toMatch(
      /^Thursday's session takes about \d+ minutes, more than the 20 you have\.$/,
    );
  });

  it("equipment: exercises and variations need kit the runner listed", () => {
    const withRow = [...UPPER, item("dumbbell-row")];
    expect(rules(week({ 4: LOWER, 7: withRow }))).toContainEqual(["equipment", 7]);
    expect(
      checkPlan(week({ 4: LOWER, 7: withRow }), { ...INPUTS, equipment: ["dumbbell"] }),
    ).toEqual([]);
    const goblet = { ...item("calf-raise"), variation: "Weighted calf raise" };
    expect(rules(week({ 4: [goblet, ...LOWER.slice(1)], 7: UPPER }))).toContainEqual([
      "equipment",
      4,
    ]);
    const unknown = { ...item("squat"), exercise_id: "hula-hoop" };
    expect(rules(week({ 4: [...LOWER, unknown], 7: UPPER }))).toContainEqual(["equipment", 4]);
  });

  it("coverage: with 2+ sessions the week has legs, core, upper body, calf and single-leg work", () => {
    const noUpper = [item("plank"), item("side-plank")];
    const found = checkPlan(week({ 4: LOWER, 7: noUpper }), INPUTS);
    expect(found).toEqual([
      expect.objectContaining({
        rule: "coverage",
        message: expect.stringMatching(/no upper-body work/),
      }),
    ]);
    const noCalf = [item("reverse-lunge"), item("squat")];
    expect(checkPlan(week({ 4: noCalf, 7: UPPER }), INPUTS)[0]?.message).toMatch(
      /no calf or foot work/,
    );
    const noSingleLeg = [item("calf-raise"), item("squat")];
    expect(checkPlan(week({ 4: noSingleLeg, 7: UPPER }), INPUTS)[0]?.message).toMatch(
      /no single-leg work/,
    );
    // One session a week is a full-body minimum: coverage is not asked of it.
    expect(checkPlan(week({ 4: noSingleLeg }), { ...INPUTS, sessions_per_week: 1 })).toEqual([]);
  });
});

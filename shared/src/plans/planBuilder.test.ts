// The builder's choices on concrete weeks: where strength goes, which day is lower body, what
// beginners and experienced runners get, kit, short sessions and the shape plan.put carries.
import { describe, expect, it } from "vitest";
import { PlanBody } from "../schemas/plan.ts";
import type { GeneratePlanRequest } from "../schemas/planning.ts";
import { planItemFor, swapCandidates } from "./exerciseChoice.ts";
import { generatePlan } from "./planBuilder.ts";

const REQUEST: GeneratePlanRequest = {
  running_week: [
    { weekday: 1, run: "rest" },
    { weekday: 2, run: "intervals", distance_m: 8000 },
    { weekday: 3, run: "easy", distance_m: 6000 },
    { weekday: 4, run: "tempo" },
    { weekday: 5, run: "rest" },
    { weekday: 6, run: "long", distance_m: 18000 },
    { weekday: 7, run: "cross" },
  ],
  sessions_per_week: 2,
  minutes: 30,
  equipment: ["dumbbell", "step"],
  level: "new",
  start_date: "2026-12-07",
  weeks: 8,
  race_date: "2027-03-14",
};

const ids = (items: { exercise_id: string }[]) => items.map((i) => i.exercise_id);

describe("generatePlan", () => {
  it("answers the design document's example with a PlanBody plan.put can carry", () => {
    const { plan, violations, estimated_minutes } = generatePlan(REQUEST);
    expect(PlanBody.parse(plan)).toEqual(plan);
    expect(violations).toEqual([]);
    expect(plan).toMatchObject({ start_date: "2026-12-07", weeks: 8, race_date: "2027-03-14" });
    expect(plan.inputs?.level).toBe("new");
    // Runs are carried; rest and cross days have none and a cross day says so in its title.
    expect(plan.days[1]?.run).toEqual({ kind: "intervals", distance_m: 8000 });
    expect(plan.days[0]?.run).toBeUndefined();
    expect(plan.days[6]?.run).toBeUndefined();
    expect(plan.days[6]?.title).toMatch(/^Cross-training/);
    const strength = plan.days.filter((d) => d.items.length > 0).map((d) => d.weekday);
    expect(Object.keys(estimated_minutes).map(Number)).toEqual(strength);
  });

  it("puts lower-body work on the strength day furthest from the next key run", () => {
    const week = generatePlan({
      ...REQUEST,
      running_week: [
        { weekday: 1, run: "easy" },
        { weekday: 2, run: "rest" },
        { weekday: 3, run: "intervals" },
        { weekday: 4, run: "easy" },
        { weekday: 5, run: "rest" },
        { weekday: 6, run: "easy" },
        { weekday: 7, run: "long" },
      ],
    }).plan;
    // Monday is 2 days from Wednesday's intervals; Thursday is 3 days from Sunday's long run.
    expect(week.days.find((d) => d.title === "Lower body")?.weekday).toBe(4);
    expect(week.days.find((d) => d.weekday === 1)?.title).toBe("Core & upper body");
  });

  it("keeps lower-body work off the long-run day when another strength day is free of one", () => {
    const { plan } = generatePlan({
      ...REQUEST,
      sessions_per_week: 3,
      minutes: 40,
      running_week: [
        { weekday: 1, run: "rest" },
        { weekday: 2, run: "easy" },
        { weekday: 3, run: "tempo" },
        { weekday: 4, run: "easy" },
        { weekday: 5, run: "rest" },
        { weekday: 6, run: "long" },
        { weekday: 7, run: "easy" },
      ],
    });
    // Only Monday, Thursday and Saturday avoid the days before key runs and each other.
    expect(plan.days.filter((d) => d.items.length > 0).map((d) => d.weekday)).toEqual([1, 4, 6]);
    expect(plan.days.find((d) => d.weekday === 6)?.title).not.toMatch(/Lower body/);
    expect(plan.days.find((d) => d.weekday === 1)?.title).toBe("Lower body");
  });

  it("starts new runners at the bottom of each range and the experienced on a harder variation", () => {
    expect(planItemFor("squat", "new").target_reps).toBe(10);
    expect(planItemFor("squat", "some").target_reps).toBe(13);
    expect(planItemFor("plank", "new").target_hold_s).toBe(30);
    expect(planItemFor("plank", "experienced").target_hold_s).toBe(60);
    const drop = planItemFor("eccentric-calf-raise", "experienced", ["step", "dumbbell"]);
    expect(drop).toMatchObject({
      variation: "Loaded heel drop",
      name: "Loaded heel drop",
      target_reps: 10,
    });
    // Without a load the harder variation is out of reach: top of the range instead.
    expect(planItemFor("eccentric-calf-raise", "experienced", ["step"])).toMatchObject({
      target_reps: 15,
    });
    expect(planItemFor("eccentric-calf-raise", "experienced", ["step"]).variation).toBeUndefined();
  });

  it("respects the kit: bodyweight only never gets dumbbells, a step brings eccentric calf raises", () => {
    const bare = generatePlan({ ...REQUEST, equipment: [] }).plan;
    const all = bare.days.flatMap((d) => ids(d.items));
    expect(all).not.toContain("dumbbell-row");
    expect(all).not.toContain("eccentric-calf-raise");
    expect(all).toContain("calf-raise");
    const withStep = generatePlan({ ...REQUEST, equipment: ["step"] }).plan;
    expect(withStep.days.flatMap((d) => ids(d.items))).toContain("eccentric-calf-raise");
    const withDumbbell = generatePlan({
      ...REQUEST,
      sessions_per_week: 3,
      equipment: ["dumbbell"],
    }).plan;
    expect(withDumbbell.days.flatMap((d) => ids(d.items))).toContain("dumbbell-row");
  });

  it("builds short sessions from the bare-minimum routine", () => {
    const { plan, violations } = generatePlan({ ...REQUEST, minutes: 12, equipment: ["step"] });
    expect(violations).toEqual([]);
    for (const day of plan.days.filter((d) => d.items.length > 0)) {
      expect(day.title).toMatch(/Bare minimum/);
      expect(ids(day.items).slice(0, 3)).toEqual([
        "eccentric-calf-raise",
        "one-leg-squat",
        "side-plank",
      ]);
    }
  });

  it("splits three sessions into lower-body, core and upper-body days", () => {
    const { plan } = generatePlan({ ...REQUEST, sessions_per_week: 3, minutes: 40 });
    const titles = plan.days
      .filter((d) => d.items.length > 0)
      .map((d) => d.title?.replace(/^Cross-training \+ /, ""));
    expect(new Set(titles)).toEqual(new Set(["Lower body", "Core", "Upper body & core"]));
  });

  it("keeps quality over quantity: at most six exercises however long the session", () => {
    const { plan } = generatePlan({
      ...REQUEST,
      minutes: 60,
      equipment: ["dumbbell", "step", "box", "towel"],
      level: "experienced",
    });
    for (const d of plan.days) expect(d.items.length).toBeLessThanOrEqual(6);
  });

  it("offers swaps of the same focus that fit the kit", () => {
    expect(swapCandidates("squat", [])).toContain("reverse-lunge");
    expect(swapCandidates("squat", [])).not.toContain("goblet-squat");
    expect(swapCandidates("squat", ["kettlebell"])).toContain("goblet-squat");
    expect(swapCandidates("push-up", [])).toEqual([]);
    expect(swapCandidates("unknown", [])).toEqual([]);
  });
});

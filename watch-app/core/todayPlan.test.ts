// Today's session from a plan, and the local weekday it is picked by.
import type { PlanBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import { isoWeekday, localDate, todayFromPlan } from "./todayPlan.ts";

describe("isoWeekday", () => {
  it("follows the local offset across midnight, and works before 1970", () => {
    const sundayLate = Date.UTC(2025, 0, 5, 23, 30); // Sunday 23:30 UTC
    expect(isoWeekday(sundayLate, 0)).toBe(7);
    expect(isoWeekday(sundayLate, 60)).toBe(1);
    expect(isoWeekday(Date.UTC(2025, 0, 6, 0, 30), -60)).toBe(7);
    expect(isoWeekday(0, 0)).toBe(4);
    expect(isoWeekday(Date.UTC(1969, 11, 29), 0)).toBe(1);
    expect(localDate(sundayLate, 60)).toBe("2025-01-06");
  });
});

describe("todayFromPlan", () => {
  const plan: PlanBody = {
    name: "Base",
    days: [
      {
        weekday: 2,
        title: "Strength",
        items: [
          {
            exercise_id: "squat",
            mode: "reps",
            per_side: false,
            sets: 3,
            target_reps: 8,
            rest_s: 60,
          },
          { exercise_id: "mystery", mode: "amrap", per_side: false, sets: 1, rest_s: 0 },
        ],
      },
    ],
  };
  const labels = new Map([["squat", { name: "Squat", cue: "Sit back" }]]);

  it("names items from the plan, then the catalog, then the id", () => {
    expect(todayFromPlan("P", plan, 2, labels)).toEqual({
      weekday: 2,
      planId: "P",
      planName: "Base",
      title: "Strength",
      items: [
        {
          exercise_id: "squat",
          name: "Squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          rest_s: 60,
          target_reps: 8,
        },
        {
          exercise_id: "mystery",
          name: "mystery",
          mode: "amrap",
          per_side: false,
          sets: 1,
          rest_s: 0,
        },
      ],
      cues: { squat: "Sit back" },
    });
  });

  it("gives a rest day when the plan has no day for the weekday, and nothing without a plan", () => {
    expect(todayFromPlan("P", plan, 5, labels)).toMatchObject({
      planId: "P",
      title: null,
      items: [],
    });
    expect(todayFromPlan(null, null, 5, labels)).toEqual({
      weekday: 5,
      planId: null,
      planName: null,
      title: null,
      items: [],
      cues: {},
    });
  });
});

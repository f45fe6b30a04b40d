// Today's session from a plan, and the local weekday it is picked by.
import type { PlanBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import {
  isoWeekday,
  localDate,
  localDays,
  noPlanToday,
  todayFromPlan,
  todayFromSession,
} from "./todayPlan.ts";

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

describe("localDays", () => {
  it("gives today and the following local dates with their weekdays, across a month end", () => {
    const lateSunday = Date.UTC(2025, 0, 26, 23, 30);
    expect(localDays(lateSunday, 60, 7)).toEqual([
      { date: "2025-01-27", weekday: 1 },
      { date: "2025-01-28", weekday: 2 },
      { date: "2025-01-29", weekday: 3 },
      { date: "2025-01-30", weekday: 4 },
      { date: "2025-01-31", weekday: 5 },
      { date: "2025-02-01", weekday: 6 },
      { date: "2025-02-02", weekday: 7 },
    ]);
  });
});

describe("todayFromSession", () => {
  it("names a variation as the exercise, keeps the day's targets and carries why, deload, taper and adjusted", () => {
    const labels = new Map([["calf-raise", { name: "Calf raise", cue: "Slow down" }]]);
    const today = todayFromSession(
      { date: "2025-01-08", weekday: 3 },
      {
        plan_id: "P1",
        day: {
          weekday: 3,
          title: "Calves",
          items: [
            {
              exercise_id: "calf-raise",
              variation: "Single-leg calf raise",
              mode: "reps",
              per_side: true,
              sets: 3,
              target_reps: 15,
              rest_s: 45,
            },
          ],
        },
        deload: true,
        taper: false,
        adjusted: true,
        why: "Easier this week.",
      },
      "Base",
      labels,
    );
    expect(today).toEqual({
      weekday: 3,
      date: "2025-01-08",
      planId: "P1",
      planName: "Base",
      title: "Calves",
      items: [
        {
          exercise_id: "calf-raise",
          name: "Single-leg calf raise",
          mode: "reps",
          per_side: true,
          sets: 3,
          rest_s: 45,
          target_reps: 15,
        },
      ],
      cues: { "calf-raise": "Slow down" },
      why: "Easier this week.",
      deload: true,
      adjusted: true,
    });
    expect(noPlanToday({ date: "2025-01-08", weekday: 3 }, "x.example/plan")).toMatchObject({
      planId: null,
      date: "2025-01-08",
      planAt: "x.example/plan",
    });
  });
});

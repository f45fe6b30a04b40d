// The server's side of the week of sessions for core tests: GET /plans/today answers for the
// week of T0 (Monday 2025-01-06), the pulled plan, the catalog, and a scripted week refresh.
import type { PlanBody, PlanDay, TodayResponse } from "@runstrong/shared/schemas";
import { expect } from "vitest";
import { json, type ScriptedHttp } from "./scriptedHttp.ts";

/** T0 is Monday 2025-01-06 07:00 UTC; the clock's +60 min offset keeps it Monday. */
export const WEEK = [
  "2025-01-06",
  "2025-01-07",
  "2025-01-08",
  "2025-01-09",
  "2025-01-10",
  "2025-01-11",
  "2025-01-12",
];

/** Monday's session as the server progresses it: more reps, a harder variation. */
export const MONDAY: PlanDay = {
  weekday: 1,
  title: "Lower body",
  items: [
    {
      exercise_id: "squat",
      mode: "reps",
      per_side: false,
      sets: 3,
      target_reps: 10,
      rest_s: 90,
      weight_kg: 20,
    },
    {
      exercise_id: "side-plank",
      variation: "Side plank, leg lift",
      mode: "hold",
      per_side: true,
      sets: 2,
      target_hold_s: 35,
      rest_s: 30,
    },
  ],
};

export const THURSDAY: PlanDay = {
  weekday: 4,
  title: "Core & upper body",
  items: [
    {
      exercise_id: "push-up",
      mode: "reps",
      per_side: false,
      sets: 2,
      target_reps: 12,
      rest_s: 60,
    },
  ],
};

/** The server's answer for a date: Monday and Thursday are strength days, the rest are not. */
export function answerFor(date: string, over: Partial<TodayResponse> = {}): TodayResponse {
  const day = date === WEEK[0] ? MONDAY : date === WEEK[3] ? THURSDAY : null;
  return {
    date,
    plan_id: "P1",
    week: 3,
    deload: false,
    taper: false,
    day,
    progression:
      day === MONDAY
        ? [
            {
              exercise_id: "squat",
              from: { target_reps: 8 },
              to: { target_reps: 10 },
              reason: "All sets done last week: two more reps.",
            },
          ]
        : [],
    adjustment: null,
    ...over,
  };
}

/** The active plan as the pull carries it (the weekday fallback, and the plan's name). */
export const PLAN: PlanBody = {
  name: "Marathon base",
  days: [
    {
      weekday: 1,
      title: "Lower body",
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 8,
          rest_s: 90,
        },
      ],
    },
  ],
};

export const emptyChanges = {
  plans: [],
  sessions: [],
  sets: [],
  runs: [],
  assessments: [],
  settings: [],
};

export const planRecord = (id: string, body: PlanBody | null, deleted = false) => ({
  id,
  rev: 1,
  plan: body,
  version: 3,
  deleted,
});

export const settingsRecord = (active: string | null) => ({
  active_plan_id: active,
  units: "metric",
  rest_s_default: 60,
  version: 4,
});

export const pullPage = (
  changes: Partial<Record<keyof typeof emptyChanges, unknown[]>>,
  cursor: string,
) => json(200, { changes: { ...emptyChanges, ...changes }, cursor, has_more: false, last_seq: 0 });

export const firstPull = () =>
  pullPage({ plans: [planRecord("P1", PLAN)], settings: [settingsRecord("P1")] }, "v1");

export const EXERCISES = json(200, {
  exercises: [
    { id: "squat", name: "Squat", cues: ["Sit back and down"] },
    { id: "side-plank", name: "Side plank", cues: ["Hips high"] },
    { id: "push-up", name: "Push-up", cues: ["Body in one line"] },
  ],
});

/** Scripts the seven GET /plans/today requests of a week refresh. */
export function scriptWeek(
  http: ScriptedHttp,
  answer: (date: string) => ReturnType<typeof json> | "network" = (d) => json(200, answerFor(d)),
  dates: readonly string[] = WEEK,
): void {
  for (const date of dates) {
    http.on("GET", `/api/v1/plans/today?date=${date}`, (req) => {
      expect(req.headers.authorization).toBe("Bearer tok-1");
      return answer(date);
    });
  }
}

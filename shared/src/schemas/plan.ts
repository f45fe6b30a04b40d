// A training plan: the running week with strength sessions placed around it.
import { z } from "zod";
import { Equipment } from "../catalog/exerciseSchema.ts";
import { EntityId, IsoDate, NoteText, RunKind, SetMode, ShortText } from "./primitives.ts";
import { RUNNING_DAY_KINDS } from "./runningDayKinds.ts";

/** One exercise of a planned strength session, with everything a watch needs to run it offline. */
export const PlanItem = z.object({
  exercise_id: EntityId,
  name: ShortText.optional(),
  mode: SetMode,
  per_side: z.boolean(),
  sets: z.number().int().min(1).max(20),
  target_reps: z.number().int().min(1).max(500).optional(),
  target_hold_s: z.number().int().min(1).max(3600).optional(),
  rest_s: z.number().int().min(0).max(900),
  weight_kg: z.number().min(0).max(500).optional(),
  /** The catalog variation done instead of the plain exercise (a harder one as the runner progresses). */
  variation: ShortText.optional(),
});
export type PlanItem = z.infer<typeof PlanItem>;

/** A planned run on a day of the plan, so strength work can be placed around it. */
export const PlannedRun = z.object({
  kind: RunKind,
  distance_m: z.number().min(0).max(500_000).optional(),
  duration_s: z.number().int().min(0).max(172_800).optional(),
});
export type PlannedRun = z.infer<typeof PlannedRun>;

/** One day of the week (ISO weekday: 1 = Monday … 7 = Sunday). */
export const PlanDay = z.object({
  weekday: z.number().int().min(1).max(7),
  title: ShortText.optional(),
  routine_id: EntityId.optional(),
  items: z.array(PlanItem).max(40).default([]),
  run: PlannedRun.optional(),
});
export type PlanDay = z.infer<typeof PlanDay>;

/** What a runner does on a day of the running week; `cross` is cross-training (no run). */
export const RunningDayKind = z.enum(RUNNING_DAY_KINDS);
export type RunningDayKind = z.infer<typeof RunningDayKind>;

/** Run kinds that need fresh legs: no strength the day before them. */
export const KEY_RUN_KINDS: readonly RunningDayKind[] = ["tempo", "intervals", "long", "race"];

export const RunningDay = z.object({
  weekday: z
    .number()
    .int()
    .min(1, "Weekdays run from 1 (Monday) to 7 (Sunday).")
    .max(7, "Weekdays run from 1 (Monday) to 7 (Sunday)."),
  run: z.enum(RunningDayKind.options, {
    error: "Choose rest, easy, tempo, intervals, long, race or cross for each day.",
  }),
  distance_m: z
    .number()
    .min(0, "A run's distance cannot be negative.")
    .max(500_000, "A run's distance must be under 500 km.")
    .optional(),
  duration_s: z
    .number()
    .int()
    .min(0, "A run's duration cannot be negative.")
    .max(172_800, "A run's duration must be under 48 hours.")
    .optional(),
});
export type RunningDay = z.infer<typeof RunningDay>;

export const PlanLevel = z.enum(["new", "some", "experienced"]);
export type PlanLevel = z.infer<typeof PlanLevel>;

/** Everything about the runner the builder needs, without the dates. */
export const PlanInputs = z.object({
  running_week: z
    .array(RunningDay, { error: "Give the running week as a list of seven days." })
    .length(7, "The running week needs exactly seven days, Monday to Sunday.")
    .refine((days) => new Set(days.map((d) => d.weekday)).size === 7, {
      message: "Each weekday, Monday (1) to Sunday (7), must appear exactly once.",
    }),
  sessions_per_week: z
    .number({ error: "Choose 1 to 4 strength sessions a week." })
    .int("Choose 1 to 4 strength sessions a week.")
    .min(1, "Choose 1 to 4 strength sessions a week.")
    .max(4, "Choose 1 to 4 strength sessions a week."),
  minutes: z
    .number({ error: "Choose between 10 and 60 minutes per session." })
    .int("Choose between 10 and 60 minutes per session.")
    .min(10, "Choose between 10 and 60 minutes per session.")
    .max(60, "Choose between 10 and 60 minutes per session."),
  equipment: z
    .array(
      z.enum(Equipment.exclude(["none"]).options, {
        error: "Choose equipment from the list (bodyweight needs none).",
      }),
    )
    .max(20, "List each piece of equipment once.")
    .default([]),
  level: z.enum(PlanLevel.options, { error: "Choose a level: new, some or experienced." }),
});
export type PlanInputs = z.infer<typeof PlanInputs>;

/** A one-day change the runner accepted (a fatigue swap or move): that date runs `day` instead. */
export const PlanOverride = z.object({
  date: IsoDate,
  day: PlanDay,
});
export type PlanOverride = z.infer<typeof PlanOverride>;

/** The body carried by `plan.put`. */
export const PlanBody = z.object({
  name: ShortText,
  notes: NoteText.optional(),
  start_date: IsoDate.optional(),
  weeks: z.number().int().min(1).max(104).optional(),
  days: z.array(PlanDay).max(7),
  /** A race the plan tapers for (strength work eases off in the 10 days before it). */
  race_date: IsoDate.optional(),
  /** What the plan was built from, so it can be re-checked, edited and rebuilt. */
  inputs: PlanInputs.optional(),
  /** Accepted one-day changes; the builder keeps only recent and future ones. */
  overrides: z.array(PlanOverride).max(60).optional(),
});
export type PlanBody = z.infer<typeof PlanBody>;

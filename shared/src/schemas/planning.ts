// Wire schemas of the plans API: the plan builder's request and answer (POST /plans/generate)
// and today's session (GET /plans/today). Their rules live in shared/src/plans.
import { z } from "zod";
import { PlanBody, PlanDay, PlanInputs, PlanItem } from "./plan.ts";
import { IsoDate } from "./primitives.ts";

export const GeneratePlanRequest = PlanInputs.extend({
  start_date: z.iso.date({ error: "Enter the start date as YYYY-MM-DD." }),
  weeks: z
    .number({ error: "A plan lasts 4 to 24 weeks." })
    .int("A plan lasts 4 to 24 weeks.")
    .min(4, "A plan lasts 4 to 24 weeks.")
    .max(24, "A plan lasts 4 to 24 weeks.")
    .default(8),
  race_date: z.iso.date({ error: "Enter the race date as YYYY-MM-DD." }).optional(),
}).refine((r) => r.race_date === undefined || r.race_date > r.start_date, {
  message: "The race date must come after the start date.",
  path: ["race_date"],
});
export type GeneratePlanRequest = z.infer<typeof GeneratePlanRequest>;

export const RuleId = z.enum([
  "session_count",
  "no_strength_before_key_run",
  "no_back_to_back_strength",
  "rest_day",
  "fits_minutes",
  "equipment",
  "coverage",
]);
export type RuleId = z.infer<typeof RuleId>;

export const Violation = z.object({
  rule: RuleId,
  weekday: z.number().int().min(1).max(7).optional(),
  message: z.string(),
});
export type Violation = z.infer<typeof Violation>;

export const GeneratePlanResponse = z.object({
  plan: PlanBody,
  violations: z.array(Violation),
  /** Estimated minutes of each strength day, keyed by ISO weekday. */
  estimated_minutes: z.record(z.string(), z.number().int().min(0)),
});
export type GeneratePlanResponse = z.infer<typeof GeneratePlanResponse>;

/** Targets an item had and has now; only the fields that changed. */
const Targets = PlanItem.pick({
  sets: true,
  target_reps: true,
  target_hold_s: true,
  weight_kg: true,
  variation: true,
}).partial();

export const ProgressionNote = z.object({
  exercise_id: z.string(),
  from: Targets,
  to: Targets,
  reason: z.string(),
});
export type ProgressionNote = z.infer<typeof ProgressionNote>;

export const Adjustment = z.object({
  kind: z.enum(["swap", "move"]),
  reason: z.string(),
  day: PlanDay,
  to_date: IsoDate.optional(),
});
export type Adjustment = z.infer<typeof Adjustment>;

export const TodayQuery = z.object({
  date: z.iso.date({ error: "Give the date as YYYY-MM-DD." }).optional(),
});

export const TodayResponse = z.object({
  date: IsoDate,
  plan_id: z.string(),
  week: z.number().int().min(1),
  deload: z.boolean(),
  taper: z.boolean(),
  day: PlanDay.nullable(),
  progression: z.array(ProgressionNote),
  adjustment: Adjustment.nullable(),
  /** Set when the runner accepted a fatigue adjustment for this date (it is already in `day`). */
  adjusted: z.boolean().optional(),
  /** The estimated minutes of `day`. */
  estimated_minutes: z.number().int().min(0).optional(),
});
export type TodayResponse = z.infer<typeof TodayResponse>;

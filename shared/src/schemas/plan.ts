// A training plan: the running week with strength sessions placed around it.
import { z } from "zod";
import { EntityId, IsoDate, NoteText, RunKind, SetMode, ShortText } from "./primitives.ts";

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

/** The body carried by `plan.put`. */
export const PlanBody = z.object({
  name: ShortText,
  notes: NoteText.optional(),
  start_date: IsoDate.optional(),
  weeks: z.number().int().min(1).max(104).optional(),
  days: z.array(PlanDay).max(7),
});
export type PlanBody = z.infer<typeof PlanBody>;

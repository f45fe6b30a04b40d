// Synced rows as the server stores them and `GET /sync/pull` returns them.
import { z } from "zod";
import { REST_HR_READY_MAX, REST_HR_READY_MIN } from "../heartRate/zones.ts";
import { AssessmentTestId } from "./assessment.ts";
import { PlanBody } from "./plan.ts";
import {
  EntityId,
  IsoDate,
  IsoDateTime,
  NoteText,
  Rpe,
  RunKind,
  ShortText,
  Side,
  Units,
} from "./primitives.ts";

/**
 * Heart-rate fields came after schema 1's first release: a record carries them only when known
 * (never as null), so a record without heart rate is exactly what older clients always got.
 */
const bpm = (what: string) =>
  z.number().int().optional().describe(`${what}, in bpm (25–250); absent when not measured.`);

/** Fields every synced row carries: the per-user version it last changed at, and its tombstone. */
const Synced = {
  version: z.number().int().min(1),
  deleted: z.boolean(),
};

export const PlanRecord = z.object({
  id: EntityId,
  rev: z.number().int().min(0),
  plan: PlanBody.nullable(),
  ...Synced,
});
export type PlanRecord = z.infer<typeof PlanRecord>;

export const SessionRecord = z.object({
  id: EntityId,
  started_at: IsoDateTime.nullable(),
  ended_at: IsoDateTime.nullable(),
  plan_id: EntityId.nullable(),
  plan_day: z.number().int().nullable(),
  source: z.string().nullable(),
  name: ShortText.nullable(),
  rpe: Rpe.nullable(),
  notes: NoteText.nullable(),
  hr_avg: bpm("Average heart rate over the session"),
  ...Synced,
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const SetRecord = z.object({
  id: EntityId,
  session_id: EntityId,
  exercise_id: EntityId,
  set_index: z.number().int(),
  started_at: IsoDateTime,
  ended_at: IsoDateTime,
  reps: z.number().int().nullable(),
  hold_s: z.number().int().nullable(),
  side: Side.nullable(),
  weight_kg: z.number().nullable(),
  rpe: Rpe.nullable(),
  target_reps: z.number().int().nullable(),
  target_hold_s: z.number().int().nullable(),
  hr_avg: bpm("Average heart rate during the set"),
  hr_max: bpm("Highest heart rate during the set"),
  ...Synced,
});
export type SetRecord = z.infer<typeof SetRecord>;

export const RunRecord = z.object({
  id: EntityId,
  date: IsoDate,
  distance_m: z.number(),
  duration_s: z.number().int(),
  kind: RunKind,
  notes: NoteText.nullable(),
  avg_hr: z.number().int().nullable(),
  ...Synced,
});
export type RunRecord = z.infer<typeof RunRecord>;

export const AssessmentRecord = z.object({
  id: EntityId,
  date: IsoDate,
  test: AssessmentTestId,
  value: z.number(),
  notes: NoteText.nullable(),
  ...Synced,
});
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

export const SettingsRecord = z.object({
  active_plan_id: EntityId.nullable(),
  units: Units,
  rest_s_default: z.number().int(),
  /** IANA zone that decides the runner's "today"; null until a client sets one. */
  time_zone: z.string().max(64).nullable(),
  /** Heart-rate zones come from these (see heartRate/zones.ts); absent when not set. */
  max_hr: z
    .number()
    .int()
    .optional()
    .describe("The runner's max heart rate in bpm (100–230); absent when not set."),
  birth_year: z
    .number()
    .int()
    .optional()
    .describe("Year of birth, to estimate max heart rate from age; absent when not set."),
  /** Heart-rate-aware rest (see heartRate/zones.ts); absent when the rest goes by time only. */
  rest_hr_ready: z
    .number()
    .int()
    .optional()
    .describe(
      `Heart-rate-aware rest: a rest is over when heart rate drops below this many bpm (${REST_HR_READY_MIN}–${REST_HR_READY_MAX}), or when the rest time runs out; absent when not set (rest by time only).`,
    ),
  version: z.number().int().min(1),
});
export type SettingsRecord = z.infer<typeof SettingsRecord>;

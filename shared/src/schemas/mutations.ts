// Every op a client may push (sync protocol schema 1), one zod schema per op's args.
import { z } from "zod";
import { AssessmentTestId } from "./assessment.ts";
import { HeartRateBpm, MaxHeartRateSetting, RestHeartRateReady, YearOfBirth } from "./heartRate.ts";
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

export const SessionStartArgs = z.object({
  id: EntityId,
  started_at: IsoDateTime,
  plan_id: EntityId.optional(),
  plan_day: z.number().int().min(0).max(1000).optional(),
  source: z.string().max(40).optional(),
  name: ShortText.optional(),
});

export const SetLogArgs = z
  .object({
    id: EntityId,
    session_id: EntityId,
    exercise_id: EntityId,
    set_index: z.number().int().min(0).max(1000),
    started_at: IsoDateTime,
    ended_at: IsoDateTime,
    reps: z.number().int().min(0).max(10_000).optional(),
    hold_s: z.number().int().min(0).max(86_400).optional(),
    side: Side.optional(),
    weight_kg: z.number().min(0).max(1000).optional(),
    rpe: Rpe.optional(),
    target_reps: z.number().int().min(0).max(10_000).optional(),
    target_hold_s: z.number().int().min(0).max(86_400).optional(),
    /** Average and highest heart rate during the set, when the device measured it. */
    hr_avg: HeartRateBpm.optional(),
    hr_max: HeartRateBpm.optional(),
  })
  .refine((a) => (a.reps === undefined) !== (a.hold_s === undefined), {
    message: "a set carries either reps or hold_s, exactly one of them",
    path: ["reps"],
  })
  .refine((a) => a.hr_avg === undefined || a.hr_max === undefined || a.hr_max >= a.hr_avg, {
    message: "The highest heart rate of a set cannot be below its average.",
    path: ["hr_max"],
  });

export const IdOnlyArgs = z.object({ id: EntityId });

export const SessionFinishArgs = z.object({
  id: EntityId,
  ended_at: IsoDateTime,
  rpe: Rpe.optional(),
  notes: NoteText.optional(),
  /** Average heart rate over the whole session, when the device measured it. */
  hr_avg: HeartRateBpm.optional(),
});

export const PlanPutArgs = z.object({
  id: EntityId,
  base_rev: z.number().int().min(0),
  plan: PlanBody,
});

export const PlanDeleteArgs = z.object({ id: EntityId, base_rev: z.number().int().min(0) });

export const RunLogArgs = z.object({
  id: EntityId,
  date: IsoDate,
  distance_m: z.number().min(0).max(1_000_000),
  duration_s: z.number().int().min(0).max(1_000_000),
  kind: RunKind,
  notes: NoteText.optional(),
  avg_hr: z.number().int().min(20).max(260).optional(),
});

export const AssessmentLogArgs = z.object({
  id: EntityId,
  date: IsoDate,
  test: AssessmentTestId,
  value: z.number().min(0).max(1_000_000),
  notes: NoteText.optional(),
});

/** True when the runtime's time-zone database knows `name` (an IANA name like "Europe/Berlin"). */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone that decides a runner's "today": an IANA name the runtime knows. */
export const TimeZoneName = z
  .string()
  .min(1, "Choose a time zone, like Europe/Berlin.")
  .max(64, "A time zone name is at most 64 characters, like Europe/Berlin.")
  .refine(isKnownTimeZone, {
    message: "That is not a time zone we know. Choose one from the list, like Europe/Berlin.",
  });

export const SettingsPutArgs = z
  .object({
    active_plan_id: EntityId.nullable().optional(),
    units: Units.optional(),
    rest_s_default: z.number().int().min(0).max(900).optional(),
    time_zone: TimeZoneName.optional(),
    /** The runner's own max heart rate; null clears it (zones then come from birth_year). */
    max_hr: MaxHeartRateSetting.nullable().optional(),
    /** Year of birth, to estimate max heart rate when max_hr is not set; null clears it. */
    birth_year: YearOfBirth.nullable().optional(),
    /** Heart-rate-aware rest: a rest ends once heart rate drops below this; null turns it off. */
    rest_hr_ready: RestHeartRateReady.nullable().optional(),
  })
  .refine((a) => Object.values(a).some((v) => v !== undefined), {
    message:
      "settings.put needs at least one of active_plan_id, units, rest_s_default, time_zone, max_hr, birth_year, rest_hr_ready",
  });

/** The args schema of each op: the single list of ops the server and clients agree on. */
export const opArgs = {
  "session.start": SessionStartArgs,
  "set.log": SetLogArgs,
  "set.delete": IdOnlyArgs,
  "session.finish": SessionFinishArgs,
  "session.delete": IdOnlyArgs,
  "plan.put": PlanPutArgs,
  "plan.delete": PlanDeleteArgs,
  "run.log": RunLogArgs,
  "run.delete": IdOnlyArgs,
  "assessment.log": AssessmentLogArgs,
  "settings.put": SettingsPutArgs,
} as const;

export type OpName = keyof typeof opArgs;
export const OpName = z.enum(Object.keys(opArgs) as [OpName, ...OpName[]]);
export type OpArgs<O extends OpName> = z.infer<(typeof opArgs)[O]>;

export type SessionStartArgs = OpArgs<"session.start">;
export type SetLogArgs = OpArgs<"set.log">;
export type SessionFinishArgs = OpArgs<"session.finish">;
export type PlanPutArgs = OpArgs<"plan.put">;
export type PlanDeleteArgs = OpArgs<"plan.delete">;
export type RunLogArgs = OpArgs<"run.log">;
export type AssessmentLogArgs = OpArgs<"assessment.log">;
export type SettingsPutArgs = OpArgs<"settings.put">;

/** A mutation as the client composes it, before a device seq is attached. */
export type MutationBody = { [O in OpName]: { op: O; args: OpArgs<O> } }[OpName];
/** A fully-validated mutation with its device seq. */
export type Mutation = MutationBody & { seq: number };

/**
 * The envelope of one pushed mutation. Only the envelope is checked at the request level
 * (an unknown op fails the whole request); args are checked one by one with `parseMutationArgs`
 * so one bad item is `rejected` without blocking the rest.
 */
export const MutationEnvelope = z.object({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  op: OpName,
  args: z.record(z.string(), z.unknown()),
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

export type ArgsCheck =
  | { ok: true; mutation: Mutation }
  | { ok: false; error: string; issues: { path: string; message: string }[] };

/** Validates one mutation's args against its op's schema. */
export function parseMutationArgs(envelope: MutationEnvelope): ArgsCheck {
  const result = opArgs[envelope.op].safeParse(envelope.args);
  if (result.success) {
    return {
      ok: true,
      mutation: { seq: envelope.seq, op: envelope.op, args: result.data } as Mutation,
    };
  }
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  const error = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return { ok: false, error, issues };
}

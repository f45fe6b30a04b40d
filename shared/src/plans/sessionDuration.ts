// The one estimate of how long a strength session takes, used by the plan rules, the builder,
// today's session and every page that shows minutes.
import type { PlanItem } from "../schemas/plan.ts";

/** A controlled rep, lifting and lowering, including the eccentric pauses the seeds ask for. */
export const SECONDS_PER_REP = 3;
/** AMRAP sets have no target; a typical set of push-ups is about this many reps. */
export const AMRAP_ASSUMED_REPS = 12;
/** Moving to the next exercise: setting up, reading the cue, finding the step or the weights. */
export const TRANSITION_S = 30;

export type TimedItem = Pick<
  PlanItem,
  "mode" | "per_side" | "sets" | "target_reps" | "target_hold_s" | "rest_s"
>;

/** Work of one set on one side, in seconds. */
function workSeconds(item: TimedItem): number {
  if (item.mode === "hold") return item.target_hold_s ?? 30;
  const reps = item.mode === "amrap" ? AMRAP_ASSUMED_REPS : (item.target_reps ?? 10);
  return reps * SECONDS_PER_REP;
}

/** sets × (work on each side + rest) + one transition. */
export function itemSeconds(item: TimedItem): number {
  const sides = item.per_side ? 2 : 1;
  return item.sets * (workSeconds(item) * sides + item.rest_s) + TRANSITION_S;
}

export function estimateDaySeconds(items: readonly TimedItem[]): number {
  return items.reduce((s, item) => s + itemSeconds(item), 0);
}

/** Whole minutes, rounded up so a session never takes longer than it says. */
export function estimateDayMinutes(items: readonly TimedItem[]): number {
  return Math.ceil(estimateDaySeconds(items) / 60);
}

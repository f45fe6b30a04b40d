// Fatigue-aware suggestions: a leg-heavy session right after (or on the day of) a long or hard
// run, or in a week whose distance jumped, is better swapped for core and upper-body work.
import { exerciseById } from "../catalog/catalogLookup.ts";
import type { PlanDay, PlanInputs } from "../schemas/plan.ts";
import type { Adjustment } from "../schemas/planning.ts";
import { addDays } from "./calendarDates.ts";
import { loadsLegs } from "./exerciseChoice.ts";
import { buildSession } from "./planBuilder.ts";

/** A logged run, as fatigue needs it. */
export type LoggedRun = {
  date: string;
  kind: string;
  distance_m: number;
  duration_s: number;
};

/** A run at least this long counts as long whatever its kind. */
export const LONG_RUN_M = 16_000;
export const LONG_RUN_S = 90 * 60;
/** Week-on-week distance growth beyond about a third is a jump. */
export const DISTANCE_JUMP = 4 / 3;
const HARD_KINDS = new Set(["long", "race", "tempo", "intervals"]);

const KIND_WORDS: Record<string, string> = {
  long: "long run",
  race: "race",
  tempo: "tempo run",
  intervals: "interval session",
};

/** Half or more of the session's exercises load the legs. */
export function isLegHeavy(day: PlanDay): boolean {
  const legs = day.items.filter((i) => {
    const e = exerciseById(i.exercise_id);
    return e !== undefined && loadsLegs(e);
  }).length;
  return day.items.length > 0 && legs * 2 >= day.items.length;
}

function isHard(run: LoggedRun): boolean {
  return HARD_KINDS.has(run.kind) || run.distance_m >= LONG_RUN_M || run.duration_s >= LONG_RUN_S;
}

function km(m: number): string {
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} km`;
}

/** Why the runner's legs are likely tired on `date`, or null. */
export function fatigueReason(date: string, runs: readonly LoggedRun[]): string | null {
  const yesterday = addDays(date, -1);
  const hard = runs
    .filter((r) => (r.date === yesterday || r.date === date) && isHard(r))
    .sort((a, b) => b.distance_m - a.distance_m)[0];
  if (hard !== undefined) {
    const what = KIND_WORDS[hard.kind] ?? (hard.distance_m >= LONG_RUN_M ? "long run" : "hard run");
    const when = hard.date === date ? "today" : "yesterday";
    return `You logged a ${km(hard.distance_m)} ${what} ${when}; your legs need the time to recover.`;
  }
  const sum = (from: string, to: string) =>
    runs.filter((r) => r.date >= from && r.date <= to).reduce((m, r) => m + r.distance_m, 0);
  const thisWeek = sum(addDays(date, -6), date);
  const lastWeek = sum(addDays(date, -13), addDays(date, -7));
  if (lastWeek > 0 && thisWeek > lastWeek * DISTANCE_JUMP) {
    const pct = Math.round((thisWeek / lastWeek - 1) * 100);
    return `Your running over the last 7 days (${km(thisWeek)}) is up ${pct}% on the week before (${km(lastWeek)}); ease the load on your legs.`;
  }
  return null;
}

/**
 * A swap to a core and upper-body session when the planned session is leg-heavy and the runner
 * is likely tired; null otherwise.
 */
export function fatigueAdjustment(
  date: string,
  day: PlanDay,
  runs: readonly LoggedRun[],
  inputs: Pick<PlanInputs, "minutes" | "equipment" | "level">,
): Adjustment | null {
  if (!isLegHeavy(day)) return null;
  const reason = fatigueReason(date, runs);
  if (reason === null) return null;
  const items = buildSession("core_upper", inputs);
  return {
    kind: "swap",
    reason: `${reason} Swap today's leg session for core and upper-body work.`,
    day: { ...day, title: "Core & upper body (swapped)", items },
  };
}

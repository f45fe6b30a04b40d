// "Today's session": what the phone picks from the active plan for the watch's weekday, in the
// exact shape the session engine runs, plus one form cue per exercise.
import type { EngineItem } from "@runstrong/shared/engine";
import type { PlanBody } from "@runstrong/shared/schemas";

export interface TodayPlan {
  /** ISO weekday it is for: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** null when the user has no active plan. */
  planId: string | null;
  planName: string | null;
  /** The plan day's title, e.g. "Lower body". */
  title: string | null;
  /** Empty on a rest day (or without a plan). */
  items: EngineItem[];
  /** Exercise id → one short cue shown on the intro screen. */
  cues: Record<string, string>;
}

/** Name and first cue of a catalog exercise, as the phone caches them from GET /exercises. */
export interface ExerciseLabel {
  name: string;
  cue?: string;
}

const MS_PER_DAY = 86_400_000;

/** ISO weekday (1 = Monday) of an instant in the given UTC offset. */
export function isoWeekday(nowMs: number, utcOffsetMinutes: number): number {
  const days = Math.floor((nowMs + utcOffsetMinutes * 60_000) / MS_PER_DAY);
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Local calendar date "YYYY-MM-DD" of an instant in the given UTC offset. */
export function localDate(nowMs: number, utcOffsetMinutes: number): string {
  return new Date(nowMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Today's session from a plan: the day whose weekday matches, its items named from the plan or
 * the catalog (the id as a last resort, since the watch must show something).
 */
export function todayFromPlan(
  planId: string | null,
  plan: PlanBody | null,
  weekday: number,
  labels: ReadonlyMap<string, ExerciseLabel>,
): TodayPlan {
  if (planId === null || plan === null) {
    return { weekday, planId: null, planName: null, title: null, items: [], cues: {} };
  }
  const day = plan.days.find((d) => d.weekday === weekday);
  const items: EngineItem[] = [];
  const cues: Record<string, string> = {};
  for (const p of day?.items ?? []) {
    const label = labels.get(p.exercise_id);
    const item: EngineItem = {
      exercise_id: p.exercise_id,
      name: p.name ?? label?.name ?? p.exercise_id,
      mode: p.mode,
      per_side: p.per_side,
      sets: p.sets,
      rest_s: p.rest_s,
    };
    if (p.target_reps !== undefined) item.target_reps = p.target_reps;
    if (p.target_hold_s !== undefined) item.target_hold_s = p.target_hold_s;
    if (p.weight_kg !== undefined) item.weight_kg = p.weight_kg;
    items.push(item);
    if (label?.cue !== undefined) cues[p.exercise_id] = label.cue;
  }
  return { weekday, planId, planName: plan.name, title: day?.title ?? null, items, cues };
}

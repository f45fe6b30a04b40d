// "Today's session": what the phone picks for a watch's day — from GET /plans/today (progressed
// targets, dated) or, as a fallback, from the pulled plan by weekday — in the exact shape the
// session engine runs, plus one form cue per exercise and the few words the home screen shows.
import type { EngineItem } from "@runstrong/shared/engine";
import type { PlanBody, PlanDay, PlanItem } from "@runstrong/shared/schemas";

export interface TodayPlan {
  /** ISO weekday it is for: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local date it is for, "YYYY-MM-DD"; absent when a phone answered by weekday only. */
  date?: string;
  /** null when the user has no active plan. */
  planId: string | null;
  planName: string | null;
  /** The plan day's title, e.g. "Lower body". */
  title: string | null;
  /** Empty on a rest day (or without a plan). */
  items: EngineItem[];
  /** Exercise id → one short cue shown on the intro screen. */
  cues: Record<string, string>;
  /** Why the targets moved: the first progression reason of the day. */
  why?: string;
  /** A lighter (deload) week; the taper before a race; an accepted fatigue adjustment. */
  deload?: boolean;
  taper?: boolean;
  adjusted?: boolean;
  /** Where to build a plan ("runstrong.example/plan"); sent only when there is no plan. */
  planAt?: string;
  /** The runner's max heart rate (their own, or estimated from age), for zones. */
  maxHr?: number;
  /** The heart-rate rest: a rest ends once heart rate is below this (`rest_hr_ready`). */
  restHrReady?: number;
}

/** Name and first cue of a catalog exercise, as the phone caches them from GET /exercises. */
export interface ExerciseLabel {
  name: string;
  cue?: string;
}

/** What the phone keeps of one GET /plans/today answer (the rest is not shown on a watch). */
export interface DaySession {
  plan_id: string;
  day: PlanDay | null;
  deload: boolean;
  taper: boolean;
  adjusted: boolean;
  why: string | null;
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

export interface LocalDay {
  date: string;
  weekday: number;
}

/** Today and the `count - 1` following local dates, with their ISO weekdays. */
export function localDays(nowMs: number, utcOffsetMinutes: number, count: number): LocalDay[] {
  const days: LocalDay[] = [];
  for (let i = 0; i < count; i++) {
    const at = nowMs + i * MS_PER_DAY;
    days.push({ date: localDate(at, utcOffsetMinutes), weekday: isoWeekday(at, utcOffsetMinutes) });
  }
  return days;
}

/** The plan items as engine items, named variation first, then plan, catalog, id. */
function engineItems(
  planItems: readonly PlanItem[],
  labels: ReadonlyMap<string, ExerciseLabel>,
): Pick<TodayPlan, "items" | "cues"> {
  const items: EngineItem[] = [];
  const cues: Record<string, string> = {};
  for (const p of planItems) {
    const label = labels.get(p.exercise_id);
    const item: EngineItem = {
      exercise_id: p.exercise_id,
      // The watch must show something: the id is the last resort.
      name: p.variation ?? p.name ?? label?.name ?? p.exercise_id,
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
  return { items, cues };
}

/** The "no plan" answer: the watch says where a plan can be built. */
export function noPlanToday(day: LocalDay | { weekday: number }, planAt?: string): TodayPlan {
  const today: TodayPlan = {
    weekday: day.weekday,
    planId: null,
    planName: null,
    title: null,
    items: [],
    cues: {},
  };
  if ("date" in day) today.date = day.date;
  if (planAt !== undefined) today.planAt = planAt;
  return today;
}

/** Today's session from a plan, by weekday: the fallback when /plans/today is out of reach. */
export function todayFromPlan(
  planId: string | null,
  plan: PlanBody | null,
  weekday: number,
  labels: ReadonlyMap<string, ExerciseLabel>,
): TodayPlan {
  if (planId === null || plan === null) return noPlanToday({ weekday });
  const day = plan.days.find((d) => d.weekday === weekday);
  return {
    weekday,
    planId,
    planName: plan.name,
    title: day?.title ?? null,
    ...engineItems(day?.items ?? [], labels),
  };
}

/** A dated session from the server's answer for that date (progressed or adjusted targets). */
export function todayFromSession(
  day: LocalDay,
  session: DaySession,
  planName: string | null,
  labels: ReadonlyMap<string, ExerciseLabel>,
): TodayPlan {
  const today: TodayPlan = {
    weekday: day.weekday,
    date: day.date,
    planId: session.plan_id,
    planName,
    title: session.day?.title ?? null,
    ...engineItems(session.day?.items ?? [], labels),
  };
  if (session.why !== null) today.why = session.why;
  if (session.deload) today.deload = true;
  if (session.taper) today.taper = true;
  if (session.adjusted) today.adjusted = true;
  return today;
}

// A plan's strength sessions as dated calendar entries (for the iCal feed): one per date with
// strength over the plan's span, with that week's targets (lighter 4th weeks, the race taper)
// and the one duration estimate; ids stable per plan and date so calendars update in place.
import type { PlanBody, PlanItem } from "../schemas/plan.ts";
import { addDays, daysBetween } from "./calendarDates.ts";
import { estimateDayMinutes } from "./sessionDuration.ts";
import { todaySession } from "./todaySession.ts";

/** A plan without an end (no weeks, no race) is shown this many weeks ahead of today… */
export const OPEN_PLAN_WEEKS_AHEAD = 12;
/** …and this many weeks back, so last month's entries do not vanish from calendars. */
export const OPEN_PLAN_WEEKS_BACK = 4;
/** The longest span listed, whatever a plan's dates say (the schema allows 104 weeks). */
export const MAX_PLAN_WEEKS = 104;

export type PlannedSession = {
  /** Stable for the plan and the date: editing the plan updates the entry, never duplicates it. */
  uid: string;
  date: string;
  /** The day's title ("Lower body"), if the plan gives one. */
  title: string | undefined;
  /** The plan's week the date falls in (1 = the first). */
  week: number;
  deload: boolean;
  taper: boolean;
  /** `estimateDayMinutes` of the day's items. */
  minutes: number;
  items: PlanItem[];
};

/** The first and last date the sessions are listed for. */
export function planSpan(plan: PlanBody, today: string): { from: string; to: string } {
  const ends: string[] = [];
  if (plan.start_date !== undefined && plan.weeks !== undefined)
    ends.push(addDays(plan.start_date, plan.weeks * 7 - 1));
  // Race day is for racing: the last session is before it.
  if (plan.race_date !== undefined) ends.push(addDays(plan.race_date, -1));
  if (ends.length === 0) {
    const back = addDays(today, -OPEN_PLAN_WEEKS_BACK * 7);
    const from = plan.start_date !== undefined && plan.start_date > back ? plan.start_date : back;
    return { from, to: addDays(today, OPEN_PLAN_WEEKS_AHEAD * 7 - 1) };
  }
  const from = plan.start_date ?? today;
  const last = ends.sort().at(-1) ?? from;
  const cap = addDays(from, MAX_PLAN_WEEKS * 7 - 1);
  return { from, to: last > cap ? cap : last };
}

/** The stable id of the planned session of `planId` on `date`. */
export function plannedSessionUid(planId: string, date: string): string {
  return `plan-${planId}-${date}@runstrong`;
}

/**
 * Every planned strength session of the plan from its start to its end (see `planSpan`), with
 * the targets the plan itself sets for that date: logged history does not change them.
 */
export function plannedSessions(planId: string, plan: PlanBody, today: string): PlannedSession[] {
  const { from, to } = planSpan(plan, today);
  const out: PlannedSession[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) {
    const date = addDays(from, i);
    const s = todaySession({ planId, plan, date, sets: [], runs: [] });
    if (s.day === null || s.day.items.length === 0) continue;
    out.push({
      uid: plannedSessionUid(planId, date),
      date,
      title: s.day.title,
      week: s.week,
      deload: s.deload,
      taper: s.taper,
      minutes: estimateDayMinutes(s.day.items),
      items: s.day.items,
    });
  }
  return out;
}

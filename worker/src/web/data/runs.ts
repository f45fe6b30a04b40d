// The running log as the web view lists it: this user's runs grouped into Monday-to-Sunday weeks,
// newest first, a few weeks with runs per page, each week with its total distance and time.
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { runs } from "../../db/schema.ts";
import { addDays, mondayOf } from "../format.ts";

export type RunEntry = {
  id: string;
  /** The calendar day the runner gave (YYYY-MM-DD), already in their own zone. */
  date: string;
  distanceM: number;
  durationS: number;
  kind: string;
  notes: string | null;
  avgHr: number | null;
};

export type RunWeek = {
  /** Monday of the week (YYYY-MM-DD). */
  monday: string;
  /** Newest first. */
  runs: RunEntry[];
  distanceM: number;
  durationS: number;
};

export type RunWeeksPage = {
  weeks: RunWeek[];
  /** `before` for the next page of older weeks, or null when there are none. */
  olderBefore: string | null;
};

/** Weeks (that hold at least one run) on one page of the log. */
export const WEEKS_PER_PAGE = 8;

/**
 * The Monday of a run's date, computed by SQLite so distinct weeks can be counted without
 * reading every run: `%w` is 0 on Sunday, so (w + 6) % 7 is the number of days since Monday.
 * Must agree with `mondayOf` in format.ts (the data tests check both on every weekday).
 */
const weekStart = sql<string>`date(${runs.date}, printf('-%d days', (cast(strftime('%w', ${runs.date}) as integer) + 6) % 7))`;

const live = (userId: string) => and(eq(runs.userId, userId), eq(runs.deleted, false));

/**
 * Up to `perPage` weeks with runs whose Monday is before `before` (a Monday; all weeks when
 * absent), newest first. Only this user's live runs are read.
 */
export async function listRunWeeks(
  db: Database,
  userId: string,
  before: string | null,
  perPage = WEEKS_PER_PAGE,
): Promise<RunWeeksPage> {
  const scope = before ? and(live(userId), lt(runs.date, before)) : live(userId);
  const mondays = (
    await db
      .selectDistinct({ monday: weekStart })
      .from(runs)
      .where(scope)
      .orderBy(desc(weekStart))
      .limit(perPage + 1)
  ).map((r) => r.monday);
  const shown = mondays.slice(0, perPage);
  const oldest = shown[shown.length - 1];
  if (!oldest) return { weeks: [], olderBefore: null };
  const rows = await db
    .select(RUN_ENTRY_COLUMNS)
    .from(runs)
    .where(and(scope, gte(runs.date, oldest)))
    .orderBy(desc(runs.date), desc(runs.id));
  return { weeks: groupByWeek(rows), olderBefore: mondays.length > perPage ? oldest : null };
}

/** The columns of a run as the running log and history show it. */
export const RUN_ENTRY_COLUMNS = {
  id: runs.id,
  date: runs.date,
  distanceM: runs.distanceM,
  durationS: runs.durationS,
  kind: runs.kind,
  notes: runs.notes,
  avgHr: runs.avgHr,
};

/** Runs (newest first) into their Monday-based weeks, with each week's totals. */
export function groupByWeek(rows: RunEntry[]): RunWeek[] {
  const weeks: RunWeek[] = [];
  for (const run of rows) {
    const monday = mondayOf(run.date);
    let week = weeks[weeks.length - 1];
    if (!week || week.monday !== monday) {
      week = { monday, runs: [], distanceM: 0, durationS: 0 };
      weeks.push(week);
    }
    week.runs.push(run);
    week.distanceM += run.distanceM;
    week.durationS += run.durationS;
  }
  return weeks;
}

/** The `before` that opens the log at the week holding `date` (for links from elsewhere). */
export function runsPageBefore(date: string): string {
  return addDays(mondayOf(date), 7);
}

// History as one list: strength sessions, runs and fitness assessments of this user, newest first,
// a page at a time. Each source gives its newest keys, they are merged by time, and only the rows
// of the page are loaded in full.
import { type AssessmentTestId, assessmentTests } from "@runstrong/shared/schemas";
import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { assessments, runs } from "../../db/schema.ts";
import { startOfLocalDay } from "../format.ts";
import { RUN_ENTRY_COLUMNS, type RunEntry } from "./runs.ts";
import { type HistoryQuery, type SessionRow, sessionStarts, sessionsByIds } from "./sessions.ts";

export type AssessmentEntry = {
  id: string;
  date: string;
  test: string;
  value: number;
  notes: string | null;
};

export type HistoryItem =
  | { kind: "session"; ms: number | null; session: SessionRow }
  | { kind: "run"; ms: number; run: RunEntry }
  | { kind: "assessment"; ms: number; assessment: AssessmentEntry };

export type TimelineQuery = HistoryQuery & {
  /** The same range as fromMs/toMs, as the local dates runs and assessments carry. */
  fromDate?: string;
  toDate?: string;
};

/** The test's name and unit, from the shared list (an unknown id shows as itself). */
export function assessmentTest(id: string): { name: string; unit: string } {
  const t = assessmentTests.find((x) => x.id === (id as AssessmentTestId));
  return t ? { name: t.name, unit: t.unit } : { name: id, unit: "" };
}

/** Runs and assessments have a day but no time: they sort at noon of that day in the zone. */
const noonOf = (date: string, tz: string) => startOfLocalDay(date, tz) + 12 * 3_600_000;

function dateRange(column: typeof runs.date | typeof assessments.date, q: TimelineQuery): SQL[] {
  const where: SQL[] = [];
  if (q.fromDate) where.push(gte(column, q.fromDate));
  if (q.toDate) where.push(lte(column, q.toDate));
  return where;
}

export async function listHistory(
  db: Database,
  userId: string,
  tz: string,
  q: TimelineQuery,
): Promise<{ items: HistoryItem[]; more: boolean }> {
  const n = q.offset + q.limit + 1;
  // Runs and assessments have no exercises: an exercise filter shows sessions only.
  const withOthers = !q.exercise;
  const [starts, runRows, assessmentRows] = await Promise.all([
    sessionStarts(db, userId, q, n),
    withOthers
      ? db
          .select(RUN_ENTRY_COLUMNS)
          .from(runs)
          .where(and(eq(runs.userId, userId), eq(runs.deleted, false), ...dateRange(runs.date, q)))
          .orderBy(desc(runs.date), desc(runs.id))
          .limit(n)
      : [],
    withOthers
      ? db
          .select({
            id: assessments.id,
            date: assessments.date,
            test: assessments.test,
            value: assessments.value,
            notes: assessments.notes,
          })
          .from(assessments)
          .where(
            and(
              eq(assessments.userId, userId),
              eq(assessments.deleted, false),
              ...dateRange(assessments.date, q),
            ),
          )
          .orderBy(desc(assessments.date), desc(assessments.id))
          .limit(n)
      : [],
  ]);
  type Key = { ms: number; order: number; sessionId?: string; item?: HistoryItem };
  const keys: Key[] = [];
  // A session without a start sorts last, as listSessions puts it.
  for (const s of starts)
    keys.push({ ms: s.startedMs ?? Number.NEGATIVE_INFINITY, order: 0, sessionId: s.id });
  for (const run of runRows) {
    const ms = noonOf(run.date, tz);
    keys.push({ ms, order: 1, item: { kind: "run", ms, run } });
  }
  for (const assessment of assessmentRows) {
    const ms = noonOf(assessment.date, tz);
    keys.push({ ms, order: 2, item: { kind: "assessment", ms, assessment } });
  }
  // Newest first; the sort is stable, so each source keeps its own order within a tie.
  keys.sort((a, b) => (b.ms === a.ms ? a.order - b.order : b.ms > a.ms ? 1 : -1));
  const page = keys.slice(q.offset, q.offset + q.limit);
  const sessionIds = page.flatMap((k) => (k.sessionId ? [k.sessionId] : []));
  const loaded = new Map((await sessionsByIds(db, userId, sessionIds)).map((s) => [s.id, s]));
  const items = page.flatMap((k): HistoryItem[] => {
    if (k.item) return [k.item];
    const session = k.sessionId ? loaded.get(k.sessionId) : undefined;
    return session ? [{ kind: "session", ms: session.startedMs, session }] : [];
  });
  return { items, more: keys.length > q.offset + q.limit };
}

// Strength sessions as the web view lists and shows them: one row per session with its set
// totals, and a session with every set. Every query is scoped by the viewer's user id.
import {
  type AnyColumn,
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  max,
  type SQL,
  sql,
  sum,
} from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { devices, sessions, sets } from "../../db/schema.ts";
import { toMs } from "../format.ts";

export type SessionRow = {
  id: string;
  name: string | null;
  startedAt: string | null;
  endedAt: string | null;
  startedMs: number | null;
  durationS: number | null;
  rpe: number | null;
  notes: string | null;
  source: string | null;
  planId: string | null;
  planDay: number | null;
  deviceName: string | null;
  /** Average heart rate over the session (bpm), when a device measured it. */
  hrAvg: number | null;
  sets: number;
  reps: number;
  holdS: number;
  exercises: string[];
};

type Base = {
  id: string;
  name: string | null;
  startedAt: string | null;
  endedAt: string | null;
  rpe: number | null;
  notes: string | null;
  source: string | null;
  planId: string | null;
  planDay: number | null;
  deviceName: string | null;
  hrAvg: number | null;
};

const baseColumns = {
  id: sessions.id,
  name: sessions.name,
  startedAt: sessions.startedAt,
  endedAt: sessions.endedAt,
  rpe: sessions.rpe,
  notes: sessions.notes,
  source: sessions.source,
  planId: sessions.planId,
  planDay: sessions.planDay,
  deviceName: devices.name,
  hrAvg: sessions.hrAvg,
};

/** Joins the device that started the session, only if it is one of this user's. */
const deviceJoin = and(eq(devices.id, sessions.deviceId), eq(devices.userId, sessions.userId));

async function withTotals(db: Database, userId: string, rows: Base[]): Promise<SessionRow[]> {
  if (rows.length === 0) return [];
  // D1 binds at most 100 parameters per statement: ask for the totals in chunks.
  const ids = rows.map((r) => r.id);
  const totals = [];
  for (let i = 0; i < ids.length; i += 80) {
    totals.push(
      ...(await db
        .select({
          sessionId: sets.sessionId,
          n: count(),
          reps: sum(sets.reps),
          hold: sum(sets.holdS),
          lastEnd: max(sets.endedAt),
          exercises: sql<string>`group_concat(${sets.exerciseId}, ',')`,
        })
        .from(sets)
        .where(
          and(
            eq(sets.userId, userId),
            eq(sets.deleted, false),
            inArray(sets.sessionId, ids.slice(i, i + 80)),
          ),
        )
        .groupBy(sets.sessionId)),
    );
  }
  const byId = new Map(totals.map((t) => [t.sessionId, t]));
  return rows.map((r) => {
    const t = byId.get(r.id);
    const start = toMs(r.startedAt);
    const end = toMs(r.endedAt) ?? toMs(t?.lastEnd ?? null);
    const seen = new Set<string>();
    for (const id of (t?.exercises ?? "").split(",")) if (id) seen.add(id);
    return {
      ...r,
      startedMs: start,
      durationS: start !== null && end !== null && end >= start ? (end - start) / 1000 : null,
      sets: t?.n ?? 0,
      reps: Number(t?.reps ?? 0),
      holdS: Number(t?.hold ?? 0),
      exercises: [...seen],
    };
  });
}

export type HistoryQuery = {
  exercise?: string;
  /** Instants (ms) bounding started_at, already converted from the viewer's local dates. */
  fromMs?: number;
  toMs?: number;
  offset: number;
  limit: number;
};

/** started_at compared as an instant: stored strings may carry any offset. */
const startedJulian = sql`julianday(${sessions.startedAt})`;

const DAY_MS = 86_400_000;
/** The UTC date `days` days from `ms`, as a string that sorts before any time on that date. */
const dateOf = (ms: number, days: number) =>
  new Date(ms + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A stored time at or after the instant `ms`. julianday() gives the exact comparison but no
 * index can serve it. A stored time's offset is under a day (±HH:MM), so the date it is written
 * with is within a day of its instant's UTC date: every match also sorts, as a plain string, after
 * the date two days earlier, and that bound lets the (user_id, started_at) index read just the
 * period instead of all of a user's history.
 */
export function timeFrom(column: AnyColumn, ms: number): SQL {
  return sql`(${column} >= ${dateOf(ms, -2)} and julianday(${column}) >= julianday(${new Date(ms).toISOString()}))`;
}

/** A stored time before the instant `ms`: the exact comparison and its index-usable bound. */
export function timeBefore(column: AnyColumn, ms: number): SQL {
  return sql`(${column} < ${dateOf(ms, 2)} and julianday(${column}) < julianday(${new Date(ms).toISOString()}))`;
}

export type SessionFilter = Omit<HistoryQuery, "offset" | "limit">;

function sessionWhere(userId: string, q: SessionFilter): SQL | undefined {
  const where: SQL[] = [eq(sessions.userId, userId), eq(sessions.deleted, false)];
  if (q.fromMs !== undefined) where.push(timeFrom(sessions.startedAt, q.fromMs));
  if (q.toMs !== undefined) where.push(timeBefore(sessions.startedAt, q.toMs));
  if (q.exercise) {
    where.push(
      sql`exists (select 1 from sets s where s.user_id = ${sessions.userId} and s.session_id = ${sessions.id} and s.exercise_id = ${q.exercise} and s.deleted = 0)`,
    );
  }
  return and(...where);
}

export async function listSessions(
  db: Database,
  userId: string,
  q: HistoryQuery,
): Promise<{ rows: SessionRow[]; more: boolean }> {
  const rows = await db
    .select(baseColumns)
    .from(sessions)
    .leftJoin(devices, deviceJoin)
    .where(sessionWhere(userId, q))
    .orderBy(desc(startedJulian), desc(sessions.id))
    .limit(q.limit + 1)
    .offset(q.offset);
  const more = rows.length > q.limit;
  return { rows: await withTotals(db, userId, rows.slice(0, q.limit)), more };
}

/**
 * The newest `n` matching sessions as just id and start (in listSessions' order), so history
 * can interleave them with runs and assessments before loading the few it shows.
 */
export async function sessionStarts(
  db: Database,
  userId: string,
  q: SessionFilter,
  n: number,
): Promise<{ id: string; startedMs: number | null }[]> {
  const rows = await db
    .select({ id: sessions.id, startedAt: sessions.startedAt })
    .from(sessions)
    .where(sessionWhere(userId, q))
    .orderBy(desc(startedJulian), desc(sessions.id))
    .limit(n);
  return rows.map((r) => ({ id: r.id, startedMs: toMs(r.startedAt) }));
}

/** This user's sessions with these ids, with their totals, in the order of `ids`. */
export async function sessionsByIds(
  db: Database,
  userId: string,
  ids: string[],
): Promise<SessionRow[]> {
  const rows: Base[] = [];
  for (let i = 0; i < ids.length; i += 80) {
    rows.push(
      ...(await db
        .select(baseColumns)
        .from(sessions)
        .leftJoin(devices, deviceJoin)
        .where(
          and(
            eq(sessions.userId, userId),
            eq(sessions.deleted, false),
            inArray(sessions.id, ids.slice(i, i + 80)),
          ),
        )),
    );
  }
  const byId = new Map((await withTotals(db, userId, rows)).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is SessionRow => r !== undefined);
}

/** Sessions whose start falls in [fromMs, toMs), newest first, with their totals. */
export async function sessionsBetween(
  db: Database,
  userId: string,
  fromMs: number,
  toMs: number,
): Promise<SessionRow[]> {
  return (await listSessions(db, userId, { fromMs, toMs, offset: 0, limit: 100 })).rows;
}

/** Just the start instants of the sessions in [fromMs, toMs) (for weekly counts). */
export async function sessionStartsBetween(
  db: Database,
  userId: string,
  fromMs: number,
  untilMs: number,
): Promise<number[]> {
  const rows = await db
    .select({ startedAt: sessions.startedAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        eq(sessions.deleted, false),
        timeFrom(sessions.startedAt, fromMs),
        timeBefore(sessions.startedAt, untilMs),
      ),
    );
  return rows.map((r) => toMs(r.startedAt)).filter((ms): ms is number => ms !== null);
}

export async function lastSession(db: Database, userId: string): Promise<SessionRow | null> {
  // The newest start as a string comes straight off the (user_id, started_at) index; the newest
  // as an instant is no earlier than it, so ranking by instant needs only the sessions from there.
  const [top] = await db
    .select({ startedAt: sessions.startedAt })
    .from(sessions)
    .where(
      and(eq(sessions.userId, userId), eq(sessions.deleted, false), isNotNull(sessions.startedAt)),
    )
    .orderBy(desc(sessions.startedAt))
    .limit(1);
  const fromMs = toMs(top?.startedAt ?? null);
  const q: HistoryQuery = { offset: 0, limit: 1 };
  if (fromMs !== null) q.fromMs = fromMs - 1000;
  const { rows } = await listSessions(db, userId, q);
  return rows[0] ?? null;
}

export type SetRow = {
  id: string;
  exerciseId: string;
  setIndex: number;
  startedAt: string;
  endedAt: string;
  reps: number | null;
  holdS: number | null;
  side: string | null;
  weightKg: number | null;
  rpe: number | null;
  targetReps: number | null;
  targetHoldS: number | null;
  /** Average and highest heart rate during the set (bpm), when a device measured them. */
  hrAvg: number | null;
  hrMax: number | null;
};

export async function sessionDetail(
  db: Database,
  userId: string,
  id: string,
): Promise<{ session: SessionRow; sets: SetRow[] } | null> {
  const [row] = await db
    .select(baseColumns)
    .from(sessions)
    .leftJoin(devices, deviceJoin)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, id), eq(sessions.deleted, false)));
  if (!row) return null;
  const [session] = await withTotals(db, userId, [row]);
  const setRows = await db
    .select({
      id: sets.id,
      exerciseId: sets.exerciseId,
      setIndex: sets.setIndex,
      startedAt: sets.startedAt,
      endedAt: sets.endedAt,
      reps: sets.reps,
      holdS: sets.holdS,
      side: sets.side,
      weightKg: sets.weightKg,
      rpe: sets.rpe,
      targetReps: sets.targetReps,
      targetHoldS: sets.targetHoldS,
      hrAvg: sets.hrAvg,
      hrMax: sets.hrMax,
    })
    .from(sets)
    .where(and(eq(sets.userId, userId), eq(sets.sessionId, id), eq(sets.deleted, false)))
    .orderBy(asc(sql`julianday(${sets.startedAt})`), asc(sets.setIndex), asc(sets.id));
  return session ? { session, sets: setRows } : null;
}

/** Exercise ids this user has logged, most used first (for the history filter). */
export async function loggedExercises(
  db: Database,
  userId: string,
): Promise<{ id: string; n: number }[]> {
  const rows = await db
    .select({ id: sets.exerciseId, n: count() })
    .from(sets)
    .where(and(eq(sets.userId, userId), eq(sets.deleted, false)))
    .groupBy(sets.exerciseId)
    .orderBy(desc(count()));
  return rows;
}

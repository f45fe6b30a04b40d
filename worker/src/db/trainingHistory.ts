// What today's session is computed from: the active plan, the runner's time zone, the logged
// sets of the plan's exercises and the recent runs — all scoped to one user.
import type { LoggedRun, LoggedSet } from "@runstrong/shared/plans";
import { addDays } from "@runstrong/shared/plans";
import type { PlanBody } from "@runstrong/shared/schemas";
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { localDate, safeTimeZone } from "../web/format.ts";
import type { Database } from "./client.ts";
import { runs, sessions, sets, settings } from "./schema.ts";

export type PlanSettings = { activePlanId: string | null; timeZone: string };

export async function readPlanSettings(db: Database, userId: string): Promise<PlanSettings> {
  const [row] = await db
    .select({ activePlanId: settings.activePlanId, timeZone: settings.timeZone })
    .from(settings)
    .where(eq(settings.userId, userId));
  return {
    activePlanId: row?.activePlanId ?? null,
    timeZone: safeTimeZone(row?.timeZone ?? undefined),
  };
}

function planExerciseIds(plan: PlanBody): string[] {
  const days = [...plan.days, ...(plan.overrides ?? []).map((o) => o.day)];
  return [...new Set(days.flatMap((d) => d.items.map((i) => i.exercise_id)))];
}

/** Sets of the plan's exercises in live sessions, dated in the runner's time zone. */
export async function loggedSetsFor(
  db: Database,
  userId: string,
  plan: PlanBody,
  timeZone: string,
): Promise<LoggedSet[]> {
  const ids = planExerciseIds(plan);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      sessionId: sets.sessionId,
      exerciseId: sets.exerciseId,
      startedAt: sets.startedAt,
      sessionStartedAt: sessions.startedAt,
      reps: sets.reps,
      holdS: sets.holdS,
      rpe: sets.rpe,
      sessionRpe: sessions.rpe,
      sessionDeleted: sessions.deleted,
    })
    .from(sets)
    .leftJoin(sessions, and(eq(sessions.userId, sets.userId), eq(sessions.id, sets.sessionId)))
    .where(and(eq(sets.userId, userId), eq(sets.deleted, false), inArray(sets.exerciseId, ids)));
  return rows
    .filter((r) => r.sessionDeleted !== true)
    .map((r) => {
      const startedAt = r.sessionStartedAt ?? r.startedAt;
      const ms = Date.parse(startedAt);
      return {
        session_id: r.sessionId,
        exercise_id: r.exerciseId,
        date: Number.isFinite(ms) ? localDate(ms, timeZone) : startedAt.slice(0, 10),
        started_at: startedAt,
        reps: r.reps,
        hold_s: r.holdS,
        rpe: r.rpe,
        session_rpe: r.sessionRpe ?? null,
      };
    });
}

/** Runs of the two weeks up to `date`: enough for the day-before and week-on-week checks. */
export async function recentRuns(db: Database, userId: string, date: string): Promise<LoggedRun[]> {
  return db
    .select({
      date: runs.date,
      kind: runs.kind,
      distance_m: runs.distanceM,
      duration_s: runs.durationS,
    })
    .from(runs)
    .where(
      and(
        eq(runs.userId, userId),
        eq(runs.deleted, false),
        gte(runs.date, addDays(date, -13)),
        lte(runs.date, date),
      ),
    );
}

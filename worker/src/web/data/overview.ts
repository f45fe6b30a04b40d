// The dashboard's week: planned strength days from the active plan against the sessions done,
// runs and distance, the next planned session and each device's last sync.
import type { PlanDay } from "@runstrong/shared/schemas";
import { and, asc, eq, gte, isNull, lte } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { devices, runs } from "../../db/schema.ts";
import { addDays, isoWeekday, localDate, mondayOf, startOfLocalDay } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { type ActivePlan, hasStrength, loadPlan, planDay } from "./plan.ts";
import { lastSession, type SessionRow, sessionsBetween } from "./sessions.ts";
import { loadUpcoming, type Upcoming } from "./upcoming.ts";

export type RunRow = {
  id: string;
  date: string;
  distanceM: number;
  durationS: number;
  kind: string;
};

export type DayCell = {
  date: string;
  weekday: number;
  isToday: boolean;
  isPast: boolean;
  planned?: PlanDay;
  sessions: SessionRow[];
  runs: RunRow[];
};

export type DeviceRow = {
  id: string;
  name: string;
  platform: string;
  lastSeen: number | null;
  createdAt: number;
};

export type Overview = {
  today: string;
  monday: string;
  days: DayCell[];
  plan: ActivePlan | null;
  /** Today's session and the six days after, progressed; null without an active plan. */
  upcoming: Upcoming | null;
  plannedStrength: number;
  /** Planned strength days of the week that have a session counted against them. */
  plannedDone: number;
  doneStrength: number;
  runCount: number;
  runMeters: number;
  sets: number;
  reps: number;
  holdS: number;
  next: { date: string; day: PlanDay; isToday: boolean } | null;
  last: SessionRow | null;
  devices: DeviceRow[];
};

export async function runsBetween(
  db: Database,
  userId: string,
  fromDate: string,
  toDate: string,
): Promise<RunRow[]> {
  return db
    .select({
      id: runs.id,
      date: runs.date,
      distanceM: runs.distanceM,
      durationS: runs.durationS,
      kind: runs.kind,
    })
    .from(runs)
    .where(
      and(
        eq(runs.userId, userId),
        eq(runs.deleted, false),
        gte(runs.date, fromDate),
        lte(runs.date, toDate),
      ),
    )
    .orderBy(asc(runs.date));
}

export async function listDevices(db: Database, userId: string): Promise<DeviceRow[]> {
  return db
    .select({
      id: devices.id,
      name: devices.name,
      platform: devices.platform,
      lastSeen: devices.lastSeen,
      createdAt: devices.createdAt,
    })
    .from(devices)
    .where(and(eq(devices.userId, userId), isNull(devices.revokedAt)))
    .orderBy(asc(devices.createdAt));
}

export async function loadOverview(db: Database, v: Viewer): Promise<Overview> {
  const today = localDate(v.now, v.tz);
  const monday = mondayOf(today);
  const sunday = addDays(monday, 6);
  const [plan, weekSessions, weekRuns, last, deviceRows] = await Promise.all([
    loadPlan(db, v.userId, v.activePlanId),
    sessionsBetween(
      db,
      v.userId,
      startOfLocalDay(monday, v.tz),
      startOfLocalDay(addDays(sunday, 1), v.tz),
    ),
    runsBetween(db, v.userId, monday, sunday),
    lastSession(db, v.userId),
    listDevices(db, v.userId),
  ]);
  const upcoming = await loadUpcoming(db, v.userId, plan, today, v.tz);
  // A session counts against the plan day it was started for, else against its own date.
  const dayOf = (s: SessionRow): number | null => {
    if (plan && s.planId === plan.id && s.planDay !== null && s.planDay >= 1 && s.planDay <= 7) {
      return s.planDay;
    }
    return s.startedMs === null ? null : isoWeekday(localDate(s.startedMs, v.tz));
  };
  const days: DayCell[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    const weekday = isoWeekday(date);
    const cell: DayCell = {
      date,
      weekday,
      isToday: date === today,
      isPast: date < today,
      sessions: weekSessions.filter((s) => dayOf(s) === weekday).reverse(),
      runs: weekRuns.filter((r) => r.date === date),
    };
    const planned = planDay(plan, weekday);
    if (planned) cell.planned = planned;
    days.push(cell);
  }
  let next: Overview["next"] = null;
  for (const t of upcoming?.days ?? []) {
    if (next || t.day === null) continue;
    const doneToday = t.date === today && days.some((d) => d.isToday && d.sessions.length > 0);
    if (!doneToday) next = { date: t.date, day: t.day, isToday: t.date === today };
  }
  return {
    today,
    monday,
    days,
    plan,
    upcoming,
    plannedStrength: days.filter((d) => hasStrength(d.planned)).length,
    plannedDone: days.filter((d) => hasStrength(d.planned) && d.sessions.length > 0).length,
    doneStrength: weekSessions.length,
    runCount: weekRuns.length,
    runMeters: weekRuns.reduce((m, r) => m + r.distanceM, 0),
    sets: weekSessions.reduce((n, s) => n + s.sets, 0),
    reps: weekSessions.reduce((n, s) => n + s.reps, 0),
    holdS: weekSessions.reduce((n, s) => n + s.holdS, 0),
    next,
    last,
    devices: deviceRows,
  };
}

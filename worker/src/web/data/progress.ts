// Progress numbers for the charts: weekly strength volume, per-exercise reps or hold time per
// session, left/right balance of per-side exercises, weekly running distance beside strength
// sessions. Computed from this user's rows only; weeks run Monday to Sunday in the viewer's zone.
import { exerciseById } from "@runstrong/shared/catalog";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { sessions, sets } from "../../db/schema.ts";
import {
  addDays,
  distanceValue,
  localDate,
  mondayOf,
  startOfLocalDay,
  toMs,
  type Units,
} from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { runsBetween } from "./overview.ts";
import { sessionStartsBetween, timeFrom } from "./sessions.ts";

export const RANGES = [4, 8, 12, 26, 52] as const;

export type ExerciseSeries = {
  id: string;
  name: string;
  /** What a set counts: reps, or seconds held. */
  unit: "reps" | "s";
  per_side: boolean;
  /** One point per session: x in unix seconds. */
  t: number[];
  total: number[];
  best: number[];
  left: (number | null)[];
  right: (number | null)[];
  sets: number;
};

export type Balance = { id: string; name: string; unit: "reps" | "s"; left: number; right: number };

export type ProgressData = {
  units: Units;
  weeks: string[];
  /** Monday of each week, unix seconds (noon UTC so time axes never slip a day). */
  t: number[];
  sessions: number[];
  sets: number[];
  reps: number[];
  hold_min: number[];
  distance: number[];
  runs: number[];
  exercises: ExerciseSeries[];
  balance: Balance[];
  totals: {
    sessions: number;
    sets: number;
    reps: number;
    hold_s: number;
    distance: number;
    runs: number;
  };
};

const unix = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

export async function loadProgress(db: Database, v: Viewer, weeks: number): Promise<ProgressData> {
  const today = localDate(v.now, v.tz);
  const firstMonday = addDays(mondayOf(today), -7 * (weeks - 1));
  const endDate = addDays(mondayOf(today), 6);
  const fromMs = startOfLocalDay(firstMonday, v.tz);
  const toMsExclusive = startOfLocalDay(addDays(endDate, 1), v.tz);

  const [setRows, sessionRows, runRows] = await Promise.all([
    db
      .select({
        sessionId: sets.sessionId,
        exerciseId: sets.exerciseId,
        reps: sets.reps,
        holdS: sets.holdS,
        side: sets.side,
        setStart: sets.startedAt,
        sessionStart: sessions.startedAt,
        sessionDeleted: sessions.deleted,
      })
      .from(sets)
      .leftJoin(sessions, and(eq(sessions.userId, sets.userId), eq(sessions.id, sets.sessionId)))
      .where(
        and(
          eq(sets.userId, v.userId),
          eq(sets.deleted, false),
          timeFrom(sets.startedAt, fromMs - 86_400_000),
        ),
      ),
    sessionStartsBetween(db, v.userId, fromMs, toMsExclusive),
    runsBetween(db, v.userId, firstMonday, endDate),
  ]);

  const weekList: string[] = [];
  for (let i = 0; i < weeks; i++) weekList.push(addDays(firstMonday, 7 * i));
  const weekIndex = new Map(weekList.map((w, i) => [w, i]));
  const zeros = () => weekList.map(() => 0);
  const out: ProgressData = {
    units: v.units,
    weeks: weekList,
    t: weekList.map(unix),
    sessions: zeros(),
    sets: zeros(),
    reps: zeros(),
    hold_min: zeros(),
    distance: zeros(),
    runs: zeros(),
    exercises: [],
    balance: [],
    totals: { sessions: 0, sets: 0, reps: 0, hold_s: 0, distance: 0, runs: 0 },
  };
  const weekOf = (ms: number) => weekIndex.get(mondayOf(localDate(ms, v.tz)));

  for (const startedMs of sessionRows) {
    const w = weekOf(startedMs);
    if (w === undefined) continue;
    out.sessions[w] = (out.sessions[w] ?? 0) + 1;
    out.totals.sessions++;
  }
  for (const r of runRows) {
    const w = weekIndex.get(mondayOf(r.date));
    if (w === undefined) continue;
    const d = distanceValue(r.distanceM, v.units);
    out.distance[w] = Math.round(((out.distance[w] ?? 0) + d) * 10) / 10;
    out.runs[w] = (out.runs[w] ?? 0) + 1;
    out.totals.distance += d;
    out.totals.runs++;
  }
  out.totals.distance = Math.round(out.totals.distance * 10) / 10;

  type Acc = {
    t: number;
    total: number;
    best: number;
    left: number | null;
    right: number | null;
  };
  const perExercise = new Map<
    string,
    { unit: "reps" | "s"; sessions: Map<string, Acc>; sets: number }
  >();
  for (const row of setRows) {
    if (row.sessionDeleted) continue;
    const ms = toMs(row.sessionStart) ?? toMs(row.setStart);
    if (ms === null || ms < fromMs || ms >= toMsExclusive) continue;
    const w = weekOf(ms);
    if (w === undefined) continue;
    const amount = row.holdS ?? row.reps ?? 0;
    const unit = row.holdS !== null ? "s" : "reps";
    out.sets[w] = (out.sets[w] ?? 0) + 1;
    out.totals.sets++;
    if (unit === "s") {
      out.hold_min[w] = Math.round(((out.hold_min[w] ?? 0) + amount / 60) * 10) / 10;
      out.totals.hold_s += amount;
    } else {
      out.reps[w] = (out.reps[w] ?? 0) + amount;
      out.totals.reps += amount;
    }
    let ex = perExercise.get(row.exerciseId);
    if (!ex) {
      ex = { unit, sessions: new Map(), sets: 0 };
      perExercise.set(row.exerciseId, ex);
    }
    ex.sets++;
    let acc = ex.sessions.get(row.sessionId);
    if (!acc) {
      acc = { t: Math.floor(ms / 1000), total: 0, best: 0, left: null, right: null };
      ex.sessions.set(row.sessionId, acc);
    }
    acc.total += amount;
    acc.best = Math.max(acc.best, amount);
    if (row.side === "left") acc.left = (acc.left ?? 0) + amount;
    if (row.side === "right") acc.right = (acc.right ?? 0) + amount;
  }

  for (const [id, ex] of perExercise) {
    const points = [...ex.sessions.values()].sort((a, b) => a.t - b.t);
    const sided = points.some((p) => p.left !== null || p.right !== null);
    const name = exerciseById(id)?.name ?? id;
    out.exercises.push({
      id,
      name,
      unit: ex.unit,
      per_side: sided,
      t: points.map((p) => p.t),
      total: points.map((p) => p.total),
      best: points.map((p) => p.best),
      left: points.map((p) => p.left),
      right: points.map((p) => p.right),
      sets: ex.sets,
    });
    if (sided) {
      out.balance.push({
        id,
        name,
        unit: ex.unit,
        left: points.reduce((m, p) => m + (p.left ?? 0), 0),
        right: points.reduce((m, p) => m + (p.right ?? 0), 0),
      });
    }
  }
  out.exercises.sort((a, b) => b.sets - a.sets);
  out.balance.sort((a, b) => b.left + b.right - (a.left + a.right));
  return out;
}

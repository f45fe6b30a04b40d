// The dashboard and the progress page must cost the same after years of history: every
// statement they run reaches the rows of the period it shows through an index range, never the
// whole of the user's sets, sessions or runs. SQLite's own query planner (EXPLAIN QUERY PLAN,
// on the real migrations in D1) is asked about each statement, on an account with three years.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { pairDevice, push, signUp } from "../../../test/apiClient.ts";
import { queryPlan, recording, walksHistory as walksAny } from "../../../test/queryPlan.ts";
import { database } from "../../db/client.ts";
import type { Viewer } from "../viewer.ts";
import { loadOverview } from "./overview.ts";
import { loadProgress, RANGES } from "./progress.ts";

/** Tables that grow with every week of history. */
const HISTORY = ["sets", "sessions", "runs", "assessments"];
const walksHistory = (step: string) => walksAny(step, HISTORY);

// Wednesday 2026-12-09, noon UTC.
const NOW = Date.parse("2026-12-09T12:00:00Z");
const YEARS = 3;
let userId: string;

function viewer(activePlanId: string | null): Viewer {
  return {
    userId,
    email: "x@example.com",
    webDeviceId: null,
    webLastSeq: 0,
    activePlanId,
    state: "",
    now: NOW,
    tz: "Europe/Berlin",
    lang: "en",
    units: "metric",
  } as Viewer;
}

/**
 * Three years of a committed runner, written straight into the tables (the push path has its
 * own tests): 3 sessions a week of 20 sets, 4 runs a week, some start times with an offset.
 */
async function seedYears(): Promise<void> {
  const days = YEARS * 365;
  const from = NOW - days * 86_400_000;
  const iso = (ms: number, i: number) =>
    i % 5 === 0
      ? `${new Date(ms + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`
      : new Date(ms).toISOString();
  const statements: D1PreparedStatement[] = [];
  let version = 1;
  for (let d = 0; d < days; d++) {
    const day = from + d * 86_400_000;
    if (d % 7 === 1 || d % 7 === 3 || d % 7 === 5) {
      const sid = `s${d}`;
      statements.push(
        env.DB.prepare(
          "INSERT INTO sessions (user_id, id, started_at, deleted, version) VALUES (?, ?, ?, 0, ?)",
        ).bind(userId, sid, iso(day, d), version++),
      );
      for (let i = 0; i < 20; i++) {
        const at = iso(day + i * 90_000, d);
        statements.push(
          env.DB.prepare(
            "INSERT INTO sets (user_id, id, session_id, exercise_id, set_index, started_at, ended_at, reps, side, deleted, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
          ).bind(
            userId,
            `${sid}-${i}`,
            sid,
            i % 2 ? "squat" : "side_plank",
            i,
            at,
            at,
            10,
            i % 4 === 0 ? "left" : null,
            version++,
          ),
        );
      }
    }
    if (d % 7 !== 6 && d % 7 !== 2) {
      statements.push(
        env.DB.prepare(
          "INSERT INTO runs (user_id, id, date, distance_m, duration_s, kind, deleted, version) VALUES (?, ?, ?, 8000, 2400, 'easy', 0, ?)",
        ).bind(userId, `r${d}`, new Date(day).toISOString().slice(0, 10), version++),
      );
    }
  }
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
}

beforeAll(async () => {
  const user = await signUp();
  userId = user.id;
  const watch = await pairDevice(user);
  const item = {
    exercise_id: "squat",
    mode: "reps",
    per_side: false,
    sets: 3,
    target_reps: 10,
    rest_s: 60,
  };
  const res = await push(watch, [
    {
      seq: 1,
      op: "plan.put",
      args: {
        id: "p",
        base_rev: 0,
        plan: { name: "Years", days: [{ weekday: 2, title: "Legs", items: [item] }] },
      },
    },
    { seq: 2, op: "settings.put", args: { active_plan_id: "p" } },
  ]);
  expect(res.status).toBe(200);
  await seedYears();
}, 60_000);

/** Every statement `load` prepares, with the plan steps that walk the user's history. */
async function walks(load: (db: ReturnType<typeof database>) => Promise<unknown>) {
  const { db, sql } = recording(env.DB);
  await load(database(db));
  expect(sql.length).toBeGreaterThan(0);
  const found: { sql: string; steps: string[] }[] = [];
  for (const statement of sql) {
    const steps = (await queryPlan(statement)).filter(walksHistory);
    if (steps.length) found.push({ sql: statement, steps });
  }
  return found;
}

describe("the pages' queries after years of history", () => {
  it("has three years of sets, sessions and runs to plan against", async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM sets WHERE user_id = ?")
      .bind(userId)
      .first<{ n: number }>();
    expect(row?.n).toBeGreaterThan(YEARS * 52 * 3 * 20 - 100);
  });

  it.each(RANGES)("progress over %i weeks reads only that period's rows", async (weeks) => {
    expect(await walks((db) => loadProgress(db, viewer("p"), weeks))).toEqual([]);
  });

  it("the dashboard reads only this week's rows and the newest session", async () => {
    expect(await walks((db) => loadOverview(db, viewer("p")))).toEqual([]);
  });

  it("still finds the period's rows: about 3 sessions a week, and the newest session", async () => {
    const p = await loadProgress(database(env.DB), viewer("p"), 12);
    expect(p.totals.sessions).toBeGreaterThanOrEqual(33);
    expect(p.totals.sessions).toBeLessThanOrEqual(37);
    expect(p.totals.sets).toBe(p.totals.sessions * 20);
    const o = await loadOverview(database(env.DB), viewer("p"));
    const newest = await env.DB.prepare(
      "SELECT id FROM sessions WHERE user_id = ? ORDER BY julianday(started_at) DESC LIMIT 1",
    )
      .bind(userId)
      .first<{ id: string }>();
    expect(o.last?.id).toBe(newest?.id);
  });
});

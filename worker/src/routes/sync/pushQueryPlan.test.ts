// A push must cost the same whatever the account's history: every statement of its read and
// write batches reaches rows by key. SQLite's own query planner (EXPLAIN QUERY PLAN, on the
// real migrations in D1) is asked about each statement a push of every op kind prepares.
import { env } from "cloudflare:workers";
import type { MutationEnvelope } from "@runstrong/shared/schemas";
import { beforeAll, describe, expect, it } from "vitest";
import { type Device, pairDevice, push, signUp, type User, uid } from "../../../test/apiClient.ts";
import { queryPlan, recording, walksHistory as walksAny } from "../../../test/queryPlan.ts";
import { loadForPush, planPush, writeStatements } from "./pushStore.ts";

/** Tables with many rows per user, where `user_id` alone is not a key. */
const HISTORY = ["sets", "sessions", "plans", "runs", "assessments", "tombstones"];
const walksHistory = (step: string) => walksAny(step, HISTORY);

let user: User;
let watch: Device;
const session = uid("s");
const plan = uid("p");

const PLAN = {
  name: "Query plan",
  days: [
    {
      weekday: 2,
      title: "Legs",
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 10,
          rest_s: 60,
        },
      ],
    },
  ],
};

/** One push with every op kind, against an account that already has some history. */
function everyOp(first: number): MutationEnvelope[] {
  const set = (id: string, i: number) => ({
    op: "set.log",
    args: {
      id,
      session_id: session,
      exercise_id: "squat",
      set_index: i,
      reps: 10,
      started_at: "2026-11-24T07:00:00Z",
      ended_at: "2026-11-24T07:00:40Z",
    },
  });
  const bodies = [
    { op: "session.start", args: { id: session, started_at: "2026-11-24T07:00:00Z" } },
    set(uid("set"), 0),
    set(uid("set"), 1),
    { op: "set.delete", args: { id: uid("gone") } },
    { op: "session.finish", args: { id: session, ended_at: "2026-11-24T07:30:00Z", rpe: 6 } },
    { op: "plan.put", args: { id: plan, base_rev: 0, plan: PLAN } },
    { op: "settings.put", args: { active_plan_id: plan } },
    {
      op: "run.log",
      args: { id: uid("r"), date: "2026-11-23", distance_m: 8000, duration_s: 2700, kind: "easy" },
    },
    { op: "run.delete", args: { id: uid("r-gone") } },
    {
      op: "assessment.log",
      args: { id: uid("a"), date: "2026-11-22", test: "plank_hold", value: 75 },
    },
    { op: "session.delete", args: { id: uid("old-session") } },
    { op: "plan.delete", args: { id: uid("old-plan"), base_rev: 1 } },
  ];
  return bodies.map((b, i) => ({ seq: first + i, ...b }) as MutationEnvelope);
}

describe("a push's statements", () => {
  let statements: string[];

  beforeAll(async () => {
    user = await signUp();
    watch = await pairDevice(user);
    // Some history (12 sessions of 6 sets), so the planner sees populated tables and indexes.
    const history = Array.from({ length: 12 }, (_, n) => {
      const past = uid(`hist${n}`);
      const day = `2026-11-${String(n + 1).padStart(2, "0")}`;
      return [
        { op: "session.start", args: { id: past, started_at: `${day}T07:00:00Z` } },
        ...Array.from({ length: 6 }, (_, i) => ({
          op: "set.log",
          args: {
            id: `${past}-${i}`,
            session_id: past,
            exercise_id: "squat",
            set_index: i,
            reps: 10,
            started_at: `${day}T07:0${i}:00Z`,
            ended_at: `${day}T07:0${i}:40Z`,
          },
        })),
      ];
    })
      .flat()
      .map((body, i) => ({ seq: i + 1, ...body }));
    expect((await push(watch, history)).status).toBe(200);
    // With statistics the planner is free to prefer a walk over small lists; it must not.
    await env.DB.prepare("ANALYZE").run();

    const { db, sql } = recording(env.DB);
    const ctx = { userId: user.id, deviceId: watch.id, now: Date.now() };
    const envelopes = everyOp(history.length + 1);
    const loaded = await loadForPush(db, ctx, envelopes);
    if (!loaded) throw new Error("the device was not found");
    const outcome = planPush(loaded, envelopes);
    expect(outcome.changed).toBe(true);
    writeStatements(db, ctx, loaded, outcome);
    statements = sql;
  });

  it("include reads and writes of every synced table", () => {
    const reads = statements.filter((sql) => sql.startsWith("SELECT"));
    const writes = statements.filter((sql) => !sql.startsWith("SELECT"));
    for (const table of ["sets", "sessions", "plans", "runs", "assessments", "settings"]) {
      const named = new RegExp(`\\b${table}\\b`);
      expect(reads.some((sql) => named.test(sql))).toBe(true);
      expect(writes.some((sql) => sql.startsWith(`INSERT INTO ${table} `))).toBe(true);
    }
    expect(reads.some((sql) => /\btombstones\b/.test(sql))).toBe(true);
    expect(writes.some((sql) => /INTO tombstones\b/.test(sql))).toBe(true);
  });

  it("each reach rows by key: none walks the user's whole history", async () => {
    const walking: string[] = [];
    for (const sql of statements) {
      const steps = await queryPlan(sql);
      for (const step of steps) if (walksHistory(step)) walking.push(`${step}  ←  ${sql}`);
    }
    expect(walking).toEqual([]);
  });

  it("the check itself spots a statement that walks the history", async () => {
    const steps = await queryPlan(
      "SELECT * FROM sets WHERE user_id = ?1 AND (id IN (SELECT value FROM json_each(?2)) OR session_id IN (SELECT value FROM json_each(?3)))",
    );
    expect(steps.some(walksHistory)).toBe(true);
  });
});

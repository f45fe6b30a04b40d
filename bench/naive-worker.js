// Baseline A of the sync benchmark (bench/sync.bench.mjs): the naive way to sync, one HTTP request
// per row, each inserting one row into D1. The table mirrors the service's `sets` table (columns,
// primary key and indexes) so the only difference from a push is the batching.
import { bindSetRow, INSERT_SET } from "./setRowInsert.js";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS sets (
    user_id text NOT NULL, id text NOT NULL, session_id text NOT NULL, exercise_id text NOT NULL,
    set_index integer NOT NULL, started_at text NOT NULL, ended_at text NOT NULL,
    reps integer, hold_s integer, side text, weight_kg real, rpe integer,
    target_reps integer, target_hold_s integer, deleted integer DEFAULT false NOT NULL,
    version integer NOT NULL, PRIMARY KEY (user_id, id))`,
  "CREATE INDEX IF NOT EXISTS sets_user_version_idx ON sets (user_id, version)",
  "CREATE INDEX IF NOT EXISTS sets_user_session_idx ON sets (user_id, session_id)",
  "CREATE INDEX IF NOT EXISTS sets_user_exercise_idx ON sets (user_id, exercise_id)",
];

let schemaReady = null;

export default {
  async fetch(request, env) {
    schemaReady ??= env.DB.batch(SCHEMA.map((sql) => env.DB.prepare(sql))).catch((err) => {
      schemaReady = null;
      throw err;
    });
    await schemaReady;
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/insert") {
      const r = await request.json();
      await bindSetRow(env.DB.prepare(INSERT_SET), r).run();
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET" && url.pathname === "/count") {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM sets").first();
      return Response.json({ rows: row.n });
    }
    return new Response("not found", { status: 404 });
  },
};

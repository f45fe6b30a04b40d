// Baseline A of the sync benchmark (bench/sync.bench.mjs): the naive way to sync, one HTTP request
// per row, each inserting one row into D1. The table mirrors the service's `sets` table (columns,
// primary key and indexes) so the only difference from a push is the batching.
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

const INSERT = `INSERT INTO sets (user_id, id, session_id, exercise_id, set_index, started_at, ended_at,
  reps, hold_s, side, weight_kg, rpe, target_reps, target_hold_s, version)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)`;

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
      await env.DB.prepare(INSERT)
        .bind(
          r.user_id,
          r.id,
          r.session_id,
          r.exercise_id,
          r.set_index,
          r.started_at,
          r.ended_at,
          r.reps ?? null,
          r.hold_s ?? null,
          r.side ?? null,
          r.weight_kg ?? null,
          r.rpe ?? null,
          r.target_reps ?? null,
          r.target_hold_s ?? null,
          r.version,
        )
        .run();
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET" && url.pathname === "/count") {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM sets").first();
      return Response.json({ rows: row.n });
    }
    return new Response("not found", { status: 404 });
  },
};

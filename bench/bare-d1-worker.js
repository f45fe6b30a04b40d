// The bare-D1 baseline of the sync benchmark (bench/sync.bench.mjs): the service's own D1
// migrations, and per request one `batch()` inserting the posted set rows into `sets`. No auth,
// no validation, no sync state: what a push costs at the least, over the same HTTP hop.
import { bindSetRow, INSERT_SET } from "./setRowInsert.js";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/user") {
      // `sets.user_id` references `users`: the rows need their owner first.
      const { id } = await request.json();
      await env.DB.prepare(
        "INSERT OR IGNORE INTO users (id, email, password_hash, created_at) VALUES (?1, ?2, 'x', ?3)",
      )
        .bind(id, `${id}@bench.local`, Date.now())
        .run();
      return new Response(null, { status: 204 });
    }
    if (request.method === "POST" && url.pathname === "/batch") {
      const rows = await request.json();
      const insert = env.DB.prepare(INSERT_SET);
      await env.DB.batch(rows.map((r) => bindSetRow(insert, r)));
      return new Response(null, { status: 204 });
    }
    if (request.method === "GET" && url.pathname === "/count") {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM sets").first();
      return Response.json({ rows: row.n });
    }
    return new Response("not found", { status: 404 });
  },
};

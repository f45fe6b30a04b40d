// Moves one user between stores: copies every row of theirs, points store 0's directory at the
// new store, then deletes the old copy. The caller keeps the user's writes away meanwhile (an
// operator runs moves; docs/scaling.md): a push landing mid-move would stay behind.
import { eq, sql } from "drizzle-orm";
import { database } from "./client.ts";
import { userDirectory } from "./schema.ts";
import { hashedStore, storeBinding, storeCount } from "./stores.ts";

/** Tables holding a user's rows, parents first (foreign keys are enforced). */
const USER_TABLES = [
  ["users", "id"],
  ["sync_state", "user_id"],
  ["settings", "user_id"],
  ["devices", "user_id"],
  ["auth_sessions", "user_id"],
  ["plans", "user_id"],
  ["sessions", "user_id"],
  ["sets", "user_id"],
  ["runs", "user_id"],
  ["assessments", "user_id"],
  ["tombstones", "user_id"],
  ["calendar_feeds", "user_id"],
  ["plan_shares", "user_id"],
] as const;

/** Rows copied per D1 batch: one statement each, well under D1's limits. */
const BATCH_ROWS = 200;

export async function moveUser(
  env: Env,
  userId: string,
  from: number,
  to: number,
): Promise<number> {
  if (from === to) return 0;
  const source = storeBinding(env, from);
  const target = storeBinding(env, to);
  let copied = 0;
  for (const [table, column] of USER_TABLES) {
    const { results } = await source
      .prepare(`SELECT * FROM ${table} WHERE ${column} = ?1`)
      .bind(userId)
      .all<Record<string, unknown>>();
    for (let i = 0; i < results.length; i += BATCH_ROWS) {
      const rows = results.slice(i, i + BATCH_ROWS);
      await target.batch(
        rows.map((row) => {
          const cols = Object.keys(row);
          const marks = cols.map((_, j) => `?${j + 1}`).join(", ");
          return target
            .prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${marks})`)
            .bind(...cols.map((c) => row[c] ?? null));
        }),
      );
      copied += rows.length;
    }
  }
  // From here on the user's requests go to `to`; a user back on their hashed store needs no entry.
  const accounts = database(env.DB);
  if (to === hashedStore(userId, storeCount(env))) {
    await accounts.delete(userDirectory).where(eq(userDirectory.userId, userId));
  } else {
    await accounts
      .insert(userDirectory)
      .values({ userId, store: to, movedAt: Date.now() })
      .onConflictDoUpdate({
        target: userDirectory.userId,
        set: { store: to, movedAt: sql`excluded.moved_at` },
      });
  }
  // Every table references users with ON DELETE CASCADE.
  await source.prepare("DELETE FROM users WHERE id = ?1").bind(userId).run();
  return copied;
}

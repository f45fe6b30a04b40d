// Moves one user between stores without losing a write: freezes their writes (the directory row
// in store 0 says until when; the store seam answers their writes 429 with Retry-After), lets
// requests already past that check finish, copies every row, checks that nothing changed in
// the old store meanwhile, points the directory at the new store, then deletes the old copy. Any
// failure puts things back as they were: the new store's copy dropped, the directory restored.
// The freeze ends by itself if the mover dies, so a user is never locked out for good.
import { eq } from "drizzle-orm";
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

/**
 * How long a request that read the directory just before the freeze may still be writing: a
 * push or a page's write is a few queries, and D1 ends a query after 30 s.
 */
export const MOVE_SETTLE_MS = 35_000;
/** How long the freeze lasts at most: settling, then copying (a user-year is ~3,000 rows). */
const FREEZE_MS = MOVE_SETTLE_MS + 5 * 60_000;

/** The freeze must have this long left after the copy for the switch-over to happen. */
const SWITCH_MARGIN_MS = 60_000;

export class MoveAborted extends Error {}

export type MoveOptions = {
  /** Waits out requests that passed the freeze check just before it (default MOVE_SETTLE_MS). */
  settle?: () => Promise<void>;
  now?: () => number;
};

type Row = Record<string, unknown>;
type DirectoryRow = typeof userDirectory.$inferSelect;

/** What the user's rows in one store are: every row of every table, as JSON text. */
async function snapshot(d1: D1Database, userId: string): Promise<string> {
  const parts: string[] = [];
  for (const [table, column] of USER_TABLES) {
    const { results } = await d1
      .prepare(`SELECT * FROM ${table} WHERE ${column} = ?1 ORDER BY rowid`)
      .bind(userId)
      .all<Row>();
    parts.push(JSON.stringify(results));
  }
  return parts.join("\n");
}

async function copyRows(source: D1Database, target: D1Database, userId: string): Promise<number> {
  let copied = 0;
  for (const [table, column] of USER_TABLES) {
    const { results } = await source
      .prepare(`SELECT * FROM ${table} WHERE ${column} = ?1`)
      .bind(userId)
      .all<Row>();
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
  return copied;
}

/** Every table references users with ON DELETE CASCADE: one delete drops the user's rows. */
async function dropUserRows(d1: D1Database, userId: string): Promise<void> {
  await d1.prepare("DELETE FROM users WHERE id = ?1").bind(userId).run();
}

/** Moves `userId` from store `from` to store `to`; resolves with the number of rows copied. */
export async function moveUser(
  env: Env,
  userId: string,
  from: number,
  to: number,
  options: MoveOptions = {},
): Promise<number> {
  if (from === to) return 0;
  const now = options.now ?? Date.now;
  const settle = options.settle ?? (() => new Promise((r) => setTimeout(r, MOVE_SETTLE_MS)));
  const source = storeBinding(env, from);
  const target = storeBinding(env, to);
  const accounts = database(env.DB);
  const [before] = await accounts
    .select()
    .from(userDirectory)
    .where(eq(userDirectory.userId, userId));
  // Two moves of one user at once would each undo the other's copy: the second one stops here.
  if (before?.frozenUntil != null && before.frozenUntil > now()) {
    throw new MoveAborted("another move of this user is under way");
  }
  const home = before?.store ?? hashedStore(userId, storeCount(env));
  if (home !== from) {
    throw new MoveAborted(`the user lives in store ${home}, not in store ${from}`);
  }
  const restoreDirectory = async (row: DirectoryRow | undefined) => {
    if (row) {
      await accounts
        .insert(userDirectory)
        .values(row)
        .onConflictDoUpdate({ target: userDirectory.userId, set: row });
    } else {
      await accounts.delete(userDirectory).where(eq(userDirectory.userId, userId));
    }
  };
  const freezeEnds = now() + FREEZE_MS;
  await restoreDirectory({
    userId,
    store: from,
    movedAt: before?.movedAt ?? now(),
    frozenUntil: freezeEnds,
  });
  let copied = 0;
  try {
    await settle();
    const untouched = await snapshot(source, userId);
    copied = await copyRows(source, target, userId);
    // A write that slipped past the freeze (a request slower than the settle) would be lost.
    if ((await snapshot(source, userId)) !== untouched) {
      throw new MoveAborted("the user's rows changed in the old store while they were copied");
    }
    // Writes come back when the freeze ends: switching over needs it to hold a while yet.
    if (now() > freezeEnds - SWITCH_MARGIN_MS) {
      throw new MoveAborted("the copy took longer than the freeze allows");
    }
  } catch (error) {
    await dropUserRows(target, userId);
    await restoreDirectory(before);
    throw error;
  }
  // From here on the user's requests go to `to`; a user back on their hashed store needs no entry.
  await restoreDirectory(
    to === hashedStore(userId, storeCount(env))
      ? undefined
      : { userId, store: to, movedAt: now(), frozenUntil: null },
  );
  await dropUserRows(source, userId);
  return copied;
}

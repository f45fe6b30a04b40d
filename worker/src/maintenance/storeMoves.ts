// The moves an operator queued in store 0's `store_moves` (docs/scaling.md), done by the cron
// oldest first, a few per run: each row ends `done` or `failed` with a sentence in `note`.
import { and, asc, eq } from "drizzle-orm";
import { homeStore } from "../db/accountIndex.ts";
import { database } from "../db/client.ts";
import { MoveAborted, type MoveOptions, moveUser } from "../db/moveUser.ts";
import { storeMoves } from "../db/schema.ts";
import { boundStores, storeBinding, storeCount } from "../db/stores.ts";

/** A move takes the settle time (35 s) plus the copy: three fit a cron run with room to spare. */
export const MOVES_PER_RUN = 3;

export type MoveOutcome = { userId: string; status: "done" | "failed"; note: string };

async function outcomeOf(
  env: Env,
  userId: string,
  to: number,
  options: MoveOptions,
): Promise<Omit<MoveOutcome, "userId">> {
  const stores = boundStores(env).length;
  if (!Number.isInteger(to) || to < 0 || to >= stores) {
    return {
      status: "failed",
      note: `Store ${to} is not bound to this Worker (it has ${stores}).`,
    };
  }
  const { store: from } = await homeStore(database(env.DB), userId, storeCount(env));
  const user = await storeBinding(env, from)
    .prepare("SELECT id FROM users WHERE id = ?1")
    .bind(userId)
    .first();
  if (!user) return { status: "failed", note: `No account ${userId} in store ${from}.` };
  if (from === to) return { status: "done", note: `Already in store ${to}; nothing moved.` };
  try {
    const copied = await moveUser(env, userId, from, to, options);
    return { status: "done", note: `Moved from store ${from} to store ${to}: ${copied} rows.` };
  } catch (error) {
    const why = error instanceof MoveAborted ? error.message : `an error: ${String(error)}`;
    return { status: "failed", note: `Not moved (${why}); everything is as it was.` };
  }
}

/** Runs up to `limit` pending moves, oldest first; resolves with what became of each. */
export async function runQueuedMoves(
  env: Env,
  options: MoveOptions & { limit?: number } = {},
): Promise<MoveOutcome[]> {
  const accounts = database(env.DB);
  const pending = await accounts
    .select({ userId: storeMoves.userId, toStore: storeMoves.toStore })
    .from(storeMoves)
    .where(eq(storeMoves.status, "pending"))
    .orderBy(asc(storeMoves.requestedAt))
    .limit(options.limit ?? MOVES_PER_RUN);
  const outcomes: MoveOutcome[] = [];
  for (const move of pending) {
    const outcome = await outcomeOf(env, move.userId, move.toStore, options);
    await accounts
      .update(storeMoves)
      .set({ status: outcome.status, note: outcome.note, finishedAt: Date.now() })
      .where(and(eq(storeMoves.userId, move.userId), eq(storeMoves.status, "pending")));
    outcomes.push({ userId: move.userId, ...outcome });
  }
  return outcomes;
}

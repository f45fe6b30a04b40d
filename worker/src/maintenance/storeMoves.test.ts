// The queued moves between two real local D1 stores (DB = store 0, DB_1 = store 1, D1_STORES=2):
// the cron's share does pending rows oldest first, a few per run, and says what became of each.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { numbered, pairDevice, push, sessionStart, setLog, uid } from "../../test/apiClient.ts";
import { signUpOn, splitEnv, useSplitStores } from "../../test/splitStores.ts";
import { hashedStore, storeBinding } from "../db/stores.ts";
import worker from "../index.ts";
import { runQueuedMoves } from "./storeMoves.ts";

useSplitStores();
const noSettle = { settle: async () => {} };

/** A new account on `store` with one logged set. */
async function runnerOn(store: number): Promise<string> {
  const user = await signUpOn(store);
  const watch = await pairDevice(user);
  const session = uid("s");
  const res = await push(watch, numbered(1, [sessionStart(session), setLog(uid("set"), session)]));
  expect(res.status).toBe(200);
  return user.id;
}

async function queueMove(userId: string, toStore: number, requestedAt: number): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO store_moves (user_id, to_store, requested_at) VALUES (?1, ?2, ?3)",
  )
    .bind(userId, toStore, requestedAt)
    .run();
}

async function moveRow(userId: string) {
  return env.DB.prepare("SELECT status, note, finished_at FROM store_moves WHERE user_id = ?1")
    .bind(userId)
    .first<{ status: string; note: string | null; finished_at: number | null }>();
}

async function setsIn(store: number, userId: string): Promise<number> {
  const row = await storeBinding(splitEnv, store)
    .prepare("SELECT COUNT(*) AS n FROM sets WHERE user_id = ?1")
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("queued moves between stores", () => {
  it("does pending moves oldest first, a few per run, and records each outcome", async () => {
    // Earlier tests' rows would run first: start from an empty queue.
    await env.DB.prepare("DELETE FROM store_moves").run();
    const first = await runnerOn(1);
    const second = await runnerOn(0);
    const third = await runnerOn(1);
    await queueMove(third, 0, 3);
    await queueMove(first, 0, 1);
    await queueMove(second, 1, 2);

    const run = await runQueuedMoves(splitEnv, { ...noSettle, limit: 2 });
    expect(run.map((o) => [o.userId, o.status])).toEqual([
      [first, "done"],
      [second, "done"],
    ]);
    expect(run[0]?.note).toMatch(/^Moved from store 1 to store 0: \d+ rows\.$/);
    expect(await setsIn(0, first)).toBe(1);
    expect(await setsIn(1, first)).toBe(0);
    expect(await setsIn(1, second)).toBe(1);
    expect(await setsIn(0, second)).toBe(0);
    expect((await moveRow(third))?.status).toBe("pending");
    expect((await moveRow(first))?.finished_at).toEqual(expect.any(Number));

    const next = await runQueuedMoves(splitEnv, noSettle);
    expect(next.map((o) => [o.userId, o.status])).toEqual([[third, "done"]]);
    expect(await setsIn(0, third)).toBe(1);
    // Nothing left: a run with an empty queue does nothing.
    expect(await runQueuedMoves(splitEnv, noSettle)).toEqual([]);
  });

  it("fails a move to an unbound store or of an unknown account, with a sentence, and moves nothing", async () => {
    await env.DB.prepare("DELETE FROM store_moves").run();
    const userId = await runnerOn(1);
    const stranger = `nobody-${uid()}`;
    await queueMove(userId, 7, 1);
    await queueMove(stranger, 0, 2);
    const run = await runQueuedMoves(splitEnv, noSettle);
    expect(run).toEqual([
      { userId, status: "failed", note: "Store 7 is not bound to this Worker (it has 2)." },
      {
        userId: stranger,
        status: "failed",
        note: `No account ${stranger} in store ${hashedStore(stranger, 2)}.`,
      },
    ]);
    expect(await setsIn(1, userId)).toBe(1);
    expect((await moveRow(userId))?.status).toBe("failed");
  });

  it("counts a move to where the account already is as done, with nothing moved", async () => {
    await env.DB.prepare("DELETE FROM store_moves").run();
    const userId = await runnerOn(1);
    await queueMove(userId, 1, 1);
    expect(await runQueuedMoves(splitEnv, noSettle)).toEqual([
      { userId, status: "done", note: "Already in store 1; nothing moved." },
    ]);
    expect(await setsIn(1, userId)).toBe(1);
  });

  it("the ten-minute cron runs the queue and the daily one leaves it alone", async () => {
    await env.DB.prepare("DELETE FROM store_moves").run();
    const userId = await runnerOn(1);
    // A move that fails before any waiting: what matters here is which cron picks it up.
    await queueMove(userId, 9, 1);
    const fire = async (cron: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled?.(
        { cron, scheduledTime: Date.now(), noRetry() {} } as ScheduledController,
        splitEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
    };
    await fire("17 3 * * *");
    expect((await moveRow(userId))?.status).toBe("pending");
    await fire("*/10 * * * *");
    expect(await moveRow(userId)).toMatchObject({
      status: "failed",
      note: "Store 9 is not bound to this Worker (it has 2).",
    });
  });
});

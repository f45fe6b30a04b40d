// Worker entry point: the HTTP app; the daily cron that purges expired secrets and counters, and
// the ten-minute one that does the moves between stores an operator queued.
import { createApp } from "./app.ts";
import { purgeExpiredKeys } from "./db/accountIndex.ts";
import { database } from "./db/client.ts";
import { boundStores } from "./db/stores.ts";
import { purgeExpired } from "./maintenance/purgeExpired.ts";
import { runQueuedMoves } from "./maintenance/storeMoves.ts";

/** wrangler.toml's cron for the queued moves; the other one is the daily purge. */
const MOVES_CRON = "*/10 * * * *";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    if (controller.cron === MOVES_CRON) {
      ctx.waitUntil(runQueuedMoves(env));
      return;
    }
    const now = Date.now();
    // Sessions live in every store; pairings, counters and the index in store 0 only.
    for (const d1 of boundStores(env)) ctx.waitUntil(purgeExpired(d1, now));
    ctx.waitUntil(purgeExpiredKeys(database(env.DB), now));
  },
} satisfies ExportedHandler<Env>;

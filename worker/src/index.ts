// Worker entry point: the HTTP app, and the daily cron that purges expired secrets and counters.
import { createApp } from "./app.ts";
import { purgeExpiredKeys } from "./db/accountIndex.ts";
import { database } from "./db/client.ts";
import { boundStores } from "./db/stores.ts";
import { purgeExpired } from "./maintenance/purgeExpired.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    const now = Date.now();
    // Sessions live in every store; pairings, counters and the index in store 0 only.
    for (const d1 of boundStores(env)) ctx.waitUntil(purgeExpired(d1, now));
    ctx.waitUntil(purgeExpiredKeys(database(env.DB), now));
  },
} satisfies ExportedHandler<Env>;

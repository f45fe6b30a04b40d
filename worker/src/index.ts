// Worker entry point: the HTTP app, and the daily cron that purges expired secrets and counters.
import { createApp } from "./app.ts";
import { purgeExpired } from "./maintenance/purgeExpired.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(purgeExpired(env.DB, Date.now()));
  },
} satisfies ExportedHandler<Env>;

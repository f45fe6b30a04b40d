// Types of the Hono context: bindings from wrangler types, variables set by middleware.
import type { Database } from "./db/client.ts";

/** Who is calling: a paired device with a Bearer token, or a signed-in browser. */
export type Principal =
  | { kind: "device"; userId: string; deviceId: string }
  | { kind: "web"; userId: string; sessionHash: string; deviceId: string | null };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** Store 0: account index, directory, pairings, rate limits (worker/src/db/userStore.ts). */
    accounts: Database;
    /** The caller's store, set once the caller is known (useStore / resolvePrincipal). */
    db: Database;
    /** The same store without Drizzle, for the raw-SQL push and pull paths. */
    d1: D1Database;
    store: number;
    /** The D1 session reads go through when read replication is on. */
    readSession: D1DatabaseSession | undefined;
    principal: Principal;
    now: number;
  };
};

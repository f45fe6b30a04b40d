// Types of the Hono context: bindings from wrangler types, variables set by middleware.
import type { Database } from "./db/client.ts";

/** Who is calling: a paired device with a Bearer token, or a signed-in browser. */
export type Principal =
  | { kind: "device"; userId: string; deviceId: string }
  | { kind: "web"; userId: string; sessionHash: string; deviceId: string | null };

export type AppEnv = {
  Bindings: Env;
  Variables: { db: Database; principal: Principal; now: number };
};

// Two real local D1 stores for a test file (DB = store 0, DB_1 = store 1, D1_STORES=2): the app
// served over them, and sign-ups until the hash puts an account on the store a test needs.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../src/app.ts";
import { hashedStore } from "../src/db/stores.ts";
import { signUp, type User, useWorker } from "./apiClient.ts";

export const splitEnv = { ...env, D1_STORES: "2" } as unknown as Env;

/** Serves this file's requests (apiClient's call, push, pull…) from the app over both stores. */
export function useSplitStores(): ReturnType<typeof createApp> {
  const app = createApp();
  useWorker({
    fetch: (req) => Promise.resolve(app.fetch(req as Request, splitEnv, createExecutionContext())),
  });
  return app;
}

/** A new account whose id the hash puts on `store` (each sign-up is a fresh random id). */
export async function signUpOn(store: number): Promise<User> {
  for (let i = 0; i < 40; i++) {
    const user = await signUp();
    if (hashedStore(user.id, 2) === store) return user;
  }
  throw new Error(`no user hashed to store ${store} in 40 sign-ups`);
}

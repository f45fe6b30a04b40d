// The one way a request reaches a user's data: once the caller (or a link's owner) is known,
// their store is opened here and handlers use c.var.db / c.var.d1 without choosing a store.
// With D1_READ_REPLICATION=on, pulls and pages read through a D1 session (read replicas).
import { decodeCursor } from "@runstrong/shared/sync";
import type { Context } from "hono";
import type { AppEnv } from "../appEnv.ts";
import { ApiError } from "../http/apiError.ts";
import { type Home, homeStore, type Located, locateKey } from "./accountIndex.ts";
import { type Database, database } from "./client.ts";
import { storeBinding, storeCount } from "./stores.ts";

export type OpenStore = {
  store: number;
  d1: D1Database;
  db: Database;
  session: D1DatabaseSession | undefined;
  /** Set while a move copies this store's user: their writes wait (see useStore). */
  frozenUntil: number | null;
};

/** Store 0: the account index, the directory, pairings and rate limits live here. */
export function accountsDb(c: Context<AppEnv>): Database {
  return c.get("accounts");
}

/**
 * Where reads may come from: pulls continue from their cursor's bookmark (never older than
 * what the device already has), the first pull and pages start at the primary; anything else,
 * writes above all, uses the primary without a session. Null: no session.
 */
function readConstraint(c: Context<AppEnv>): string | null {
  if (String(c.env.D1_READ_REPLICATION) !== "on" || c.req.method !== "GET") return null;
  const path = c.req.path;
  if (path === "/api/v1/sync/pull") {
    const cursor = c.req.query("cursor");
    return (cursor ? decodeCursor(cursor)?.bookmark : undefined) ?? "first-primary";
  }
  return path.startsWith("/api/") ? null : "first-primary";
}

/** Opens store `store` for this request: a D1 session for replica reads, else the binding. */
function openStore(c: Context<AppEnv>, { store, frozenUntil }: Home): OpenStore {
  const binding = storeBinding(c.env, store);
  const constraint = readConstraint(c);
  if (constraint === null) {
    return { store, d1: binding, db: database(binding), session: undefined, frozenUntil };
  }
  const session = binding.withSession(constraint);
  // A session answers prepare() and batch() like the database itself, which is all that is used.
  const d1 = session as unknown as D1Database;
  return { store, d1, db: database(d1), session, frozenUntil };
}

/**
 * A write for a user being moved between stores would land in the copy about to be dropped:
 * it is refused as a short rate limit (429 with Retry-After, nothing applied), which every client
 * already retries. Reads go on from the old store until the move switches over.
 */
function refuseWriteWhileMoving(c: Context<AppEnv>, frozenUntil: number | null): void {
  const now = Date.now();
  if (frozenUntil === null || frozenUntil <= now) return;
  if (c.req.method === "GET" || c.req.method === "HEAD") return;
  const seconds = Math.max(1, Math.min(60, Math.ceil((frozenUntil - now) / 1000)));
  throw new ApiError(
    429,
    "rate_limited",
    `Your account is being moved to new storage, so nothing was changed. Try again in ${seconds} s.`,
    {},
    { "Retry-After": String(seconds) },
  );
}

/** Makes an opened store the request's user store: c.var.db and c.var.d1 point at it. */
export function useStore(c: Context<AppEnv>, open: OpenStore): OpenStore {
  refuseWriteWhileMoving(c, open.frozenUntil);
  c.set("store", open.store);
  c.set("d1", open.d1);
  c.set("db", open.db);
  c.set("readSession", open.session);
  return open;
}

/** Makes the home store of `userId` the request's user store. */
export async function useUserStore(c: Context<AppEnv>, userId: string): Promise<OpenStore> {
  return useStore(c, openStore(c, await homeStore(accountsDb(c), userId, storeCount(c.env))));
}

/**
 * The store a key's owner lives in, opened but not made the request's store (a plan link's
 * owner is not the visitor). A key store 0 does not index belongs to store 0 (made before the
 * index existed); the store's own rows decide whether the secret is real.
 */
export async function storeOfKey(
  c: Context<AppEnv>,
  key: string,
): Promise<OpenStore & { owner: Located | null }> {
  const owner = await locateKey(accountsDb(c), key, storeCount(c.env));
  return { ...openStore(c, owner ?? { store: 0, frozenUntil: null }), owner };
}

/** The bookmark of this request's read session (null without replication). */
export function readBookmark(c: Context<AppEnv>): string | null {
  return c.get("readSession")?.getBookmark() ?? null;
}

// Store 0's index of what finds a user before the user is known (sign-in by email, a session
// cookie, a device token, a calendar feed or plan link secret) and its directory of moved users.
// Rows only point: the user's own store is asked again and decides (see docs/scaling.md).
import { eq, inArray, lte } from "drizzle-orm";
import { sha256Hex } from "../auth/tokens.ts";
import type { Database } from "./client.ts";
import { accountKeys, userDirectory } from "./schema.ts";
import { hashedStore } from "./stores.ts";

export type SecretKind = "session" | "device" | "calendar" | "share";

export function emailKey(email: string): string {
  return `email:${email}`;
}

/** The key of a secret whose SHA-256 is already known (session cookies and device tokens). */
export function digestKey(kind: SecretKind, digestHex: string): string {
  return `${kind}:${digestHex}`;
}

/** The key of a secret kept as it is in the user's store (calendar feeds, plan links). */
export async function secretKey(kind: SecretKind, secret: string): Promise<string> {
  return digestKey(kind, await sha256Hex(secret));
}

/** Where a user lives, and until when a move refuses their writes (null: no move under way). */
export type Home = { store: number; frozenUntil: number | null };
export type Located = Home & { userId: string };

/**
 * Who a key belongs to and where they live, in one read of store 0; null when store 0 has no
 * such key (an unknown secret, or one made before the index existed: those live in store 0).
 */
export async function locateKey(
  accounts: Database,
  key: string,
  storeCount: number,
): Promise<Located | null> {
  const [row] = await accounts
    .select({
      userId: accountKeys.userId,
      moved: userDirectory.store,
      frozenUntil: userDirectory.frozenUntil,
    })
    .from(accountKeys)
    .leftJoin(userDirectory, eq(userDirectory.userId, accountKeys.userId))
    .where(eq(accountKeys.key, key))
    .limit(1);
  if (!row) return null;
  return {
    userId: row.userId,
    store: row.moved ?? hashedStore(row.userId, storeCount),
    frozenUntil: row.frozenUntil ?? null,
  };
}

/** A user's store: the directory's word for a moved user, else the hash of the id. */
export async function homeStore(
  accounts: Database,
  userId: string,
  storeCount: number,
): Promise<Home> {
  const [row] = await accounts
    .select({ store: userDirectory.store, frozenUntil: userDirectory.frozenUntil })
    .from(userDirectory)
    .where(eq(userDirectory.userId, userId))
    .limit(1);
  return {
    store: row?.store ?? hashedStore(userId, storeCount),
    frozenUntil: row?.frozenUntil ?? null,
  };
}

/** Records a new secret's key (a repeat of one is a no-op: secrets are random). */
export async function indexSecret(
  accounts: Database,
  key: string,
  userId: string,
  expiresAt: number | null = null,
): Promise<void> {
  await accounts
    .insert(accountKeys)
    .values({ key, userId, expiresAt })
    .onConflictDoUpdate({ target: accountKeys.key, set: { userId, expiresAt } });
}

/** Claims an email for a new account; false when another account holds it already. */
export async function claimEmail(
  accounts: Database,
  email: string,
  userId: string,
): Promise<boolean> {
  const claimed = await accounts
    .insert(accountKeys)
    .values({ key: emailKey(email), userId })
    .onConflictDoNothing()
    .returning({ key: accountKeys.key });
  return claimed.length === 1;
}

export async function dropKeys(accounts: Database, keys: string[]): Promise<void> {
  // D1 binds at most 100 parameters a query.
  for (let i = 0; i < keys.length; i += 90) {
    await accounts.delete(accountKeys).where(inArray(accountKeys.key, keys.slice(i, i + 90)));
  }
}

/** Forgets a deleted account: its keys and its directory entry. */
export async function dropUser(accounts: Database, userId: string): Promise<void> {
  await accounts.batch([
    accounts.delete(accountKeys).where(eq(accountKeys.userId, userId)),
    accounts.delete(userDirectory).where(eq(userDirectory.userId, userId)),
  ]);
}

/** The daily purge's share: session keys whose session has ended. */
export async function purgeExpiredKeys(accounts: Database, now: number): Promise<number> {
  const gone = await accounts.delete(accountKeys).where(lte(accountKeys.expiresAt, now));
  return gone.meta.changes;
}

// The calendar feed's secret per user: made on first use, replaced by a rotation, and looked up
// (without any other credential) when a calendar app fetches /cal/<secret>.ics.
import { eq } from "drizzle-orm";
import { newSecret } from "../../auth/tokens.ts";
import { dropKeys, indexSecret, secretKey } from "../../db/accountIndex.ts";
import type { Database } from "../../db/client.ts";
import { calendarFeeds } from "../../db/schema.ts";

/**
 * The user's secret, made now if there is none (two first calls at once agree on one). A new
 * secret goes into store 0's index (`accounts`) before it can be shown, so its feed is found.
 */
export async function feedSecret(
  db: Database,
  accounts: Database,
  userId: string,
  now: number,
): Promise<string> {
  const [known] = await db
    .select({ secret: calendarFeeds.secret })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  if (known) return known.secret;
  const fresh = newSecret();
  const key = await secretKey("calendar", fresh);
  await indexSecret(accounts, key, userId);
  const [, rows] = await db.batch([
    db
      .insert(calendarFeeds)
      .values({ userId, secret: fresh, createdAt: now })
      .onConflictDoNothing({ target: calendarFeeds.userId }),
    db
      .select({ secret: calendarFeeds.secret })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId)),
  ]);
  const secret = rows[0]?.secret;
  if (secret === undefined) throw new Error("calendar feed secret missing after insert");
  // Another first call won: its secret is indexed by that call.
  if (secret !== fresh) await dropKeys(accounts, [key]);
  return secret;
}

/** A new secret for the user; the old one finds nothing from now on. */
export async function rotateFeedSecret(
  db: Database,
  accounts: Database,
  userId: string,
  now: number,
): Promise<string> {
  const secret = newSecret();
  await indexSecret(accounts, await secretKey("calendar", secret), userId);
  const [old] = await db.batch([
    db
      .select({ secret: calendarFeeds.secret })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId)),
    db
      .insert(calendarFeeds)
      .values({ userId, secret, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { secret, createdAt: now } }),
  ]);
  const replaced = old[0]?.secret;
  if (replaced !== undefined) await dropKeys(accounts, [await secretKey("calendar", replaced)]);
  return secret;
}

/** Whose feed the secret opens, or null. */
export async function feedOwner(db: Database, secret: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.secret, secret));
  return row?.userId ?? null;
}

export function feedUrl(origin: string, secret: string): string {
  return `${origin}/cal/${secret}.ics`;
}

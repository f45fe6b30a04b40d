// The calendar feed's secret per user: made on first use, replaced by a rotation, and looked up
// (without any other credential) when a calendar app fetches /cal/<secret>.ics.
import { eq } from "drizzle-orm";
import { newSecret } from "../../auth/tokens.ts";
import type { Database } from "../../db/client.ts";
import { calendarFeeds } from "../../db/schema.ts";

/** The user's secret, made now if there is none (two first calls at once agree on one). */
export async function feedSecret(db: Database, userId: string, now: number): Promise<string> {
  const [, rows] = await db.batch([
    db
      .insert(calendarFeeds)
      .values({ userId, secret: newSecret(), createdAt: now })
      .onConflictDoNothing({ target: calendarFeeds.userId }),
    db
      .select({ secret: calendarFeeds.secret })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId)),
  ]);
  const secret = rows[0]?.secret;
  if (secret === undefined) throw new Error("calendar feed secret missing after insert");
  return secret;
}

/** A new secret for the user; the old one finds nothing from now on. */
export async function rotateFeedSecret(db: Database, userId: string, now: number): Promise<string> {
  const secret = newSecret();
  await db
    .insert(calendarFeeds)
    .values({ userId, secret, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { secret, createdAt: now } });
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

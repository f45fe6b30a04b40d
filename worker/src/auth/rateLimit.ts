// Fixed-window rate limits kept in D1, so every Worker instance shares the same counts.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";
import { ApiError } from "../http/apiError.ts";

export type Limit = { max: number; windowS: number };

export const LIMITS = {
  /** Failed sign-ins only: a mistyped email cannot lock its owner out from their own address. */
  loginFailPerEmailAndIp: { max: 10, windowS: 900 },
  /** Failed sign-ins for one email from any addresses: a looser cap on distributed guessing. */
  loginFailPerEmail: { max: 50, windowS: 900 },
  loginFailPerIp: { max: 20, windowS: 900 },
  /** Password checks of a signed-in account (change password, delete account). */
  passwordCheckPerUser: { max: 10, windowS: 900 },
  signupPerIp: { max: 20, windowS: 3600 },
  approvePerUser: { max: 10, windowS: 900 },
  approvePerIp: { max: 20, windowS: 900 },
  pairPerIp: { max: 30, windowS: 900 },
  tokenPollPerIp: { max: 120, windowS: 60 },
} satisfies Record<string, Limit>;

function tooMany(retryAfter: number): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    `Too many attempts; try again in ${retryAfter} s.`,
    {},
    { "Retry-After": String(retryAfter) },
  );
}

/** Throws 429 when `key`'s budget in the current window is already spent; counts nothing. */
export async function assertUnder(
  db: Database,
  key: string,
  limit: Limit,
  now: number,
): Promise<void> {
  const windowMs = limit.windowS * 1000;
  const [row] = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
  if (row && row.windowStart > now - windowMs && row.count >= limit.max) {
    throw tooMany(Math.max(1, Math.ceil((row.windowStart + windowMs - now) / 1000)));
  }
}

/** Counts one attempt under `key`; throws 429 with Retry-After once the window's budget is spent. */
export async function hit(db: Database, key: string, limit: Limit, now: number): Promise<void> {
  const windowMs = limit.windowS * 1000;
  const expired = now - windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${expired} THEN ${now} ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (row && row.count > limit.max) {
    throw tooMany(Math.max(1, Math.ceil((row.windowStart + windowMs - now) / 1000)));
  }
}

export function clientIp(headers: { header(name: string): string | undefined }): string {
  return headers.header("cf-connecting-ip") ?? headers.header("x-real-ip") ?? "local";
}

// Read-only plan links: one token per shared plan, looked up only together with a live plan of
// its owner, so a deleted plan's link finds nothing (and is removed when next asked for).
import { type PlanBody, PlanBody as PlanBodySchema } from "@runstrong/shared/schemas";
import { and, eq } from "drizzle-orm";
import { newSecret } from "../../auth/tokens.ts";
import { dropKeys, indexSecret, secretKey } from "../../db/accountIndex.ts";
import type { Database } from "../../db/client.ts";
import { planShares, plans } from "../../db/schema.ts";

export function shareUrl(origin: string, token: string): string {
  return `${origin}/shared/plans/${token}`;
}

async function livePlanExists(db: Database, userId: string, planId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.deleted, false)));
  return row !== undefined;
}

/**
 * The plan's link token (made now if it has none) and whether it was made now; null: no such
 * plan. A new token goes into store 0's index (`accounts`) first, so the link finds its plan.
 */
export async function sharePlan(
  db: Database,
  accounts: Database,
  userId: string,
  planId: string,
  now: number,
): Promise<{ token: string; created: boolean } | null> {
  if (!(await livePlanExists(db, userId, planId))) return null;
  const fresh = newSecret();
  const key = await secretKey("share", fresh);
  await indexSecret(accounts, key, userId);
  const [, rows] = await db.batch([
    db
      .insert(planShares)
      .values({ token: fresh, userId, planId, createdAt: now })
      .onConflictDoNothing({ target: [planShares.userId, planShares.planId] }),
    db
      .select({ token: planShares.token })
      .from(planShares)
      .where(and(eq(planShares.userId, userId), eq(planShares.planId, planId))),
  ]);
  const token = rows[0]?.token;
  if (token !== fresh) await dropKeys(accounts, [key]);
  return token === undefined ? null : { token, created: token === fresh };
}

/** Ends the plan's link; false when the user has no such plan. */
export async function unsharePlan(
  db: Database,
  accounts: Database,
  userId: string,
  planId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(planShares)
    .where(and(eq(planShares.userId, userId), eq(planShares.planId, planId)))
    .returning({ token: planShares.token });
  await dropKeys(accounts, await Promise.all(deleted.map((d) => secretKey("share", d.token))));
  return deleted.length > 0 || (await livePlanExists(db, userId, planId));
}

/** The link token of each of the user's shared plans, by plan id. */
export async function shareTokens(db: Database, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ planId: planShares.planId, token: planShares.token })
    .from(planShares)
    .where(eq(planShares.userId, userId));
  return new Map(rows.map((r) => [r.planId, r.token]));
}

/** The plan a link shows, or null for an unknown, stopped or deleted plan's link. */
export async function sharedPlan(db: Database, token: string): Promise<PlanBody | null> {
  const [row] = await db
    .select({ body: plans.body, deleted: plans.deleted })
    .from(planShares)
    .leftJoin(plans, and(eq(plans.userId, planShares.userId), eq(plans.id, planShares.planId)))
    .where(eq(planShares.token, token));
  if (row === undefined) return null;
  if (row.deleted !== false || !row.body) {
    // The plan was deleted (plans are never revived): the link ends with it.
    await db.delete(planShares).where(eq(planShares.token, token));
    return null;
  }
  try {
    const parsed = PlanBodySchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

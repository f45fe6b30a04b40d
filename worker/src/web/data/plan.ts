// The active plan (settings.active_plan_id → plans.body), parsed with the shared schema, and
// the catalog names its items need.
import { exerciseById } from "@runstrong/shared/catalog";
import { type PlanBody, PlanBody as PlanBodySchema, type PlanDay } from "@runstrong/shared/schemas";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { plans } from "../../db/schema.ts";

export type ActivePlan = { id: string; body: PlanBody };

export async function loadPlan(
  db: Database,
  userId: string,
  planId: string | null,
): Promise<ActivePlan | null> {
  if (!planId) return null;
  const [row] = await db
    .select({ body: plans.body })
    .from(plans)
    .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.deleted, false)));
  if (!row?.body) return null;
  try {
    const parsed = PlanBodySchema.safeParse(JSON.parse(row.body));
    return parsed.success ? { id: planId, body: parsed.data } : null;
  } catch {
    return null;
  }
}

export function planDay(plan: ActivePlan | null, weekday: number): PlanDay | undefined {
  return plan?.body.days.find((d) => d.weekday === weekday);
}

export function hasStrength(day: PlanDay | undefined): boolean {
  return !!day && (day.items.length > 0 || day.routine_id !== undefined);
}

export function exerciseName(id: string, given?: string): string {
  return given ?? exerciseById(id)?.name ?? id.replace(/-/g, " ");
}

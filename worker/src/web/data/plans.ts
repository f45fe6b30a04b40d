// Every live plan of one user with its rev (what an edit or a delete must name as base_rev),
// parsed with the shared PlanBody schema; a stored body that no longer parses is left out.
import { PlanBody } from "@runstrong/shared/schemas";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { plans } from "../../db/schema.ts";

export type SavedPlan = { id: string; rev: number; body: PlanBody };

function parseBody(text: string | null): PlanBody | null {
  if (!text) return null;
  try {
    const parsed = PlanBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The user's plans that are not deleted, the most recently changed first. */
export async function listPlans(db: Database, userId: string): Promise<SavedPlan[]> {
  const rows = await db
    .select({ id: plans.id, rev: plans.rev, body: plans.body })
    .from(plans)
    .where(and(eq(plans.userId, userId), eq(plans.deleted, false)))
    .orderBy(desc(plans.version), asc(plans.id));
  const out: SavedPlan[] = [];
  for (const row of rows) {
    const body = parseBody(row.body);
    if (body) out.push({ id: row.id, rev: row.rev, body });
  }
  return out;
}

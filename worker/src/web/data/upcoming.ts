// The active plan's sessions for today and the six days after, progressed from what was logged
// and adjusted for fatigue: what the dashboard and the phone runner offer.
import { addDays, todaySession } from "@runstrong/shared/plans";
import type { PlanBody, TodayResponse } from "@runstrong/shared/schemas";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { plans } from "../../db/schema.ts";
import { loggedSetsFor, recentRuns } from "../../db/trainingHistory.ts";
import type { ActivePlan } from "./plan.ts";

export const UPCOMING_DAYS = 7;

export type Upcoming = {
  /** The stored rev of the active plan: an accepted change is saved with plan.put on it. */
  rev: number;
  days: TodayResponse[];
};

export async function loadUpcoming(
  db: Database,
  userId: string,
  plan: ActivePlan | null,
  today: string,
  tz: string,
): Promise<Upcoming | null> {
  if (plan === null) return null;
  const [sets, runs, revRows] = await Promise.all([
    loggedSetsFor(db, userId, plan.body, tz),
    recentRuns(db, userId, addDays(today, UPCOMING_DAYS - 1)),
    db
      .select({ rev: plans.rev })
      .from(plans)
      .where(and(eq(plans.userId, userId), eq(plans.id, plan.id))),
  ]);
  const days: TodayResponse[] = [];
  for (let i = 0; i < UPCOMING_DAYS; i++) {
    const date = addDays(today, i);
    days.push(todaySession({ planId: plan.id, plan: plan.body as PlanBody, date, sets, runs }));
  }
  return { rev: revRows[0]?.rev ?? 0, days };
}

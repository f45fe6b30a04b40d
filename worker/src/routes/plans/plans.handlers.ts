// Handlers of the plan routes (specs and wiring in plans.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { generatePlan, todaySession } from "@runstrong/shared/plans";
import type { AppEnv } from "../../appEnv.ts";
import { loggedSetsFor, readPlanSettings, recentRuns } from "../../db/trainingHistory.ts";
import { ApiError } from "../../http/apiError.ts";
import { loadPlan } from "../../web/data/plan.ts";
import { localDate } from "../../web/format.ts";
import type { generateRoute, todayRoute } from "./plans.routes.ts";

export const buildPlan: RouteHandler<typeof generateRoute, AppEnv> = (c) =>
  c.json(generatePlan(c.req.valid("json")), 200);

export const showTodaysSession: RouteHandler<typeof todayRoute, AppEnv> = async (c) => {
  const db = c.get("db");
  const userId = c.get("principal").userId;
  const { activePlanId, timeZone } = await readPlanSettings(db, userId);
  const plan = await loadPlan(db, userId, activePlanId);
  if (plan === null) {
    throw new ApiError(
      404,
      "not_found",
      "You have no active plan yet: build one on the Plan page.",
    );
  }
  const date = c.req.valid("query").date ?? localDate(c.get("now"), timeZone);
  const [sets, runs] = await Promise.all([
    loggedSetsFor(db, userId, plan.body, timeZone),
    recentRuns(db, userId, date),
  ]);
  return c.json(todaySession({ planId: plan.id, plan: plan.body, date, sets, runs }), 200);
};

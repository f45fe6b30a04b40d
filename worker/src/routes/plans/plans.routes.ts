// POST /plans/generate (the plan builder; stores nothing) and GET /plans/today (the active
// plan's session for a date with progressed targets): thin handlers over shared/plans.
import { createRoute } from "@hono/zod-openapi";
import { generatePlan, todaySession } from "@runstrong/shared/plans";
import {
  GeneratePlanRequest,
  GeneratePlanResponse,
  TodayQuery,
  TodayResponse,
} from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { loggedSetsFor, readPlanSettings, recentRuns } from "../../db/trainingHistory.ts";
import { ApiError } from "../../http/apiError.ts";
import { loadPlan } from "../../web/data/plan.ts";
import { localDate } from "../../web/format.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonBody, jsonResponse, SIGNED_IN } from "../routeParts.ts";

const generate = createRoute({
  method: "post",
  path: "/generate",
  tags: ["Plans"],
  summary: "Build a plan around a running week (stores nothing; save it with plan.put)",
  description:
    "Places strength days around the running week and fills them from the catalog. Every rule " +
    "the answer breaks is listed in `violations` (rule ids: session_count, " +
    "no_strength_before_key_run, no_back_to_back_strength, rest_day, fits_minutes, equipment, " +
    "coverage); the answer is 200 even when no placement satisfies them all.",
  security: SIGNED_IN,
  request: { body: jsonBody(GeneratePlanRequest) },
  responses: {
    200: jsonResponse(
      "The plan, any broken rules and each strength day's minutes",
      GeneratePlanResponse,
    ),
    ...pickErrors(400, 401, 403, 413, 415),
  },
});

const today = createRoute({
  method: "get",
  path: "/today",
  tags: ["Plans"],
  summary: "Today's session of the active plan, with progressed targets",
  description:
    "`date` defaults to today in the user's time zone setting (UTC without one). `day` is null " +
    "on a day without strength; `progression` explains every item whose targets differ from " +
    "the plan's; `adjustment` is a fatigue-aware suggestion or null.",
  security: SIGNED_IN,
  request: { query: TodayQuery },
  responses: {
    200: jsonResponse("The session for the date", TodayResponse),
    ...pickErrors(400, 401, 404),
  },
});

export const planRoutes = openApiRouter();
planRoutes.use(requireAuth());
planRoutes
  .openapi(generate, (c) => c.json(generatePlan(c.req.valid("json")), 200))
  .openapi(today, async (c) => {
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
  });

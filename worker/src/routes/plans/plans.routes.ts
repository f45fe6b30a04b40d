// POST /plans/generate (the plan builder; stores nothing) and GET /plans/today (the active
// plan's session for a date with progressed targets). The route specs (the OpenAPI document)
// and their wiring; the handlers, thin ones over shared/plans, are in plans.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import {
  GeneratePlanRequest,
  GeneratePlanResponse,
  TodayQuery,
  TodayResponse,
} from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonBody, jsonResponse, SIGNED_IN } from "../routeParts.ts";
import { buildPlan, showTodaysSession } from "./plans.handlers.ts";

export const generateRoute = createRoute({
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
    ...pickErrors(400, 401, 403, 413, 415, 429),
  },
});

export const todayRoute = createRoute({
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
planRoutes.openapi(generateRoute, buildPlan).openapi(todayRoute, showTodaysSession);

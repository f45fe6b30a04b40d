// Read-only plan links: POST /plans/{id}/share (201 with the link, or 200 with the same link
// when the plan is already shared), DELETE /plans/{id}/share (204; the link 404s from then on),
// and GET /shared/plans/{token} (no sign-in: the plan without anything about its owner).
// Mounted at "/" of /api/v1, so the auth middleware sits on each route rather than the group.
// The route specs (the OpenAPI document) and their wiring; the handlers are in
// planShares.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import { PlanShareResponse, SharedPlanResponse } from "@runstrong/shared/schemas";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";
import { showSharedPlan, startSharing, stopSharing } from "./planShares.handlers.ts";

const TAG = "Calendar and sharing";
/** Any string reaches the handler: a malformed id is simply not one of the user's plans. */
const PlanIdParam = z.object({ id: z.string() });

export const shareRoute = createRoute({
  method: "post",
  path: "/plans/{id}/share",
  tags: [TAG],
  summary: "A read-only link to one of the user's plans",
  description:
    "201 with a new link; 200 with the same link when the plan is already shared. Anyone with " +
    "the link sees the plan (not its owner) and a signed-in runner can copy it.",
  security: SIGNED_IN,
  middleware: requireAuth(),
  request: { params: PlanIdParam },
  responses: {
    200: jsonResponse("The plan was already shared: its link", PlanShareResponse),
    201: jsonResponse("The new link", PlanShareResponse),
    ...pickErrors(401, 403, 404, 413, 415, 429),
  },
});

export const unshareRoute = createRoute({
  method: "delete",
  path: "/plans/{id}/share",
  tags: [TAG],
  summary: "Stop sharing a plan: its link answers 404 from now on",
  description: "204 also when the plan was not shared. Deleting a plan ends its link too.",
  security: SIGNED_IN,
  middleware: requireAuth(),
  request: { params: PlanIdParam },
  responses: {
    204: { description: "Not shared (any more)" },
    ...pickErrors(401, 403, 404, 413, 415, 429),
  },
});

export const sharedPlanRoute = createRoute({
  method: "get",
  path: "/shared/plans/{token}",
  tags: [TAG],
  summary: "A shared plan (no sign-in: the token in the link is the credential)",
  description:
    "The plan as its owner saved it, without the owner's one-day changes and without any id " +
    "or detail of the owner. Copy it with `plan.put` under a new id.",
  request: { params: z.object({ token: z.string() }) },
  responses: {
    200: jsonResponse("The plan", SharedPlanResponse),
    ...pickErrors(404),
  },
});

export const planShareRoutes = openApiRouter();
planShareRoutes
  .openapi(shareRoute, startSharing)
  .openapi(unshareRoute, stopSharing)
  .openapi(sharedPlanRoute, showSharedPlan);

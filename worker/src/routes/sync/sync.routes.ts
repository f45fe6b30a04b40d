// POST /sync/push and GET /sync/pull over the shared push rules. The route specs (the OpenAPI
// document) and their wiring; the handlers are in sync.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import {
  ErrorBody,
  MAX_PUSH_BYTES,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
} from "@runstrong/shared/schemas";
import { requireAuth } from "../../auth/principal.ts";
import { jsonBodyGuard } from "../../http/requestGuards.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { SIGNED_IN } from "../routeParts.ts";
import { pullChanges, pushMutations } from "./sync.handlers.ts";

export const pushRoute = createRoute({
  method: "post",
  path: "/push",
  tags: ["Sync"],
  summary: "Push a device's mutations (exactly once, in seq order)",
  security: SIGNED_IN,
  request: { body: { required: true, content: { "application/json": { schema: PushRequest } } } },
  responses: {
    200: { description: "Acknowledged", content: { "application/json": { schema: PushResponse } } },
    409: {
      description: "seq_gap: nothing applied",
      content: { "application/json": { schema: ErrorBody } },
    },
    ...pickErrors(400, 401, 403, 413, 415, 429),
  },
});

export const pullRoute = createRoute({
  method: "get",
  path: "/pull",
  tags: ["Sync"],
  summary: "Changes since a cursor, oldest first, in pages that end on version boundaries",
  description:
    "Optionally only some kinds (`kinds=plans,settings`): the other groups come back empty, and the cursor returned covers only those kinds, so it cannot continue a pull of other kinds (400 invalid_query).",
  security: SIGNED_IN,
  request: { query: PullQuery },
  responses: {
    200: {
      description: "A page, or reset",
      content: { "application/json": { schema: PullResponse } },
    },
    ...pickErrors(400, 401),
  },
});

export const syncRoutes = openApiRouter();
syncRoutes.use(requireAuth());
syncRoutes.use("/push", jsonBodyGuard(MAX_PUSH_BYTES));
syncRoutes.openapi(pushRoute, pushMutations).openapi(pullRoute, pullChanges);

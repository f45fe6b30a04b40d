// GET /sessions/{id}/activity.fit: a logged strength session as a FIT activity file, to upload
// to Garmin Connect or Strava. The route spec (the OpenAPI document) and its wiring; the handler
// is in sessions.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { FIT_TYPE } from "../../formats/runImport.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { SIGNED_IN } from "../routeParts.ts";
import { downloadSessionFit } from "./sessions.handlers.ts";

export const activityFitRoute = createRoute({
  method: "get",
  path: "/{id}/activity.fit",
  tags: ["Data in and out"],
  summary: "A strength session as a FIT activity file",
  description:
    "Sport training, sub-sport strength training; one `set` message per set (active sets with " +
    "repetitions or duration, weight and start time, rest sets for the gaps between them) with " +
    "the FIT exercise category and subtype of each catalog exercise. 404 for an unknown, " +
    "deleted or another user's session.",
  security: SIGNED_IN,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: "The FIT file",
      content: { [FIT_TYPE]: { schema: { type: "string", format: "binary" } } },
    },
    ...pickErrors(400, 401, 404),
  },
});

export const sessionRoutes = openApiRouter();
sessionRoutes.use(requireAuth());
sessionRoutes.openapi(activityFitRoute, downloadSessionFit);

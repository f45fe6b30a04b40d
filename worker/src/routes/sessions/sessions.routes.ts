// GET /sessions/{id}/activity.fit: a logged strength session as a FIT activity file, to upload
// to Garmin Connect or Strava.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { encodeStrengthActivity } from "../../formats/fitActivity.ts";
import { ApiError } from "../../http/apiError.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { SIGNED_IN } from "../routeParts.ts";
import { loadSessionActivity } from "./sessionActivity.ts";

export const FIT_MEDIA_TYPE = "application/vnd.ant.fit";

const activityFit = createRoute({
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
      content: { [FIT_MEDIA_TYPE]: { schema: { type: "string", format: "binary" } } },
    },
    ...pickErrors(400, 401, 404),
  },
});

export const sessionRoutes = openApiRouter();
sessionRoutes.use(requireAuth());
sessionRoutes.openapi(activityFit, async (c) => {
  const { id } = c.req.valid("param");
  const input = await loadSessionActivity(c.get("db"), c.get("principal").userId, id, c.get("now"));
  if (!input) throw new ApiError(404, "not_found", "There is no such session in your account.");
  const bytes = encodeStrengthActivity(input);
  const day = new Date(input.startedMs ?? input.nowMs).toISOString().slice(0, 10);
  return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
    "Content-Type": FIT_MEDIA_TYPE,
    "Content-Disposition": `attachment; filename="runstrong-strength-${day}.fit"`,
  });
});

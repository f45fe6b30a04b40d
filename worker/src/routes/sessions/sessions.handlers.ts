// Handlers of the session routes (spec and wiring in sessions.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../appEnv.ts";
import { encodeStrengthActivity } from "../../formats/fitActivity.ts";
import { FIT_TYPE } from "../../formats/runImport.ts";
import { ApiError } from "../../http/apiError.ts";
import { loadSessionActivity } from "./sessionActivity.ts";
import type { activityFitRoute } from "./sessions.routes.ts";

export const downloadSessionFit: RouteHandler<typeof activityFitRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const input = await loadSessionActivity(c.get("db"), c.get("principal").userId, id, c.get("now"));
  if (!input) throw new ApiError(404, "not_found", "There is no such session in your account.");
  const bytes = encodeStrengthActivity(input);
  const day = new Date(input.startedMs ?? input.nowMs).toISOString().slice(0, 10);
  return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
    "Content-Type": FIT_TYPE,
    "Content-Disposition": `attachment; filename="runstrong-strength-${day}.fit"`,
  });
};

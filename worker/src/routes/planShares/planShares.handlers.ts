// Handlers of the plan sharing routes (specs and wiring in planShares.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { EntityId, LINK_SECRET_PATTERN, sharedPlanBody } from "@runstrong/shared/schemas";
import type { AppEnv } from "../../appEnv.ts";
import { secretKey } from "../../db/accountIndex.ts";
import { storeOfKey } from "../../db/userStore.ts";
import { ApiError } from "../../http/apiError.ts";
import { sharedPlan, sharePlan, shareUrl, unsharePlan } from "./planShareStore.ts";
import type { sharedPlanRoute, shareRoute, unshareRoute } from "./planShares.routes.ts";

const noPlan = () => new ApiError(404, "not_found", "You have no plan with this id.");
const noLink = () =>
  new ApiError(404, "not_found", "This link does not lead to a plan: it may have been stopped.");

export const startSharing: RouteHandler<typeof shareRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  if (!EntityId.safeParse(id).success) throw noPlan();
  const { userId } = c.get("principal");
  const shared = await sharePlan(c.get("db"), c.get("accounts"), userId, id, c.get("now"));
  if (shared === null) throw noPlan();
  const body = { url: shareUrl(new URL(c.req.url).origin, shared.token), token: shared.token };
  return shared.created ? c.json(body, 201) : c.json(body, 200);
};

export const stopSharing: RouteHandler<typeof unshareRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  if (!EntityId.safeParse(id).success) throw noPlan();
  const { userId } = c.get("principal");
  if (!(await unsharePlan(c.get("db"), c.get("accounts"), userId, id))) throw noPlan();
  return c.body(null, 204);
};

export const showSharedPlan: RouteHandler<typeof sharedPlanRoute, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  if (!LINK_SECRET_PATTERN.test(token)) throw noLink();
  // The link's owner is found through store 0's index; their store has the last word.
  const owner = await storeOfKey(c, await secretKey("share", token));
  const plan = await sharedPlan(owner.db, token);
  if (plan === null) throw noLink();
  return c.json({ plan: sharedPlanBody(plan) }, 200);
};

// Handlers of the calendar routes: the feed URL (specs and wiring in calendar.routes.ts) and the
// feed itself (wired outside /api/v1 in calendarFeed.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { LINK_SECRET_PATTERN } from "@runstrong/shared/schemas";
import type { Handler } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { secretKey } from "../../db/accountIndex.ts";
import { storeOfKey } from "../../db/userStore.ts";
import { ApiError } from "../../http/apiError.ts";
import { loadPlan } from "../../web/data/plan.ts";
import type { feedUrlRoute, rotateRoute } from "./calendar.routes.ts";
import { calendarFeed } from "./calendarFeed.ts";
import { feedOwner, feedSecret, feedUrl, rotateFeedSecret } from "./feedSecrets.ts";
import { feedSettings } from "./feedSettings.ts";

export const showFeedUrl: RouteHandler<typeof feedUrlRoute, AppEnv> = async (c) => {
  const { userId } = c.get("principal");
  const secret = await feedSecret(c.get("db"), c.get("accounts"), userId, c.get("now"));
  return c.json({ url: feedUrl(new URL(c.req.url).origin, secret) }, 200);
};

export const rotateFeedUrl: RouteHandler<typeof rotateRoute, AppEnv> = async (c) => {
  const { userId } = c.get("principal");
  const secret = await rotateFeedSecret(c.get("db"), c.get("accounts"), userId, c.get("now"));
  return c.json({ url: feedUrl(new URL(c.req.url).origin, secret) }, 200);
};

const noFeed = () =>
  new ApiError(404, "not_found", "No calendar at this address: it may have been replaced.");

export const serveFeed: Handler<AppEnv, "/cal/:file"> = async (c) => {
  const file = c.req.param("file");
  const secret = file.endsWith(".ics") ? file.slice(0, -4) : "";
  if (!LINK_SECRET_PATTERN.test(secret)) throw noFeed();
  // The feed's owner is found through store 0's index; their store has the last word.
  const { db } = await storeOfKey(c, await secretKey("calendar", secret));
  const userId = await feedOwner(db, secret);
  if (userId === null) throw noFeed();
  const s = await feedSettings(db, userId);
  const plan = await loadPlan(db, userId, s.activePlanId);
  const body = calendarFeed({
    plan,
    timeZone: s.timeZone,
    units: s.units,
    origin: new URL(c.req.url).origin,
    now: c.get("now"),
  });
  // no-store: the URL is a secret, and a rotation must take effect at once, not after a cache.
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
  c.header("Content-Disposition", 'inline; filename="runstrong.ics"');
  return c.body(body, 200, { "Content-Type": "text/calendar; charset=utf-8" });
};

// GET /cal/<secret>.ics: the iCal feed a calendar app subscribes to. No sign-in (calendar apps
// cannot): the secret is the credential, so an unknown or rotated one is a plain 404.
import { LINK_SECRET_PATTERN } from "@runstrong/shared/schemas";
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { ApiError } from "../../http/apiError.ts";
import { loadPlan } from "../../web/data/plan.ts";
import { calendarFeed } from "./calendarFeed.ts";
import { feedOwner } from "./feedSecrets.ts";
import { feedSettings } from "./feedSettings.ts";

const notFound = () =>
  new ApiError(404, "not_found", "No calendar at this address: it may have been replaced.");

export const calendarFeedRoutes = new Hono<AppEnv>().get("/cal/:file", async (c) => {
  const file = c.req.param("file");
  const secret = file.endsWith(".ics") ? file.slice(0, -4) : "";
  if (!LINK_SECRET_PATTERN.test(secret)) throw notFound();
  const db = c.get("db");
  const userId = await feedOwner(db, secret);
  if (userId === null) throw notFound();
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
});

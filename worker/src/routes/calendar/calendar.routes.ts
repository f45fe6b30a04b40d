// The iCal feed: GET /calendar (the user's secret feed URL, made on first call), POST
// /calendar/rotate (a new URL; the old one 404s), and the OpenAPI entry of GET /cal/{secret}.ics,
// which calendarFeed.routes.ts serves outside /api/v1. Mounted at "/" of /api/v1, so the auth
// middleware sits on each route rather than on the group. The route specs (the OpenAPI
// document) and their wiring; the handlers are in calendar.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import { CalendarUrlResponse } from "@runstrong/shared/schemas";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonResponse, SIGNED_IN } from "../routeParts.ts";
import { rotateFeedUrl, showFeedUrl } from "./calendar.handlers.ts";

export const feedUrlRoute = createRoute({
  method: "get",
  path: "/calendar",
  tags: ["Calendar and sharing"],
  summary: "The user's secret iCal feed URL (made on the first call)",
  description:
    "Anyone with the URL can read the feed (calendar apps cannot sign in), so it holds a " +
    "256-bit secret. The same URL comes back until it is rotated.",
  security: SIGNED_IN,
  middleware: requireAuth(),
  responses: {
    200: jsonResponse("The feed URL", CalendarUrlResponse),
    ...pickErrors(401),
  },
});

export const rotateRoute = createRoute({
  method: "post",
  path: "/calendar/rotate",
  tags: ["Calendar and sharing"],
  summary: "Replace the feed URL; the old one answers 404 from now on",
  security: SIGNED_IN,
  middleware: requireAuth(),
  responses: {
    200: jsonResponse("The new feed URL", CalendarUrlResponse),
    ...pickErrors(401, 403, 413, 415, 429),
  },
});

/** Documented here, served by calendarFeed.routes.ts: the path is outside /api/v1. */
const feedRoute = createRoute({
  method: "get",
  path: "/cal/{secret}.ics",
  servers: [{ url: "/", description: "The feed lives outside /api/v1" }],
  tags: ["Calendar and sharing"],
  summary: "The iCal feed (no sign-in: the secret in the URL is the credential)",
  description:
    "`text/calendar`, RFC 5545: one VEVENT per planned strength session of the active plan, " +
    "07:00 in the user's time zone setting (UTC without one) for the estimated minutes, the " +
    "exercises with sets and targets in DESCRIPTION, UID stable per plan and date. No active " +
    "plan: a calendar with no events. `Cache-Control: no-store`.",
  request: { params: z.object({ secret: z.string() }) },
  responses: {
    200: {
      description: "The calendar",
      content: { "text/calendar": { schema: z.string() } },
    },
    ...pickErrors(404),
  },
});

export const calendarRoutes = openApiRouter();
calendarRoutes.openapi(feedUrlRoute, showFeedUrl).openapi(rotateRoute, rotateFeedUrl);
calendarRoutes.openAPIRegistry.registerPath(feedRoute);

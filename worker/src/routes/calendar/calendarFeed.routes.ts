// GET /cal/<secret>.ics: the iCal feed a calendar app subscribes to. No sign-in (calendar apps
// cannot): the secret is the credential, so an unknown or rotated one is a plain 404. Its
// wiring only; the handler is in calendar.handlers.ts, its OpenAPI entry in calendar.routes.ts.
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { serveFeed } from "./calendar.handlers.ts";

export const calendarFeedRoutes = new Hono<AppEnv>().get("/cal/:file", serveFeed);

// What the plan page's "Calendar and sharing" card shows: the runner's feed URL (made on the
// first visit, as GET /calendar does) and the active plan's share link, if it has one.
import type { Context } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { feedSecret, feedUrl } from "../../routes/calendar/feedSecrets.ts";
import { shareTokens, shareUrl } from "../../routes/planShares/planShareStore.ts";
import type { PlanLinksData } from "../pages/planLinks.tsx";
import type { Viewer } from "../viewer.ts";
import type { SavedPlan } from "./plans.ts";

export async function planLinksFor(
  c: Context<AppEnv>,
  v: Viewer,
  active: SavedPlan,
): Promise<PlanLinksData> {
  const db = c.get("db");
  const origin = new URL(c.req.url).origin;
  const [secret, tokens] = await Promise.all([
    feedSecret(db, c.get("accounts"), v.userId, c.get("now")),
    shareTokens(db, v.userId),
  ]);
  const token = tokens.get(active.id);
  return {
    calendarUrl: feedUrl(origin, secret),
    planId: active.id,
    planName: active.body.name,
    shareUrl: token === undefined ? null : shareUrl(origin, token),
  };
}

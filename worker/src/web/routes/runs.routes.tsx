// Pages under /runs: the running log, a page of weeks at a time (?before=<Monday> for older).
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { listRunWeeks } from "../data/runs.ts";
import { isIsoDate, localDate, mondayOf } from "../format.ts";
import { page, signInFirst } from "../pageFrame.tsx";
import { RunsPage } from "../pages/runs.tsx";
import { loadViewer } from "../viewer.ts";

export const runsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const v = await loadViewer(c);
  if (!v) return signInFirst(c, "Running log", "runs", "your runs");
  // An unreadable `before` (hand-edited link) just shows the latest weeks.
  const raw = (c.req.query("before") ?? "").trim();
  const before = isIsoDate(raw) ? mondayOf(raw) : null;
  const weeks = await listRunWeeks(c.get("db"), v.userId, before);
  return page(
    c,
    v,
    { title: "Running log", tab: "runs", script: "runs", live: true },
    <RunsPage v={v} today={localDate(v.now, v.tz)} page={weeks} before={before} />,
  );
});

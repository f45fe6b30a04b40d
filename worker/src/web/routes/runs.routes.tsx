// Pages under /runs. (Placeholder until the page is built.)
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { page, signInFirst } from "../pageFrame.tsx";
import { loadViewer } from "../viewer.ts";

export const runsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const v = await loadViewer(c);
  if (!v) return signInFirst(c, "Running log", "runs", "your runs");
  return page(c, v, { title: "Running log", tab: "runs", script: "runs" }, <h1>Running log</h1>);
});

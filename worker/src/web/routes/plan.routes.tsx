// Pages under /plan. (Placeholder until the page is built.)
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { page, signInFirst } from "../pageFrame.tsx";
import { loadViewer } from "../viewer.ts";

export const planRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const v = await loadViewer(c);
  if (!v) return signInFirst(c, "Your plan", "plan", "your training plan");
  return page(c, v, { title: "Your plan", tab: "plan", script: "plan" }, <h1>Your plan</h1>);
});

// Pages under /assessments. (Placeholder until the page is built.)
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { page, signInFirst } from "../pageFrame.tsx";
import { loadViewer } from "../viewer.ts";

export const assessmentsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const v = await loadViewer(c);
  if (!v) return signInFirst(c, "Fitness assessments", "assessments", "your assessments");
  return page(
    c,
    v,
    { title: "Fitness assessments", tab: "assessments", script: "assessments" },
    <h1>Fitness assessments</h1>,
  );
});

// Pages under /assessments: the fitness assessments page and the JSON its charts read
// (/assessments/data.json), both scoped to the signed-in user. Results are logged from the page
// script through the sync outbox (`assessment.log`), like every other write of the web view.
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { loadAssessmentCharts, loadAssessmentsPage } from "../data/assessments.ts";
import { page, signInFirst } from "../pageFrame.tsx";
import { AssessmentsPageView } from "../pages/assessments.tsx";
import { loadViewer } from "../viewer.ts";

export const assessmentsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Fitness assessments", "assessments", "your assessments");
    const p = await loadAssessmentsPage(c.get("db"), v);
    return page(
      c,
      v,
      {
        title: "Fitness assessments",
        tab: "assessments",
        script: "assessments",
        styles: ["/static/dist/uplot.css"],
        live: true,
      },
      <AssessmentsPageView v={v} p={p} />,
    );
  })
  .get("/data.json", async (c) => {
    const v = await loadViewer(c);
    c.header("Cache-Control", "private, no-cache");
    if (!v) return c.json({ error: "unauthorized", message: "Sign in first." }, 401);
    return c.json(await loadAssessmentCharts(c.get("db"), v));
  });

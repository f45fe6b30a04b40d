// Pages under /plan: the active plan and the other saved plans (or the builder when there is
// none), the builder on its own (/plan/new) and the editor of one saved plan (/plan/:id/edit).
import { PlanLevel } from "@runstrong/shared/schemas";
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { planLinksFor } from "../data/planLinks.ts";
import { listPlans } from "../data/plans.ts";
import { notFound, page, signInFirst } from "../pageFrame.tsx";
import { type BuilderStart, PlanBuilder } from "../pages/planBuilder.tsx";
import { PlanEditor } from "../pages/planEditor.tsx";
import { PlanHome } from "../pages/planPage.tsx";
import { loadViewer } from "../viewer.ts";

export const planRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Your plan", "plan", "your training plan");
    const all = await listPlans(c.get("db"), v.userId);
    const active = all.find((p) => p.id === v.activePlanId) ?? null;
    const others = all.filter((p) => p !== active);
    const links = active ? await planLinksFor(c, v, active) : undefined;
    return page(
      c,
      v,
      { title: active ? active.body.name : "Your plan", tab: "plan", script: "plan" },
      <PlanHome v={v} active={active} others={others} flash={c.req.query("saved")} links={links} />,
    );
  })
  .get("/new", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Build a plan", "plan", "the plan builder");
    // ?level= comes from the assessments page: rebuild the active plan's week at that level.
    const level = PlanLevel.safeParse(c.req.query("level"));
    const active = level.success
      ? (await listPlans(c.get("db"), v.userId)).find((p) => p.id === v.activePlanId)
      : undefined;
    const start: BuilderStart = {
      ...(active?.body.inputs ? { inputs: active.body.inputs } : {}),
      ...(level.success ? { level: level.data } : {}),
    };
    return page(
      c,
      v,
      { title: "Build a plan", tab: "plan", script: "plan" },
      <>
        <p class="crumbs">
          <a href="/plan">← Your plan</a>
        </p>
        <h1>Build a new plan</h1>
        {level.success ? (
          <p class="notice">
            Your assessment results suggest the <strong>{level.data}</strong> level: the form starts
            from your current plan's week at that level.
          </p>
        ) : null}
        <PlanBuilder v={v} start={start} />
      </>,
    );
  })
  .get("/:id/edit", async (c) => {
    const v = await loadViewer(c);
    if (!v) return signInFirst(c, "Edit plan", "plan", "your plan");
    const id = c.req.param("id");
    // A runner keeps a handful of plans: one query for all of them beats a second lookup path.
    const plan = (await listPlans(c.get("db"), v.userId)).find((p) => p.id === id);
    if (!plan) return notFound(c, v, "Plan", "/plan");
    return page(
      c,
      v,
      { title: `Edit ${plan.body.name}`, tab: "plan", script: "plan" },
      <PlanEditor v={v} plan={plan} active={plan.id === v.activePlanId} />,
    );
  });

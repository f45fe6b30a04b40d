// /shared/plans/<token>: the read-only page of a shared plan, signed in or not; an unknown or
// stopped link is the 404 page.
import { LINK_SECRET_PATTERN, sharedPlanBody } from "@runstrong/shared/schemas";
import { Hono } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import { secretKey } from "../../db/accountIndex.ts";
import { storeOfKey } from "../../db/userStore.ts";
import { sharedPlan } from "../../routes/planShares/planShareStore.ts";
import { loadPlan } from "../data/plan.ts";
import { page } from "../pageFrame.tsx";
import { SharedPlanPage } from "../pages/sharedPlan.tsx";
import { loadViewer, localeOf } from "../viewer.ts";

export const sharedPlanRoutes = new Hono<AppEnv>().get("/:token", async (c) => {
  const v = await loadViewer(c);
  const token = c.req.param("token");
  // The plan lives in its owner's store, not necessarily the visitor's.
  const plan = LINK_SECRET_PATTERN.test(token)
    ? await sharedPlan((await storeOfKey(c, await secretKey("share", token))).db, token)
    : null;
  if (plan === null) {
    return page(
      c,
      v,
      { title: "Plan not found" },
      <div class="empty">
        <h1>This plan is not shared (any more)</h1>
        <p class="muted">The link may have been stopped by the runner who made it.</p>
        <a class="button" href={v ? "/plan" : "/"}>
          {v ? "Your plan" : "To runstrong"}
        </a>
      </div>,
      404,
    );
  }
  // A copy becomes the active plan of a runner who has none (else it would sit unseen).
  const hasActivePlan = v
    ? (await loadPlan(c.get("db"), v.userId, v.activePlanId)) !== null
    : false;
  // The shared page is not the visitor's data: no live refresh; the plan script copies it.
  return page(
    c,
    v,
    { title: plan.name, tab: "plan", script: "plan" },
    <SharedPlanPage
      plan={sharedPlanBody(plan)}
      token={token}
      locale={v ?? localeOf(c)}
      signedIn={v ? { hasActivePlan } : null}
    />,
  );
});

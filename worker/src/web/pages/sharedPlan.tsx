// /shared/plans/<token>: a plan someone shared, for anyone with the link. It shows the plan's
// week and dates (nothing about its owner) and offers a signed-in runner a copy of their own;
// a signed-out visitor is sent to sign in and brought back here.
import type { PlanBody } from "@runstrong/shared/schemas";
import type { Locale } from "../format.ts";
import { planDates } from "./planPage.tsx";
import { PlanWeek } from "./planWeek.tsx";

export function SharedPlanPage(props: {
  plan: PlanBody;
  token: string;
  locale: Locale;
  /** null for a signed-out visitor. */
  signedIn: { hasActivePlan: boolean } | null;
}) {
  const { plan, token, locale } = props;
  const here = `/shared/plans/${token}`;
  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">A shared plan</p>
          <h1 id="plan-name">{plan.name}</h1>
          <p class="muted" id="plan-dates">
            {planDates(plan, locale)}
          </p>
        </div>
        <div class="actions shared-plan-actions">
          {props.signedIn ? (
            <button
              type="button"
              id="copy-plan"
              data-copy-plan={token}
              data-make-active={props.signedIn.hasActivePlan ? undefined : "1"}
            >
              Copy to my account
            </button>
          ) : (
            <a class="button" id="copy-plan" href={`/?next=${encodeURIComponent(here)}`}>
              Sign in to copy this plan
            </a>
          )}
        </div>
      </div>
      {plan.notes ? <p class="notice shared-plan-notes">{plan.notes}</p> : null}
      <p class="muted small">
        {props.signedIn
          ? "A copy is yours to change: edits here or there do not reach the other."
          : "runstrong places short strength sessions around a running week. Sign in or create an account to copy this plan and follow it on your watch."}
      </p>
      <PlanWeek plan={plan} v={locale} />
    </>
  );
}

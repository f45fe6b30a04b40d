// /plan: the active plan's week with its dates and warnings, the runner's other saved plans (make
// one active, delete one), or, with no plan yet, a welcome and the builder right away.
import { checkPlan } from "@runstrong/shared/plans";
import type { PlanBody } from "@runstrong/shared/schemas";
import type { SavedPlan } from "../data/plans.ts";
import { dayLabel, type Locale, plural } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { PlanBuilder } from "./planBuilder.tsx";
import { PlanLinks, type PlanLinksData } from "./planLinks.tsx";
import { PlanProblems, PlanWeek } from "./planWeek.tsx";

/** "From Mon 7 Dec · 8 weeks · race on Sun 14 Mar". */
export function planDates(plan: PlanBody, v: Locale): string {
  return [
    plan.start_date ? `From ${dayLabel(plan.start_date, v)}` : "",
    plan.weeks ? plural(plan.weeks, "week") : "",
    plan.race_date ? `race on ${dayLabel(plan.race_date, v)}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function strengthDays(plan: PlanBody): number {
  return plan.days.filter((d) => d.items.length > 0).length;
}

function OtherPlans(props: { plans: SavedPlan[]; v: Viewer; title: string }) {
  if (props.plans.length === 0) return null;
  return (
    <section class="card" aria-labelledby="other-plans-title">
      <h2 id="other-plans-title" class="card-title">
        {props.title}
      </h2>
      <ul class="plain plan-list">
        {props.plans.map((p) => (
          <li class="plan-list-item" data-plan-id={p.id}>
            <div>
              <p class="plan-list-name">{p.body.name}</p>
              <p class="muted small">
                {[planDates(p.body, props.v), `${strengthDays(p.body)} strength days a week`]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </div>
            <div class="actions">
              <button
                type="button"
                class="secondary small-button"
                data-activate-plan={p.id}
                aria-label={`Make active: ${p.body.name}`}
              >
                Make active
              </button>
              <a class="button ghost small-button" href={`/plan/${encodeURIComponent(p.id)}/edit`}>
                Edit<span class="sr-only"> {p.body.name}</span>
              </a>
              <button
                type="button"
                class="secondary danger small-button"
                data-delete-plan={p.id}
                data-rev={String(p.rev)}
                data-confirm="Tap again to delete"
                aria-label={`Delete ${p.body.name}`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

const FLASH: Record<string, string> = {
  new: "Plan saved: it is your active plan now, on every device at its next sync.",
  saved: "Changes saved. Your devices get them at their next sync.",
  active: "Active plan changed.",
  copied: "Plan copied into your account. Make it active below to follow it.",
  "copied-active": "Plan copied into your account: it is your active plan now.",
};

export function PlanHome(props: {
  v: Viewer;
  active: SavedPlan | null;
  others: SavedPlan[];
  flash?: string | undefined;
  /** The calendar feed and the active plan's share link (with an active plan only). */
  links?: PlanLinksData | undefined;
}) {
  const { v, active } = props;
  const flash = props.flash ? FLASH[props.flash] : undefined;
  if (!active) {
    return (
      <>
        <div class="page-head">
          <div>
            <p class="eyebrow">Your plan</p>
            <h1>Strength that fits your running</h1>
          </div>
        </div>
        <section class="card plan-welcome">
          <p class="lead">
            Tell us how your week of running looks and how much time you have. We place short
            strength sessions where they help most: never the day before a hard run, never two days
            in a row, always with a day to rest.
          </p>
          <p class="muted">
            You see the whole week before you save it, and you can move sessions and swap exercises
            afterwards.
          </p>
        </section>
        <OtherPlans plans={props.others} v={v} title="Your saved plans" />
        <PlanBuilder v={v} />
      </>
    );
  }
  const violations = active.body.inputs ? checkPlan(active.body, active.body.inputs) : [];
  return (
    <>
      {flash ? <p class="flash">{flash}</p> : null}
      <div class="page-head">
        <div>
          <p class="eyebrow">Your active plan</p>
          <h1 id="plan-name">{active.body.name}</h1>
          <p class="muted" id="plan-dates">
            {planDates(active.body, v)}
          </p>
        </div>
        <div class="actions">
          <a class="button" href={`/plan/${encodeURIComponent(active.id)}/edit`}>
            Edit plan
          </a>
          <a class="button secondary" href="/plan/new">
            Build a new plan
          </a>
        </div>
      </div>
      <PlanProblems violations={violations} />
      <PlanWeek plan={active.body} v={v} violations={violations} />
      {props.links ? <PlanLinks d={props.links} /> : null}
      <OtherPlans plans={props.others} v={v} title="Your other plans" />
    </>
  );
}

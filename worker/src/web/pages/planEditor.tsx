// /plan/:id/edit: the frame of the plan editor. The page script draws the week from the plan
// embedded here (move a strength day, swap an exercise, change sets, reps, holds and rests),
// re-checks the rules as the runner edits, and saves with the rev loaded here as base_rev.
import { Field } from "../components.tsx";
import type { SavedPlan } from "../data/plans.ts";
import { weekdayShort } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { planDates } from "./planPage.tsx";

export function PlanEditor(props: { v: Viewer; plan: SavedPlan; active: boolean }) {
  const { v, plan } = props;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((wd) => weekdayShort(wd, v.lang));
  return (
    <>
      <p class="crumbs">
        <a href="/plan">← Your plan</a>
      </p>
      <div class="page-head">
        <div>
          <p class="eyebrow">{props.active ? "Your active plan" : "A saved plan"}</p>
          <h1>Edit {plan.body.name}</h1>
          <p class="muted">{planDates(plan.body, v)}</p>
        </div>
      </div>
      <form
        id="plan-edit-form"
        novalidate
        data-plan={JSON.stringify(plan)}
        data-units={v.units}
        data-weekdays={JSON.stringify(weekdays)}
      >
        <section class="card">
          <Field
            id="edit_name"
            label="Plan name"
            value={plan.body.name}
            required
            maxChars={120}
            missing="Give the plan a name, so you can find it later."
          />
          <p class="muted small">
            {plan.body.inputs
              ? "Move a session to another day, swap an exercise for one of the same kind, or change its sets, reps, holds and rests. The rules are checked as you go; you can save anyway."
              : "This plan was not made by the plan builder, so its days cannot be checked against the rules. You can still move sessions and change exercises."}
          </p>
        </section>
        <div id="plan-edit-problems" aria-live="polite" />
        <div id="plan-edit-week" />
        <div class="card plan-save-bar">
          <div class="actions">
            <button type="submit">Save changes</button>
            <a class="button secondary" href="/plan">
              Cancel
            </a>
          </div>
          <p class="form-error" role="alert" />
          <p class="form-ok" role="status" />
          <div id="plan-conflict" class="plan-conflict" role="alert" hidden>
            <p>
              <strong>This plan was changed on another device</strong> after you opened it, so your
              edits were not saved. Load the latest version and make your changes again.
            </p>
            <a class="button" id="plan-reload" href={`/plan/${encodeURIComponent(plan.id)}/edit`}>
              Load the latest version
            </a>
          </div>
        </div>
      </form>
    </>
  );
}

// The builder on /plan and /plan/new: the form asks the server for a plan (nothing is stored),
// the preview shows its week and every broken rule by its day, and "Save and make active" pushes
// it through the outbox as a new plan.
import type { GeneratePlanResponse, PlanBody, PlanInputs } from "@runstrong/shared/schemas";
import { api } from "../lib/api.ts";
import { byId, newEntityId } from "../lib/dom.ts";
import { busy, clearErrors, setFormError, validate } from "../lib/forms.ts";
import { checkForm, type PlanRequest, readRequest, showIssues } from "./builderForm.ts";
import { savePlan } from "./savePlan.ts";
import { generalProblems, labelsFrom, renderWeek } from "./weekView.ts";

let preview: PlanBody | null = null;

/** What the plan was built from rides along, so the editor can re-check it later. */
function withInputs(plan: PlanBody, request: PlanRequest): PlanBody {
  const inputs = {
    running_week: request.running_week,
    sessions_per_week: request.sessions_per_week,
    minutes: request.minutes,
    equipment: request.equipment,
    level: request.level,
  } as PlanInputs;
  const out: PlanBody = { ...plan, inputs: plan.inputs ?? inputs };
  if (request.race_date && !out.race_date) out.race_date = request.race_date;
  return out;
}

function showPreview(form: HTMLFormElement, res: GeneratePlanResponse, request: PlanRequest) {
  preview = withInputs(res.plan, request);
  const section = byId("plan-preview");
  const problems = byId("preview-problems");
  const week = byId("preview-week");
  if (!section || !problems || !week) return;
  const labels = labelsFrom(form);
  const general = generalProblems(res.violations);
  const summary = document.createElement("p");
  summary.className = res.violations.length ? "plan-verdict warned" : "plan-verdict ok";
  summary.id = "preview-verdict";
  summary.textContent = res.violations.length
    ? `${res.violations.length === 1 ? "One rule" : `${res.violations.length} rules`} could not be kept with this week; see the warnings below. You can still save the plan.`
    : "Every rule holds: no strength before a hard run, no two strength days in a row, and a real rest day.";
  problems.replaceChildren(summary, ...(general ? [general] : []));
  week.replaceChildren(renderWeek(preview, res.violations, labels));
  const name = byId<HTMLInputElement>("plan_name");
  if (name) name.value = preview.name;
  const saveForm = byId<HTMLFormElement>("plan-save-form");
  if (saveForm) clearErrors(saveForm);
  section.hidden = false;
  byId("preview-title")?.focus();
}

async function onPreview(form: HTMLFormElement) {
  if (!checkForm(form)) return;
  const request = readRequest(form);
  const res = await busy(form, () => api<GeneratePlanResponse>("POST", "plans/generate", request));
  if (!res.ok) {
    const fallback =
      res.status === 0
        ? "You seem to be offline: the plan is built by the server, so try again once you are back online."
        : res.status === 400
          ? "Some answers need another look; see the messages above."
          : `The plan could not be built just now (${res.body.message}). Try again in a moment.`;
    showIssues(form, res.body.issues ?? [], fallback);
    return;
  }
  showPreview(form, res.body, request);
}

async function onSave(form: HTMLFormElement) {
  if (!preview || !validate(form)) return;
  const name = byId<HTMLInputElement>("plan_name")?.value.trim() ?? "";
  const plan: PlanBody = { ...preview, name };
  const id = newEntityId("p");
  const outcome = await busy(form, () => savePlan(id, 0, plan, true));
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (outcome.kind === "saved") {
    location.assign("/plan?saved=new");
  } else if (outcome.kind === "queued") {
    preview = null;
    if (ok) {
      ok.textContent =
        "Saved on this device. It becomes your active plan as soon as you are back online.";
    }
    for (const b of form.querySelectorAll("button")) b.disabled = true;
  } else if (outcome.kind === "conflict") {
    setFormError(form, "A plan with this id exists already. Save again to store it as a new plan.");
  } else {
    setFormError(form, outcome.message);
  }
}

export function bindBuilder(): void {
  const form = byId<HTMLFormElement>("plan-builder");
  const saveForm = byId<HTMLFormElement>("plan-save-form");
  if (!form || !saveForm) return;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void onPreview(form);
  });
  saveForm.addEventListener("submit", (e) => {
    e.preventDefault();
    void onSave(saveForm);
  });
  // A preview answers the form as it was: once the form changes, it has to be built again.
  form.addEventListener("change", () => {
    const section = byId("plan-preview");
    if (section && !section.hidden) {
      section.hidden = true;
      preview = null;
    }
  });
}

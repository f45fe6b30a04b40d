// /plan/:id/edit: edits a copy of the saved plan, re-checks every rule after each change
// (warnings by their day; saving stays allowed), and saves with the rev the page loaded. When
// another device changed the plan first, the runner is told so and offered the latest version.
import { checkPlan } from "@runstrong/shared/plans";
import type { PlanBody, PlanLevel, Violation } from "@runstrong/shared/schemas";
import { byId } from "../lib/dom.ts";
import { busy, setFormError, validate } from "../lib/forms.ts";
import { onOutboxConflict } from "../lib/outbox.ts";
import { renderEditorWeek } from "./editorView.ts";
import { type ItemNumber, moveSession, setItemNumber, swapExercise } from "./planEdits.ts";
import { savePlan } from "./savePlan.ts";
import {
  dayOf,
  generalProblems,
  labelsFrom,
  minutesLabel,
  type WeekLabels,
  warningLines,
} from "./weekView.ts";

type Editing = {
  id: string;
  rev: number;
  plan: PlanBody;
  level: PlanLevel;
  equipment: string[];
  labels: WeekLabels;
};

function violations(s: Editing): Violation[] {
  return s.plan.inputs ? checkPlan(s.plan, s.plan.inputs) : [];
}

/** Puts the current warnings and minutes into the drawn week without touching its fields. */
function refreshChecks(s: Editing): void {
  const found = violations(s);
  const general = generalProblems(found);
  byId("plan-edit-problems")?.replaceChildren(...(general ? [general] : []));
  for (const li of document.querySelectorAll<HTMLLIElement>("#plan-edit-week li.plan-day")) {
    const wd = Number(li.dataset.weekday);
    for (const old of li.querySelectorAll(":scope > .plan-warning")) old.remove();
    const lines = warningLines(found, wd);
    li.append(...lines);
    li.classList.toggle("warned", lines.length > 0);
    const day = dayOf(s.plan, wd);
    const minutes = li.querySelector(".plan-minutes");
    if (minutes && day) minutes.textContent = minutesLabel(day);
  }
}

function draw(s: Editing, focusId?: string): void {
  byId("plan-edit-week")?.replaceChildren(renderEditorWeek(s.plan, s.labels, s.equipment));
  refreshChecks(s);
  if (focusId) byId(focusId)?.focus();
}

function onChange(s: Editing, target: HTMLElement): void {
  const d = target.dataset;
  if (d.move && target instanceof HTMLSelectElement) {
    const to = Number(target.value);
    moveSession(s.plan, Number(d.move), to);
    draw(s, `move-${to}`);
  } else if (d.swap && target instanceof HTMLSelectElement) {
    const [wd, i] = d.swap.split(":").map(Number);
    swapExercise(s.plan, wd ?? 0, i ?? -1, target.value, s.level, s.equipment);
    draw(s, target.id);
  }
}

/** Typed numbers count once they are valid; bad ones wait for the save to be shown. */
function onInput(s: Editing, target: HTMLElement): void {
  if (!(target instanceof HTMLInputElement) || !target.dataset.num) return;
  const [wd, i, field] = target.dataset.num.split(":");
  const n = Number(target.value);
  if (target.value === "" || !target.checkValidity() || !Number.isInteger(n)) return;
  setItemNumber(s.plan, Number(wd), Number(i), field as ItemNumber, n);
  refreshChecks(s);
}

function showConflict(form: HTMLFormElement, deleted: boolean): void {
  const box = byId("plan-conflict");
  if (!box) return;
  if (deleted) {
    const text = box.querySelector("p");
    if (text) {
      text.textContent =
        "This plan was deleted on another device after you opened it, so your edits were not saved.";
    }
    const link = byId<HTMLAnchorElement>("plan-reload");
    if (link) {
      link.href = "/plan";
      link.textContent = "Back to your plans";
    }
  }
  box.hidden = false;
  for (const b of form.querySelectorAll<HTMLButtonElement>("button[type=submit]"))
    b.disabled = true;
  byId("plan-reload")?.focus();
}

async function onSubmit(s: Editing, form: HTMLFormElement): Promise<void> {
  if (!validate(form)) return;
  const name = byId<HTMLInputElement>("edit_name")?.value.trim() ?? s.plan.name;
  const plan: PlanBody = { ...s.plan, name };
  const outcome = await busy(form, () => savePlan(s.id, s.rev, plan, false));
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (outcome.kind === "saved") {
    form.removeAttribute("data-dirty");
    location.assign("/plan?saved=saved");
  } else if (outcome.kind === "queued") {
    // Applied later on top of the rev loaded here, so the next save builds on the one after.
    s.rev += 1;
    if (ok) ok.textContent = "Saved on this device; it syncs when you are back online.";
  } else if (outcome.kind === "conflict") {
    showConflict(form, outcome.deleted);
  } else {
    setFormError(form, outcome.message);
  }
}

export function bindEditor(): void {
  const form = byId<HTMLFormElement>("plan-edit-form");
  if (!form) return;
  let loaded: { id: string; rev: number; body: PlanBody };
  try {
    loaded = JSON.parse(form.dataset.plan ?? "") as typeof loaded;
  } catch {
    return;
  }
  const s: Editing = {
    id: loaded.id,
    rev: loaded.rev,
    plan: structuredClone(loaded.body),
    level: loaded.body.inputs?.level ?? "some",
    equipment: loaded.body.inputs?.equipment ?? [],
    labels: labelsFrom(form),
  };
  draw(s);
  form.addEventListener("change", (e) => onChange(s, e.target as HTMLElement));
  form.addEventListener("input", (e) => onInput(s, e.target as HTMLElement));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void onSubmit(s, form);
  });
  // A save queued offline may meet a newer version when it finally goes out.
  onOutboxConflict((c) => {
    if (c.op === "plan.put" && c.args.id === s.id) {
      const current = c.ack.current as { deleted?: boolean } | null | undefined;
      showConflict(form, !current || current.deleted === true);
    }
  });
}

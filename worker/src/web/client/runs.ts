// Script of the running log: logs, edits and deletes runs through the sync outbox. Every bad field
// gets its sentence beside it and nothing is pushed until the whole form is right.
import { startApp } from "./lib/app.ts";
import { armed } from "./lib/confirm.ts";
import { announce, byId, newEntityId } from "./lib/dom.ts";
import { busy, clearErrors, setFieldError, setFormError } from "./lib/forms.ts";
import { refreshMain } from "./lib/live.ts";
import { checkRun, explainRejection, type RunField, type RunUnits } from "./lib/runForm.ts";
import { startRunImport } from "./lib/runImport.ts";
import { type MutationBody, type OpArgs, push } from "./lib/sync.ts";

/** Focus order of the fields when several are wrong. */
const FIELDS: RunField[] = ["date", "kind", "distance", "duration", "avg_hr", "notes"];

const control = (form: HTMLFormElement, name: string) =>
  form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name=${name}]`);
const fieldValue = (form: HTMLFormElement, name: string) => control(form, name)?.value ?? "";

function showErrors(form: HTMLFormElement, errors: Partial<Record<RunField, string>>): void {
  let first: RunField | null = null;
  for (const field of FIELDS) {
    const message = errors[field];
    if (!message) continue;
    setFieldError(form, field, message);
    first ??= field;
  }
  if (first) control(form, first)?.focus();
}

/** Puts the form back into "log a new run" mode (after a save or a cancelled edit). */
function leaveEdit(form: HTMLFormElement): void {
  form.reset();
  clearErrors(form);
  delete form.dataset.editId;
  delete form.dataset.keptText;
  delete form.dataset.keptMeters;
  form.removeAttribute("data-dirty");
  const title = byId("run-form-title");
  if (title) title.textContent = "Log a run";
  const submit = byId("run-submit");
  if (submit) submit.textContent = "Save run";
  const cancel = byId("run-cancel");
  if (cancel) cancel.hidden = true;
}

function startEdit(row: HTMLElement): void {
  const form = byId<HTMLFormElement>("run-form");
  if (!form) return;
  leaveEdit(form);
  const d = row.dataset;
  const set = (name: string, value: string | undefined) => {
    const el = control(form, name);
    if (el) el.value = value ?? "";
  };
  set("date", d.date);
  set("kind", d.kind);
  set("distance", d.distance);
  set("duration", d.duration);
  set("avg_hr", d.avgHr);
  set("notes", d.notes);
  form.dataset.editId = d.runId ?? "";
  form.dataset.keptText = d.distance ?? "";
  form.dataset.keptMeters = d.distanceM ?? "";
  // An edit in progress must survive the live refresh of the page.
  form.setAttribute("data-dirty", "");
  const title = byId("run-form-title");
  if (title) title.textContent = `Edit run of ${row.querySelector("time")?.textContent ?? d.date}`;
  const submit = byId("run-submit");
  if (submit) submit.textContent = "Save changes";
  const cancel = byId("run-cancel");
  if (cancel) cancel.hidden = false;
  form.scrollIntoView({ block: "start", behavior: "smooth" });
  control(form, "distance")?.focus({ preventScroll: true });
}

/** The run a row shows, as run.log args under a fresh id (to put it back after a failed edit). */
function rowAsLog(row: HTMLElement): MutationBody {
  const d = row.dataset;
  const args: OpArgs<"run.log"> = {
    id: newEntityId("r"),
    date: d.date ?? "",
    distance_m: Number(d.distanceM),
    duration_s: Number(d.durationS),
    kind: d.kind as OpArgs<"run.log">["kind"],
  };
  if (d.notes) args.notes = d.notes;
  if (d.avgHr) args.avg_hr = Number(d.avgHr);
  return { op: "run.log", args };
}

/** Re-renders the list from the server, then brings the saved run into view. */
async function showSaved(id: string): Promise<void> {
  (document.activeElement as HTMLElement | null)?.blur();
  if (!(await refreshMain())) {
    location.assign(`/runs#run-${id}`);
    return;
  }
  const row = byId(`run-${id}`);
  row?.scrollIntoView({ block: "center" });
  row?.focus({ preventScroll: true });
}

async function saveRun(form: HTMLFormElement): Promise<void> {
  clearErrors(form);
  const editId = form.dataset.editId || null;
  const checked = checkRun(
    {
      date: fieldValue(form, "date"),
      distance: fieldValue(form, "distance"),
      duration: fieldValue(form, "duration"),
      kind: fieldValue(form, "kind"),
      avgHr: fieldValue(form, "avg_hr"),
      notes: fieldValue(form, "notes"),
    },
    {
      today: form.dataset.today ?? "",
      units: (form.dataset.units === "imperial" ? "imperial" : "metric") as RunUnits,
      ...(editId
        ? { kept: { text: form.dataset.keptText ?? "", meters: Number(form.dataset.keptMeters) } }
        : {}),
    },
  );
  if (!checked.ok) {
    showErrors(form, checked.errors);
    return;
  }
  const id = newEntityId("r");
  const log: MutationBody = { op: "run.log", args: { id, ...checked.values } };
  // run.log is insert-once in the sync protocol, so an edit is the new values under a new id
  // plus run.delete of the old id, sent in ONE push: every device then pulls both changes
  // together and never shows the run twice or not at all.
  const old = editId ? byId(`run-${editId}`) : null;
  const bodies: MutationBody[] = editId ? [log, { op: "run.delete", args: { id: editId } }] : [log];
  const out = await busy(form, () => push(bodies));
  const ack = out.acks[0];
  if (ack?.status === "rejected") {
    // The delete of an edit went through on its own: put the old run back as it was.
    if (old && out.acks[1]?.status === "applied") await push([rowAsLog(old)]);
    const why = explainRejection(ack.error);
    showErrors(form, why.fields);
    if (why.form) setFormError(form, why.form);
    return;
  }
  if (!ack) {
    const ok = form.querySelector<HTMLElement>(".form-ok");
    leaveEdit(form);
    if (out.stopped && out.stopped.status !== 0) {
      setFormError(form, `Not sent yet: ${out.stopped.message} It waits on this device.`);
    } else if (ok) {
      ok.textContent =
        "Saved on this device; it shows here once it syncs, when you are back online.";
    }
    return;
  }
  leaveEdit(form);
  announce(editId ? "Run updated." : "Run saved.");
  await showSaved(id);
}

async function deleteRun(button: HTMLButtonElement): Promise<void> {
  if (!armed(button)) return;
  const id = button.dataset.deleteRun ?? "";
  const form = byId<HTMLFormElement>("run-form");
  if (form?.dataset.editId === id) leaveEdit(form);
  const out = await push([{ op: "run.delete", args: { id } }]);
  button.closest("li")?.remove();
  if (out.acks[0]) {
    announce("Run deleted.");
    await refreshMain();
  } else {
    announce("Run deleted here; it syncs when you are back online.");
  }
}

startApp();
startRunImport();

document.addEventListener("submit", (event) => {
  const form = event.target as HTMLFormElement;
  if (form.id !== "run-form") return;
  event.preventDefault();
  void saveRun(form);
});

document.addEventListener("click", (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
  if (!button) return;
  if (button.dataset.editRun) {
    const row = button.closest<HTMLElement>("li[data-run-id]");
    if (row) startEdit(row);
  } else if (button.dataset.deleteRun) void deleteRun(button);
  else if (button.id === "run-cancel") {
    const form = byId<HTMLFormElement>("run-form");
    if (form) leaveEdit(form);
  }
});

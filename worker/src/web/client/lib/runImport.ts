// The running log's file import: picks or takes a dropped file, uploads it with XMLHttpRequest
// so the bar shows the upload's progress, then shows the new run in the list with a sentence.
import { byId } from "./dom.ts";
import { clearErrors, setFormError } from "./forms.ts";
import { refreshMain } from "./live.ts";
import { importAnswer, runFileType } from "./runImportFile.ts";

type Reply = { status: number; body: unknown };

function upload(file: File, type: string, onProgress: (fraction: number) => void): Promise<Reply> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/runs/import");
    xhr.setRequestHeader("Content-Type", type);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener("error", () => resolve({ status: 0, body: null }));
    xhr.send(file);
  });
}

function showProgress(fraction: number | null): void {
  const box = byId("run-import-progress-box");
  const bar = byId<HTMLProgressElement>("run-import-progress");
  if (!box || !bar) return;
  box.hidden = fraction === null;
  bar.value = Math.round((fraction ?? 0) * 100);
}

/** After a refresh the form is new: the sentence goes into whichever one is on the page now. */
function say(message: string, ok: boolean): void {
  const form = byId<HTMLFormElement>("run-import-form");
  if (!form) return;
  clearErrors(form);
  const okLine = byId("run-import-ok");
  if (okLine) okLine.textContent = ok ? message : "";
  if (!ok) setFormError(form, message);
}

async function importFile(file: File): Promise<void> {
  const form = byId<HTMLFormElement>("run-import-form");
  if (!form) return;
  const units = form.dataset.units === "imperial" ? "imperial" : "metric";
  const checked = runFileType(file.name, file.size);
  if (!checked.ok) {
    say(checked.message, false);
    return;
  }
  say("", true);
  // The live refresh must not swap the form out while the file is on its way.
  form.setAttribute("data-dirty", "");
  form.setAttribute("aria-busy", "true");
  showProgress(0);
  const reply = await upload(file, checked.type, showProgress);
  showProgress(null);
  form.removeAttribute("aria-busy");
  form.removeAttribute("data-dirty");
  const answer = importAnswer(reply.status, reply.body, units);
  if (!answer.ok) {
    say(answer.message, false);
    return;
  }
  await refreshMain();
  say(answer.message, true);
  const row = byId(`run-${answer.run.id}`);
  if (row) {
    row.scrollIntoView({ block: "center" });
    row.focus({ preventScroll: true });
  } else {
    // An older run sits on an earlier page of weeks.
    const okLine = byId("run-import-ok");
    const link = document.createElement("a");
    link.href = `/runs?before=${answer.run.date}#run-${answer.run.id}`;
    link.textContent = " Show it in its week.";
    okLine?.append(link);
  }
}

export function startRunImport(): void {
  document.addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    if (input.id !== "run-file" || !input.files?.[0]) return;
    const file = input.files[0];
    input.value = "";
    void importFile(file);
  });
  const dropZone = (e: Event) =>
    (e.target as HTMLElement | null)?.closest?.<HTMLElement>(".runimport-card") ?? null;
  document.addEventListener("dragover", (e) => {
    const zone = dropZone(e);
    if (!zone) return;
    e.preventDefault();
    zone.classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => dropZone(e)?.classList.remove("dragging"));
  document.addEventListener("drop", (e) => {
    const zone = dropZone(e);
    if (!zone) return;
    e.preventDefault();
    zone.classList.remove("dragging");
    const file = e.dataTransfer?.files[0];
    if (file) void importFile(file);
  });
}

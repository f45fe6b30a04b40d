// The account page's import form: reads the chosen export file, sends it to POST /import and
// says in a sentence what was added, or why nothing was.
import { api } from "./api.ts";
import { byId } from "./dom.ts";
import { busy, clearErrors, setFieldError, setFormError, validate } from "./forms.ts";
import { importSentence } from "./importSentence.ts";

/** The server's limit (MAX_IMPORT_BYTES): checked here too, so a big file is not sent at all. */
const MAX_BYTES = 10 * 1024 * 1024;

type ImportResult = Parameters<typeof importSentence>[0];

async function importFile(form: HTMLFormElement): Promise<void> {
  if (!validate(form)) return;
  const file = byId<HTMLInputElement>("import_file")?.files?.[0];
  if (!file) return;
  if (file.size > MAX_BYTES) {
    setFieldError(form, "import_file", "This file is over 10 MB; an export file is smaller.");
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch {
    setFieldError(
      form,
      "import_file",
      "This file is not JSON, so it is not a runstrong export. Choose the .json file you downloaded.",
    );
    return;
  }
  const res = await busy(form, () => api<ImportResult>("POST", "import", document));
  clearErrors(form);
  if (!res.ok) {
    setFormError(form, res.body.message);
    return;
  }
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (ok) ok.textContent = importSentence(res.body);
  form.reset();
}

export function bindDataImport(): void {
  document.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    if (form.id !== "import-form") return;
    event.preventDefault();
    void importFile(form);
  });
}

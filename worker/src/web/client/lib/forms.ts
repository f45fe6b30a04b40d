// Form errors next to their fields: the browser's constraint checks first (with our own
// messages from data-message), then the API's {issues:[{path,message}]}; typed values are kept.
import type { ApiErrorBody } from "./api.ts";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (el): el is Control =>
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement,
  );
}

function errorSlot(form: HTMLFormElement, control: Control): HTMLElement | null {
  return control.id ? form.querySelector<HTMLElement>(`#${CSS.escape(control.id)}-error`) : null;
}

/**
 * Clears every outcome the form shows — errors and the last "Saved." — so a form never shows an
 * old success beside a new error: each check or submit starts from a blank slate.
 */
export function clearErrors(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll<HTMLElement>(".field-error, .form-error, .form-ok")) {
    el.textContent = "";
  }
  for (const c of controls(form)) c.removeAttribute("aria-invalid");
}

export function setFieldError(form: HTMLFormElement, name: string, message: string): boolean {
  const control = controls(form).find((c) => c.name === name || c.id === name);
  if (!control) return false;
  const slot = errorSlot(form, control);
  if (!slot) return false;
  slot.textContent = message;
  control.setAttribute("aria-invalid", "true");
  return true;
}

export function setFormError(form: HTMLFormElement, message: string): void {
  const slot = form.querySelector<HTMLElement>(".form-error");
  if (slot) slot.textContent = message;
}

function messageFor(c: Control): string {
  const v = c.validity;
  const custom = c.dataset.message;
  if (v.valueMissing) return c.dataset.messageMissing ?? custom ?? "This field is required.";
  if (custom) return custom;
  return c.validationMessage;
}

/** Extra checks the browser cannot express; returns an error message or null. */
function extraCheck(c: Control): string | null {
  const min = c.dataset.minChars;
  if (min && c.value.length > 0 && c.value.length < Number(min)) {
    return c.dataset.messageShort ?? `Use at least ${min} characters.`;
  }
  const max = c.dataset.maxChars;
  if (max && c.value.length > Number(max)) {
    return `Keep it under ${max} characters (now ${c.value.length}).`;
  }
  const same = c.dataset.sameAs;
  if (same) {
    const other = c.form?.querySelector<HTMLInputElement>(`#${CSS.escape(same)}`);
    if (other && other.value !== c.value) return c.dataset.messageSame ?? "The two do not match.";
  }
  return null;
}

/** Checks every control; shows messages by the fields and focuses the first bad one. */
export function validate(form: HTMLFormElement): boolean {
  clearErrors(form);
  let first: Control | null = null;
  for (const c of controls(form)) {
    if (c.disabled || c.type === "hidden") continue;
    const problem = c.checkValidity() ? extraCheck(c) : messageFor(c);
    if (problem === null) continue;
    const slot = errorSlot(form, c);
    if (slot) slot.textContent = problem;
    c.setAttribute("aria-invalid", "true");
    first ??= c;
  }
  first?.focus();
  return first === null;
}

/** Puts an API error body on the form: each issue by its field, the rest at the bottom. */
export function showApiErrors(
  form: HTMLFormElement,
  body: ApiErrorBody,
  fieldFor: Record<string, string> = {},
): void {
  clearErrors(form);
  const issues = body.issues ?? [];
  let placed = 0;
  for (const issue of issues) {
    const name = fieldFor[issue.path] ?? issue.path;
    if (setFieldError(form, name, issue.message)) placed++;
  }
  if (placed < issues.length || issues.length === 0) setFormError(form, body.message);
  const bad = form.querySelector<HTMLElement>("[aria-invalid=true]");
  bad?.focus();
}

/** Disables the submit buttons while a request runs, so a double tap sends once. */
export async function busy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const buttons = Array.from(form.querySelectorAll<HTMLButtonElement>("button"));
  for (const b of buttons) b.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

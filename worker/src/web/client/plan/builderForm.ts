// The builder form as a plan request (POST /plans/generate): the running week with distances
// converted from the runner's units to metres, the numbers, kit, level and dates; and the
// server's issues placed by the fields they are about, as sentences.
import type { ApiIssue } from "../lib/api.ts";
import { setFieldError, setFormError, validate } from "../lib/forms.ts";

export type PlanRequest = {
  running_week: { weekday: number; run: string; distance_m?: number }[];
  sessions_per_week: number;
  minutes: number;
  equipment: string[];
  level: string;
  start_date: string;
  weeks: number;
  race_date?: string;
};

const METRES_PER_MILE = 1609.344;

function value(form: HTMLFormElement, name: string): string {
  return (
    (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? ""
  );
}

export function readRequest(form: HTMLFormElement): PlanRequest {
  const perUnit = form.dataset.units === "imperial" ? METRES_PER_MILE : 1000;
  const running_week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const run = value(form, `run-${weekday}`) || "rest";
    const typed = value(form, `dist-${weekday}`).trim();
    const distance = typed === "" ? 0 : Number(typed);
    // A distance on a rest or cross-training day means nothing to the builder.
    return distance > 0 && run !== "rest" && run !== "cross"
      ? { weekday, run, distance_m: Math.round(distance * perUnit) }
      : { weekday, run };
  });
  const equipment = Array.from(
    form.querySelectorAll<HTMLInputElement>("input[name=equipment]:checked"),
    (c) => c.value,
  );
  const request: PlanRequest = {
    running_week,
    sessions_per_week: Number(value(form, "sessions")),
    minutes: Number(value(form, "minutes")),
    equipment,
    level: form.querySelector<HTMLInputElement>("input[name=level]:checked")?.value ?? "new",
    start_date: value(form, "start_date"),
    weeks: Number(value(form, "weeks")),
  };
  const race = value(form, "race_date");
  if (race) request.race_date = race;
  return request;
}

/** The browser's checks with our sentences, then what it cannot express: the race comes later. */
export function checkForm(form: HTMLFormElement): boolean {
  if (!validate(form)) return false;
  const start = value(form, "start_date");
  const race = value(form, "race_date");
  if (race && start && race <= start) {
    setFieldError(form, "race_date", "The race date must come after the start date.");
    form.querySelector<HTMLInputElement>("#race_date")?.focus();
    return false;
  }
  return true;
}

/** Which field an issue path of the request is about. */
function fieldOf(path: string): string | null {
  const week = /^running_week\.(\d)\.(\w+)/.exec(path);
  if (week) return `${week[2] === "distance_m" ? "dist" : "run"}-${Number(week[1]) + 1}`;
  const top = path.split(".")[0] ?? "";
  const fields: Record<string, string> = {
    running_week: "running_week",
    sessions_per_week: "sessions",
    minutes: "minutes",
    equipment: "equipment",
    level: "level",
    start_date: "start_date",
    weeks: "weeks",
    race_date: "race_date",
  };
  return fields[top] ?? null;
}

/**
 * Puts each issue by its field. The field's own sentence (its data-message) wins over the
 * server's words, which are written for developers reading the API.
 */
export function showIssues(form: HTMLFormElement, issues: ApiIssue[], fallback: string): void {
  let placed = 0;
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!field) continue;
    const control = form.querySelector<HTMLElement>(`#${CSS.escape(field)}`);
    const sentence = control?.dataset.message ?? issue.message;
    if (setFieldError(form, field, sentence)) {
      placed++;
      continue;
    }
    const slot = form.querySelector<HTMLElement>(`#${CSS.escape(field)}-error`);
    if (slot) {
      slot.textContent = issue.message;
      placed++;
    }
  }
  if (placed < issues.length || issues.length === 0) setFormError(form, fallback);
  form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
}

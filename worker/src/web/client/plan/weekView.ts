// The week of a plan drawn in the browser, with the same markup as the server's PlanWeek
// (pages/planWeek.tsx): the preview shows it as is, the editor puts its controls into each day.
import { exerciseById } from "@runstrong/shared/catalog";
import { estimateDayMinutes, KEY_RUNS } from "@runstrong/shared/plans";
import type { PlanBody, PlanDay, Violation } from "@runstrong/shared/schemas";
import type { Units } from "../../format.ts";
import {
  doseText,
  itemName,
  minutesText,
  restText,
  runningDayOf,
  runningDayText,
} from "../../pages/planWords.ts";
import { h } from "./element.ts";

export type WeekLabels = { units: Units; weekdays: string[] };

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function dayOf(plan: PlanBody, weekday: number): PlanDay | undefined {
  return plan.days.find((d) => d.weekday === weekday);
}

/** Reads the labels the server rendered on an element: the viewer's units and weekday names. */
export function labelsFrom(el: HTMLElement): WeekLabels {
  let weekdays: string[] = [];
  try {
    weekdays = JSON.parse(el.dataset.weekdays ?? "[]") as string[];
  } catch {
    weekdays = [];
  }
  if (weekdays.length !== 7) weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return { units: el.dataset.units === "imperial" ? "imperial" : "metric", weekdays };
}

export function warningLines(violations: Violation[], weekday?: number): HTMLElement[] {
  return violations
    .filter((x) => x.weekday === weekday)
    .map((x) => h("p", { class: "plan-warning", "data-rule": x.rule }, x.message));
}

/** The warnings that belong to no single day, as a list above the week (empty when none). */
export function generalProblems(violations: Violation[]): HTMLElement | null {
  const general = violations.filter((x) => x.weekday === undefined);
  if (general.length === 0) return null;
  return h(
    "ul",
    { class: "plain plan-problems", "aria-label": "Warnings about this plan" },
    general.map((x) => h("li", { class: "plan-warning", "data-rule": x.rule }, x.message)),
  );
}

/** The day's frame: its name, its run, and (filled by the caller) its strength part. */
export function dayFrame(
  plan: PlanBody,
  weekday: number,
  labels: WeekLabels,
  warned: boolean,
): HTMLLIElement {
  const strength = (dayOf(plan, weekday)?.items.length ?? 0) > 0;
  const running = runningDayOf(plan, weekday);
  const key = running !== null && running.kind !== "other" && KEY_RUNS.has(running.kind);
  return h(
    "li",
    {
      class: `plan-day${strength ? " strength" : ""}${warned ? " warned" : ""}`,
      "data-weekday": weekday,
    },
    h("h3", { class: "plan-day-name" }, labels.weekdays[weekday - 1] ?? String(weekday)),
    h(
      "p",
      { class: `plan-run${key ? " key" : ""}` },
      runningDayText(running, labels.units) || "No run planned",
    ),
  );
}

export function minutesLabel(day: PlanDay): string {
  return minutesText(estimateDayMinutes(day.items));
}

function readOnlyStrength(day: PlanDay): HTMLElement {
  return h(
    "div",
    { class: "plan-strength" },
    h(
      "p",
      { class: "plan-strength-head" },
      h("strong", {}, day.title ?? "Strength"),
      " ",
      h("span", { class: "muted small plan-minutes" }, minutesLabel(day)),
    ),
    h(
      "ul",
      { class: "plain plan-items" },
      day.items.map((it) =>
        h(
          "li",
          {},
          exerciseById(it.exercise_id)
            ? h("a", { href: `/exercises/${encodeURIComponent(it.exercise_id)}` }, itemName(it))
            : itemName(it),
          h("span", { class: "plan-dose" }, doseText(it)),
          h("span", { class: "muted small" }, restText(it)),
        ),
      ),
    ),
  );
}

/** The whole week, read-only, with each warning by its day. */
export function renderWeek(
  plan: PlanBody,
  violations: Violation[],
  labels: WeekLabels,
): HTMLOListElement {
  return h(
    "ol",
    { class: "plain plan-week", "aria-label": "The plan's week, Monday to Sunday" },
    WEEKDAYS.map((wd) => {
      const day = dayOf(plan, wd);
      const warnings = warningLines(violations, wd);
      const li = dayFrame(plan, wd, labels, warnings.length > 0);
      li.append(
        day?.items.length ? readOnlyStrength(day) : h("p", { class: "muted small" }, "No strength"),
        ...warnings,
      );
      return li;
    }),
  );
}

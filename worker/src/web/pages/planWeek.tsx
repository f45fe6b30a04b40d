// A plan's week as the plan page shows it: for each weekday the run and, on strength days, the
// session with every exercise's dose, rest and the estimated minutes; warnings sit by their day.
// The page script draws the same markup (client/plan/weekView.ts) for the preview and the editor.

import { exerciseById } from "@runstrong/shared/catalog";
import { estimateDayMinutes, KEY_RUNS } from "@runstrong/shared/plans";
import type { PlanBody, Violation } from "@runstrong/shared/schemas";
import { type Locale, weekdayShort } from "../format.ts";
import {
  doseText,
  itemName,
  minutesText,
  restText,
  runningDayOf,
  runningDayText,
} from "./planWords.ts";

export function PlanProblems(props: { violations: Violation[] }) {
  const general = props.violations.filter((x) => x.weekday === undefined);
  if (general.length === 0) return null;
  return (
    <ul class="plain plan-problems" aria-label="Warnings about this plan">
      {general.map((x) => (
        <li class="plan-warning" data-rule={x.rule}>
          {x.message}
        </li>
      ))}
    </ul>
  );
}

/** `v` is only read for its language and units, so a signed-out visitor's locale does too. */
export function PlanWeek(props: { plan: PlanBody; v: Locale; violations?: Violation[] }) {
  const { plan, v } = props;
  const violations = props.violations ?? [];
  return (
    <ol class="plain plan-week" aria-label="The plan's week, Monday to Sunday">
      {[1, 2, 3, 4, 5, 6, 7].map((wd) => {
        const day = plan.days.find((d) => d.weekday === wd);
        const items = day?.items ?? [];
        const running = runningDayOf(plan, wd);
        const key = running !== null && running.kind !== "other" && KEY_RUNS.has(running.kind);
        const warnings = violations.filter((x) => x.weekday === wd);
        return (
          <li
            class={`plan-day${items.length ? " strength" : ""}${warnings.length ? " warned" : ""}`}
            data-weekday={String(wd)}
          >
            <h3 class="plan-day-name">{weekdayShort(wd, v.lang)}</h3>
            <p class={`plan-run${key ? " key" : ""}`}>
              {runningDayText(running, v.units) || "No run planned"}
            </p>
            {items.length ? (
              <div class="plan-strength">
                <p class="plan-strength-head">
                  <strong>{day?.title ?? "Strength"}</strong>{" "}
                  <span class="muted small plan-minutes">
                    {minutesText(estimateDayMinutes(items))}
                  </span>
                </p>
                <ul class="plain plan-items">
                  {items.map((it) => (
                    <li>
                      {exerciseById(it.exercise_id) ? (
                        <a href={`/exercises/${encodeURIComponent(it.exercise_id)}`}>
                          {itemName(it)}
                        </a>
                      ) : (
                        itemName(it)
                      )}
                      <span class="plan-dose">{doseText(it)}</span>
                      <span class="muted small">{restText(it)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p class="muted small">No strength</p>
            )}
            {warnings.map((x) => (
              <p class="plan-warning" data-rule={x.rule}>
                {x.message}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

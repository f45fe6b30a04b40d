// The running log's form: log a run, or edit one (the page script fills it from a row). Each
// field has its error slot; today's date in the runner's zone is the default and the limit.
import type { Child } from "hono/jsx";
import { addDays, type Units } from "../format.ts";
import { RUN_KIND_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";

export const unitLabel = (units: Units) => (units === "imperial" ? "mi" : "km");

export function RunForm(props: { v: Viewer; today: string }) {
  const { v, today } = props;
  const unit = unitLabel(v.units);
  // The hint sits under its control so the inputs of a row line up.
  const field = (id: string, label: string, control: Child, hint?: string) => (
    <div class="field">
      <label for={id}>{label}</label>
      {control}
      {hint ? (
        <p class="hint runlog-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <p class="field-error" id={`${id}-error`} role="alert" />
    </div>
  );
  const described = (id: string, hint = false) => (hint ? `${id}-hint ${id}-error` : `${id}-error`);
  return (
    <section class="card runlog-form-card" aria-labelledby="run-form-title">
      <h2 id="run-form-title" class="card-title">
        Log a run
      </h2>
      <form id="run-form" novalidate data-today={today} data-units={v.units}>
        <div class="runlog-form-grid">
          {field(
            "run-date",
            "Date",
            <input
              id="run-date"
              name="date"
              type="date"
              value={today}
              max={addDays(today, 1)}
              required
              aria-describedby={described("run-date")}
            />,
          )}
          {field(
            "run-kind",
            "Kind",
            <select id="run-kind" name="kind" aria-describedby={described("run-kind")}>
              {Object.entries(RUN_KIND_LABEL).map(([value, label]) => (
                <option value={value} selected={value === "easy"}>
                  {label}
                </option>
              ))}
            </select>,
          )}
          {field(
            "run-distance",
            `Distance (${unit})`,
            <input
              id="run-distance"
              name="distance"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              placeholder={v.units === "imperial" ? "5.2" : "8.5"}
              required
              aria-describedby={described("run-distance")}
            />,
          )}
          {field(
            "run-duration",
            "Time",
            <input
              id="run-duration"
              name="duration"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              placeholder="45:00"
              required
              aria-describedby={described("run-duration", true)}
            />,
            "h:mm:ss, mm:ss or minutes",
          )}
          {field(
            "run-hr",
            "Avg HR (optional)",
            <input
              id="run-hr"
              name="avg_hr"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              placeholder="bpm"
              aria-describedby={described("run-hr")}
            />,
          )}
        </div>
        {field(
          "run-notes",
          "Notes (optional)",
          <textarea
            id="run-notes"
            name="notes"
            rows={2}
            aria-describedby={described("run-notes")}
          />,
        )}
        <div class="actions">
          <button type="submit" id="run-submit">
            Save run
          </button>
          <button type="button" id="run-cancel" class="ghost" hidden>
            Cancel edit
          </button>
        </div>
        <p class="form-error" role="alert" />
        <p class="form-ok" role="status" />
      </form>
    </section>
  );
}

// The plan builder's form: the runner's week (what they run each day, how far), how much strength
// work fits, their kit and level, and the dates. The page script previews and saves the plan.
import { Equipment } from "@runstrong/shared/catalog";
import type { PlanInputs, PlanLevel, RunningDayKind } from "@runstrong/shared/schemas";
import { Field } from "../components.tsx";
import { localDate, weekdayShort } from "../format.ts";
import { EQUIPMENT_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { LEVEL_HINT, LEVEL_LABEL, RUNNING_DAY_KINDS, RUNNING_DAY_LABEL } from "./planWords.ts";

/** A realistic week to start from: quality on Tuesday and Thursday, long run on Saturday. */
const DEFAULT_WEEK: { run: RunningDayKind; km?: number }[] = [
  { run: "rest" },
  { run: "intervals", km: 8 },
  { run: "easy", km: 6 },
  { run: "tempo", km: 8 },
  { run: "rest" },
  { run: "long", km: 16 },
  { run: "easy", km: 5 },
];

const KIT = Equipment.options.filter((e) => e !== "none");

/** Today: a plan built mid-week starts with the rest of this week, so today's session shows at once. */
export function defaultStartDate(v: Viewer): string {
  return localDate(v.now, v.tz);
}

/** What the form starts from: a realistic week, or the plan being rebuilt (at a new level). */
export type BuilderStart = { inputs?: PlanInputs; level?: PlanLevel };

function weekFrom(start: BuilderStart): { run: RunningDayKind; km?: number }[] {
  const week = start.inputs?.running_week;
  if (!week) return DEFAULT_WEEK;
  return [1, 2, 3, 4, 5, 6, 7].map((wd) => {
    const d = week.find((x) => x.weekday === wd);
    return d?.distance_m === undefined
      ? { run: d?.run ?? "rest" }
      : { run: d.run, km: Math.round(d.distance_m / 100) / 10 };
  });
}

function distanceDefault(km: number | undefined, v: Viewer): string {
  if (km === undefined) return "";
  return v.units === "imperial" ? String(Math.round((km / 1.609344) * 10) / 10) : String(km);
}

function RunningWeek(props: { v: Viewer; start: BuilderStart }) {
  const { v } = props;
  const unit = v.units === "imperial" ? "mi" : "km";
  return (
    <fieldset class="plan-running-week">
      <legend>Your running week</legend>
      <p class="hint" id="running-week-hint">
        What you usually do each day, and how far if you know it ({unit}). Strength work is placed
        around your hard days.
      </p>
      <ul class="plain">
        {weekFrom(props.start).map((d, i) => {
          const wd = i + 1;
          const day = weekdayShort(wd, v.lang);
          return (
            <li class="run-day-row">
              <label for={`run-${wd}`} class="run-day-name">
                {day}
              </label>
              <select
                id={`run-${wd}`}
                name={`run-${wd}`}
                data-weekday={String(wd)}
                aria-describedby={`run-${wd}-error`}
              >
                {RUNNING_DAY_KINDS.map((k) => (
                  <option value={k} selected={k === d.run}>
                    {RUNNING_DAY_LABEL[k]}
                  </option>
                ))}
              </select>
              <label for={`dist-${wd}`} class="sr-only">
                Distance on {day} in {unit === "km" ? "kilometres" : "miles"}
              </label>
              <span class="run-day-distance">
                <input
                  id={`dist-${wd}`}
                  name={`dist-${wd}`}
                  type="number"
                  inputmode="decimal"
                  min="0"
                  max={unit === "km" ? "500" : "310"}
                  step="0.1"
                  value={distanceDefault(d.km, v)}
                  aria-describedby={`dist-${wd}-error`}
                  data-message={`Enter a distance from 0 to ${unit === "km" ? "500 km" : "310 mi"}, or leave it empty.`}
                />
                <span aria-hidden="true">{unit}</span>
              </span>
              <p class="field-error" id={`run-${wd}-error`} role="alert" />
              <p class="field-error" id={`dist-${wd}-error`} role="alert" />
            </li>
          );
        })}
      </ul>
      <p class="field-error" id="running_week-error" role="alert" />
    </fieldset>
  );
}

function Kit(props: { have: readonly string[] }) {
  return (
    <fieldset class="plan-kit">
      <legend>Equipment at hand</legend>
      <p class="hint">Bodyweight always works; tick anything else you have.</p>
      <div class="plan-kit-options">
        {KIT.map((e) => (
          <div class="checkbox">
            <input
              type="checkbox"
              id={`kit-${e}`}
              name="equipment"
              value={e}
              checked={props.have.includes(e)}
            />
            <label for={`kit-${e}`}>{EQUIPMENT_LABEL[e] ?? e}</label>
          </div>
        ))}
      </div>
      <p class="field-error" id="equipment-error" role="alert" />
    </fieldset>
  );
}

function Level(props: { level: PlanLevel }) {
  return (
    <fieldset class="plan-level">
      <legend>Your strength training so far</legend>
      {(["new", "some", "experienced"] as const).map((l) => (
        <div class="checkbox">
          <input
            type="radio"
            id={`level-${l}`}
            name="level"
            value={l}
            checked={l === props.level}
            aria-describedby={`level-${l}-hint`}
          />
          <label for={`level-${l}`}>
            <strong>{LEVEL_LABEL[l]}</strong>{" "}
            <span class="muted" id={`level-${l}-hint`}>
              {LEVEL_HINT[l]}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function PlanBuilder(props: { v: Viewer; start?: BuilderStart }) {
  const { v } = props;
  const start = props.start ?? {};
  return (
    <>
      <form
        id="plan-builder"
        class="card"
        novalidate
        data-units={v.units}
        data-weekdays={JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((wd) => weekdayShort(wd, v.lang)))}
      >
        <h2 class="card-title">Build a plan around your running</h2>
        <RunningWeek v={v} start={start} />
        <div class="plan-numbers">
          <Field
            id="sessions"
            label="Strength sessions a week"
            type="number"
            inputmode="numeric"
            min="1"
            max="4"
            step="1"
            value={String(start.inputs?.sessions_per_week ?? 2)}
            required
            missing="Choose how many strength sessions a week, from 1 to 4."
            message="Choose from 1 to 4 strength sessions a week."
          />
          <Field
            id="minutes"
            label="Minutes per session"
            type="number"
            inputmode="numeric"
            min="10"
            max="60"
            step="1"
            value={String(start.inputs?.minutes ?? 30)}
            required
            missing="Enter how many minutes a session may take, from 10 to 60."
            message="A session takes from 10 to 60 minutes; enter a whole number in that range."
          />
        </div>
        <Kit have={start.inputs?.equipment ?? []} />
        <Level level={start.level ?? start.inputs?.level ?? "new"} />
        <div class="plan-numbers">
          <Field
            id="start_date"
            label="Start date"
            type="date"
            value={defaultStartDate(v)}
            required
            missing="Choose the day the plan starts."
            message="Enter the start date as YYYY-MM-DD."
          />
          <Field
            id="weeks"
            label="Weeks"
            type="number"
            inputmode="numeric"
            min="4"
            max="24"
            step="1"
            value="8"
            required
            missing="Enter how many weeks the plan lasts, from 4 to 24."
            message="A plan lasts from 4 to 24 weeks; enter a whole number in that range."
          />
          <Field
            id="race_date"
            label="Race date (optional)"
            type="date"
            hint="Strength work eases off in the 10 days before it."
            message="Enter the race date as YYYY-MM-DD, or leave it empty."
          />
        </div>
        <div class="actions">
          <button type="submit">Preview the plan</button>
        </div>
        <p class="form-error" role="alert" />
      </form>
      <section id="plan-preview" class="plan-preview" aria-labelledby="preview-title" hidden>
        <h2 id="preview-title" tabindex={-1}>
          Your plan, week by week
        </h2>
        <div id="preview-problems" />
        <div id="preview-week" />
        <form id="plan-save-form" class="card" novalidate>
          <Field
            id="plan_name"
            label="Plan name"
            required
            maxChars={120}
            missing="Give the plan a name, so you can find it later."
          />
          <div class="actions">
            <button type="submit">Save and make active</button>
          </div>
          <p class="form-error" role="alert" />
          <p class="form-ok" role="status" />
        </form>
      </section>
    </>
  );
}

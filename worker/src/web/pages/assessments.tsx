// Fitness assessments: whether one is due, the level the results suggest, the latest result of
// every test, and per test how to do it, a trend chart (drawn by /static/dist/assessments.js
// from /assessments/data.json, with the numbers in a table too) and a form to log a result.
// Parts marked data-view are re-rendered in place after a log, leaving the forms untouched.
import { formatClock } from "@runstrong/shared/engine";
import { Field } from "../components.tsx";
import {
  type AssessmentKind,
  type AssessmentsPage,
  cooperDistance,
  type GroupView,
} from "../data/assessments.ts";
import { dayLabel, formatDuration, type Units } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { AssessmentDueCard } from "./assessmentDueCard.tsx";
import { LevelCard } from "./assessmentLevelCard.tsx";

/** A result as words: "1 min 15 s", "24:30", "22 reps", "2.84 km". */
export function formatResult(kind: AssessmentKind, value: number, units: Units): string {
  switch (kind) {
    case "hold":
      return formatDuration(value);
    case "time":
      return formatClock(value);
    case "reps":
      return `${value} reps`;
    case "distance":
      return `${cooperDistance(value, units)} ${units === "imperial" ? "mi" : "km"}`;
  }
}

const sideWord = (g: GroupView) => (g.kind === "hold" ? "side" : "leg");

function LatestValue(props: { g: GroupView; v: Viewer }) {
  const { g, v } = props;
  const [first, second] = g.tests.map((t) => g.latest[t]);
  if (g.tests.length === 1) {
    return first ? (
      <span>{formatResult(g.kind, first.value, v.units)}</span>
    ) : (
      <span class="muted">–</span>
    );
  }
  const side = (label: string, r: typeof first) => (
    <span class="side-value">
      <span class="muted">{label}</span>{" "}
      {r ? formatResult(g.kind, r.value, v.units) : <span class="muted">–</span>}
    </span>
  );
  return (
    <span class="side-values">
      {side("Left", first)}
      {side("Right", second)}
    </span>
  );
}

function latestDate(g: GroupView): string | null {
  return g.tests.reduce<string | null>((m, t) => {
    const d = g.latest[t]?.date ?? null;
    return d !== null && (m === null || d > m) ? d : m;
  }, null);
}

function LatestTable(props: { p: AssessmentsPage; v: Viewer }) {
  return (
    <section class="card" id="latest" aria-labelledby="latest-title" data-view>
      <h2 id="latest-title" class="card-title">
        Latest results
      </h2>
      <table id="latest-results">
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Latest</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {props.p.groups.map((g) => {
            const date = latestDate(g);
            return (
              <tr data-test={g.id}>
                <th scope="row">
                  <a href={`#test-${g.id}`}>{g.name}</a>
                </th>
                <td class="latest-value">
                  <LatestValue g={g} v={props.v} />
                </td>
                <td class="latest-date">{date ? dayLabel(date, props.v) : "not yet"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function HistoryTable(props: { g: GroupView; v: Viewer }) {
  const { g, v } = props;
  const paired = g.tests.length === 2;
  return (
    <details class="data-table">
      <summary>Show every result</summary>
      <table>
        <caption class="sr-only">{`${g.name}: every result`}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {paired ? (
              <>
                <th scope="col">Left</th>
                <th scope="col">Right</th>
              </>
            ) : (
              <th scope="col">Result</th>
            )}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {[...g.history].reverse().map((h) => (
            <tr>
              <th scope="row">{dayLabel(h.date, v)}</th>
              {h.values.map((value) => (
                <td>{value === null ? "–" : formatResult(g.kind, value, v.units)}</td>
              ))}
              <td class="muted small">{h.notes.join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const VALUE_FIELD: Record<
  AssessmentKind,
  { label: string; hint: string; example: string; inputmode: "text" | "numeric" | "decimal" }
> = {
  hold: {
    label: "Time held",
    hint: "Seconds (75) or minutes and seconds (1:15).",
    example: "75 or 1:15",
    inputmode: "text",
  },
  time: {
    label: "Time",
    hint: "Minutes and seconds (24:30), or h:mm:ss.",
    example: "24:30",
    inputmode: "text",
  },
  reps: { label: "Reps", hint: "Counted until form went.", example: "12", inputmode: "numeric" },
  distance: { label: "Distance", hint: "", example: "2.8", inputmode: "decimal" },
};

function LogForm(props: { g: GroupView; v: Viewer; today: string }) {
  const { g, v } = props;
  const f = VALUE_FIELD[g.kind];
  const unit = v.units === "imperial" ? "mi" : "km";
  const label = g.kind === "distance" ? `Distance (${unit})` : f.label;
  const hint =
    g.kind === "distance"
      ? `In ${unit === "km" ? "kilometres, like 2.8" : "miles, like 1.7"}.`
      : f.hint;
  const paired = g.tests.length === 2;
  return (
    <form
      class="assessment-form"
      id={`log-${g.id}`}
      novalidate
      data-assessment-form
      data-kind={g.kind}
      data-tests={g.tests.join(" ")}
      aria-label={`Log a ${g.name} result`}
    >
      <div class={paired ? "assessment-inputs paired" : "assessment-inputs"}>
        <Field
          id={`${g.id}-date`}
          name="date"
          label="Date"
          type="date"
          value={props.today}
          max={props.today}
          required
          missing="Enter the date you did the test."
          message="Enter the day you did the test: today or earlier, as YYYY-MM-DD."
        />
        {paired ? (
          (["left", "right"] as const).map((side) => (
            <Field
              id={`${g.id}-${side}`}
              name={side}
              label={`${side === "left" ? "Left" : "Right"} ${sideWord(g)} (${f.label.toLowerCase()})`}
              inputmode={f.inputmode}
              placeholder={f.example}
              autocomplete="off"
              required
              missing={`Enter your ${side} ${sideWord(g)}'s result.`}
            />
          ))
        ) : (
          <Field
            id={`${g.id}-value`}
            name="value"
            label={label}
            inputmode={f.inputmode}
            hint={hint}
            autocomplete="off"
            required
            missing="Enter your result."
          />
        )}
      </div>
      <Field id={`${g.id}-notes`} name="notes" label="Notes (optional)" maxChars={2000} />
      <div class="actions">
        <button type="submit">Log result</button>
      </div>
      <p class="form-error" role="alert" />
      <p class="form-ok" role="status" />
    </form>
  );
}

function TestCard(props: { g: GroupView; v: Viewer; today: string }) {
  const { g, v } = props;
  const paired = g.tests.length === 2;
  const what =
    g.kind === "time"
      ? "time (lower is better)"
      : g.kind === "distance"
        ? "distance"
        : g.kind === "hold"
          ? "seconds held"
          : "reps";
  return (
    <section class="card assessment-card" id={`test-${g.id}`} aria-labelledby={`title-${g.id}`}>
      <h2 id={`title-${g.id}`} class="card-title">
        {g.name}
      </h2>
      <p class="how">{g.how}</p>
      <div id={`view-${g.id}`} data-view>
        <p class="assessment-latest">
          <span class="muted">Latest: </span>
          <LatestValue g={g} v={v} />
        </p>
        {g.history.length ? (
          <>
            <div
              class="chart"
              id={`chart-${g.id}`}
              role="img"
              aria-label={`Line chart of ${what} per assessment${paired ? ", left and right" : ""}; every result is in the table below.`}
            />
            <HistoryTable g={g} v={v} />
          </>
        ) : (
          <p class="muted small">No results yet: log your first one below.</p>
        )}
      </div>
      <LogForm g={g} v={v} today={props.today} />
    </section>
  );
}

export function AssessmentsPageView(props: { v: Viewer; p: AssessmentsPage }) {
  const { v, p } = props;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Fitness assessments</h1>
          <p class="muted">
            The same tests every four weeks show what your strength work changes. Rest well the day
            before and test fresh.
          </p>
        </div>
      </div>
      <div class="grid-2 assessment-top">
        <div id="due-view" data-view>
          <AssessmentDueCard d={p} v={v} onPage />
        </div>
        <LevelCard p={p} />
      </div>
      <LatestTable p={p} v={v} />
      <div
        id="tests"
        class="chart-grid"
        data-src="/assessments/data.json"
        data-tz={v.tz}
        data-units={v.units}
      >
        {p.groups.map((g) => (
          <TestCard g={g} v={v} today={p.today} />
        ))}
      </div>
    </>
  );
}

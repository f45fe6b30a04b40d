// History rows for what is not a strength session: a run (linking to its week in the running
// log) and a fitness assessment (linking to the assessments page), in the session cards' shape.
import { type AssessmentEntry, assessmentTest } from "../data/history.ts";
import { type RunEntry, runsPageBefore } from "../data/runs.ts";
import { dayLabel, distance, formatClock, formatDuration, plural } from "../format.ts";
import { RUN_KIND_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { pace } from "./runs.tsx";

/** The day box of a run or an assessment row: they carry a date, not a time. */
function DayBox(props: { date: string; v: Viewer }) {
  const noon = Date.parse(`${props.date}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(props.v.lang, { ...o, timeZone: "UTC" }).format(noon);
  return (
    <span class="session-date" aria-hidden="true">
      <span class="session-day">{part({ day: "numeric" })}</span>
      <span class="session-wd">{part({ weekday: "short" })}</span>
    </span>
  );
}

export function RunCard(props: { r: RunEntry; v: Viewer }) {
  const { r, v } = props;
  return (
    <a
      class="session-card history-run"
      href={`/runs?before=${runsPageBefore(r.date)}#run-${encodeURIComponent(r.id)}`}
      data-run-id={r.id}
    >
      <DayBox date={r.date} v={v} />
      <span class="session-main">
        <span class="session-head">
          <span class="session-title">{RUN_KIND_LABEL[r.kind] ?? "Run"}</span>
          <span class="muted small">{distance(r.distanceM, v.units)}</span>
        </span>
        <span class="muted small">
          {formatClock(r.durationS)} · {pace(r.distanceM, r.durationS, v.units)}
          <span class="sr-only">, {dayLabel(r.date, v, true)}</span>
        </span>
        <span class="chips">
          <span class="chip chip-run">Run</span>
          {r.avgHr !== null ? <span class="chip">{r.avgHr} bpm</span> : null}
        </span>
        {r.notes ? <span class="session-exercises small">{r.notes}</span> : null}
      </span>
    </a>
  );
}

/** A test's value with its unit: seconds as a duration, reps and metres as counts. */
function assessmentValue(value: number, unit: string, v: Viewer): string {
  if (unit === "s") return formatDuration(value);
  if (unit === "reps") return plural(value, "rep");
  if (unit === "m") return `${Math.round(value).toLocaleString(v.lang)} m`;
  return `${value} ${unit}`.trim();
}

export function AssessmentCard(props: { a: AssessmentEntry; v: Viewer }) {
  const { a, v } = props;
  const test = assessmentTest(a.test);
  return (
    <a class="session-card history-assessment" href="/assessments" data-assessment-id={a.id}>
      <DayBox date={a.date} v={v} />
      <span class="session-main">
        <span class="session-head">
          <span class="session-title">{test.name}</span>
          <span class="muted small">{assessmentValue(a.value, test.unit, v)}</span>
        </span>
        <span class="chips">
          <span class="chip chip-accent">Fitness test</span>
          <span class="sr-only">, {dayLabel(a.date, v, true)}</span>
        </span>
        {a.notes ? <span class="session-exercises small">{a.notes}</span> : null}
      </span>
    </a>
  );
}

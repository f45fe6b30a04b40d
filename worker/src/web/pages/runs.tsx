// The running log: a form to log (or edit) a run and the runs by Monday-based week, newest first,
// with each week's totals and each run's pace. Writes go through the sync outbox (client/runs.ts).
import { Empty } from "../components.tsx";
import type { RunEntry, RunWeek, RunWeeksPage } from "../data/runs.ts";
import {
  addDays,
  dayLabel,
  distance,
  distanceValue,
  formatClock,
  mondayOf,
  plural,
  type Units,
} from "../format.ts";
import { RUN_KIND_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { RunForm, unitLabel } from "./runForm.tsx";
import { RunImportCard } from "./runsImport.tsx";

/** Minutes and seconds per km (or mi): "5:20 /km"; a dash when there is no distance. */
export function pace(distanceM: number, durationS: number, units: Units): string {
  const perUnit = distanceValue(distanceM, units);
  if (perUnit <= 0 || durationS <= 0) return "–";
  return `${formatClock(Math.round(durationS / perUnit))} /${unitLabel(units)}`;
}

/** The distance as the form shows it for editing: up to two decimals, no trailing zeros. */
function distanceText(meters: number, units: Units): string {
  return String(Math.round(distanceValue(meters, units) * 100) / 100);
}

function weekTitle(monday: string, today: string, v: Viewer): string {
  const thisMonday = mondayOf(today);
  if (monday === thisMonday) return "This week";
  if (monday === addDays(thisMonday, -7)) return "Last week";
  const opts: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", timeZone: "UTC" };
  if (monday.slice(0, 4) !== today.slice(0, 4)) opts.year = "numeric";
  return `Week of ${new Intl.DateTimeFormat(v.lang, opts).format(Date.parse(`${monday}T12:00:00Z`))}`;
}

function RunItem(props: { r: RunEntry; v: Viewer }) {
  const { r, v } = props;
  const kind = RUN_KIND_LABEL[r.kind] ?? "Run";
  const day = dayLabel(r.date, v);
  return (
    <li
      id={`run-${r.id}`}
      class="runlog-row"
      data-run-id={r.id}
      data-date={r.date}
      data-kind={r.kind}
      data-distance={distanceText(r.distanceM, v.units)}
      data-distance-m={String(r.distanceM)}
      data-duration={formatClock(r.durationS)}
      data-duration-s={String(r.durationS)}
      data-avg-hr={r.avgHr === null ? "" : String(r.avgHr)}
      data-notes={r.notes ?? ""}
      tabindex={-1}
    >
      <div class="runlog-row-main">
        <p class="runlog-row-head">
          <strong class="runlog-kind">{kind}</strong>
          <time class="muted small" datetime={r.date}>
            {day}
          </time>
        </p>
        <dl class="runlog-figures">
          <div>
            <dt>Distance</dt>
            <dd class="runlog-distance">{distance(r.distanceM, v.units)}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd class="runlog-duration">{formatClock(r.durationS)}</dd>
          </div>
          <div>
            <dt>Pace</dt>
            <dd class="runlog-pace">{pace(r.distanceM, r.durationS, v.units)}</dd>
          </div>
          <div>
            <dt>Avg HR</dt>
            <dd class="runlog-hr">{r.avgHr === null ? "–" : `${r.avgHr} bpm`}</dd>
          </div>
        </dl>
        {r.notes ? <p class="runlog-notes">{r.notes}</p> : null}
      </div>
      <div class="runlog-row-actions">
        <button
          type="button"
          class="secondary small-button"
          data-edit-run={r.id}
          aria-label={`Edit ${kind.toLowerCase()} of ${day}`}
        >
          Edit
        </button>
        <button
          type="button"
          class="secondary danger small-button"
          data-delete-run={r.id}
          data-confirm="Delete?"
          aria-label={`Delete ${kind.toLowerCase()} of ${day}`}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function WeekSection(props: { w: RunWeek; today: string; v: Viewer }) {
  const { w, v } = props;
  const title = weekTitle(w.monday, props.today, v);
  const id = `week-${w.monday}`;
  return (
    <section class="runlog-week" aria-labelledby={`${id}-title`} id={id}>
      <div class="runlog-week-head">
        <h2 id={`${id}-title`} class="runlog-week-title">
          {title}
        </h2>
        <p class="runlog-week-total" id={`${id}-total`}>
          <strong class="runlog-week-distance">{distance(w.distanceM, v.units)}</strong>
          {" · "}
          {formatClock(w.durationS)}
          {" · "}
          {plural(w.runs.length, "run")}
        </p>
      </div>
      <ul class="plain runlog-list">
        {w.runs.map((r) => (
          <RunItem r={r} v={v} />
        ))}
      </ul>
    </section>
  );
}

export function RunsPage(props: {
  v: Viewer;
  today: string;
  page: RunWeeksPage;
  before: string | null;
}) {
  const { v, today, page } = props;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Running log</h1>
          <p class="muted">Your runs by week, beside your strength work.</p>
        </div>
      </div>
      <div class="runlog-layout">
        <RunForm v={v} today={today} />
        <div class="runlog-weeks">
          <RunImportCard v={v} />
          <section aria-label="Runs by week" id="run-weeks">
            {page.weeks.length === 0 ? (
              props.before ? (
                <Empty title="No older runs.">
                  <p class="muted">
                    <a href="/runs">Back to the latest weeks</a>
                  </p>
                </Empty>
              ) : (
                <Empty title="No runs logged yet.">
                  <p class="muted">
                    Log your first run with the form above: pick the day, type how far and how long
                    — say 8.5 {unitLabel(v.units)} in 45:00 — and save. It shows up here by week, in
                    your history and on the dashboard.
                  </p>
                </Empty>
              )
            ) : (
              page.weeks.map((w) => <WeekSection w={w} today={today} v={v} />)
            )}
          </section>
          <nav class="pager" aria-label="Weeks">
            {props.before ? (
              <a class="button ghost" href="/runs">
                ← Latest weeks
              </a>
            ) : (
              <span />
            )}
            {page.olderBefore ? (
              <a class="button ghost" href={`/runs?before=${page.olderBefore}`}>
                Older weeks →
              </a>
            ) : null}
          </nav>
        </div>
      </div>
    </>
  );
}

// Progress: uPlot charts (drawn by /static/dist/progress.js from /web/progress.json) with the
// same numbers as tables underneath, so the page reads without a canvas too.

import { formatClock } from "@runstrong/shared/engine";
import { Empty, Stat } from "../components.tsx";
import { type ProgressData, RANGES } from "../data/progress.ts";
import { dayLabel, formatDuration } from "../format.ts";
import type { Viewer } from "../viewer.ts";

function WeekTable(props: {
  caption: string;
  d: ProgressData;
  v: Viewer;
  cols: { label: string; values: number[] }[];
}) {
  return (
    <details class="data-table">
      <summary>Show the numbers</summary>
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {props.cols.map((c) => (
              <th scope="col">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.d.weeks.map((w, i) => (
            <tr>
              <th scope="row">{dayLabel(w, props.v)}</th>
              {props.cols.map((c) => (
                <td>{c.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function ProgressPage(props: { v: Viewer; d: ProgressData; weeks: number }) {
  const { v, d } = props;
  const unit = v.units === "imperial" ? "mi" : "km";
  const perSide = d.exercises.filter((e) => e.per_side);
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Progress</h1>
          <p class="muted">Your last {props.weeks} weeks of strength work and running.</p>
        </div>
        <form method="get" action="/progress" class="range-form" data-no-dirty>
          <label for="weeks">Period</label>
          <select id="weeks" name="weeks" data-autosubmit>
            {RANGES.map((n) => (
              <option value={String(n)} selected={n === props.weeks}>
                {n} weeks
              </option>
            ))}
          </select>
          <button type="submit" class="secondary small-button">
            Show
          </button>
        </form>
      </div>
      <section class="stats stats-4" aria-label="Totals for the period">
        <Stat label="strength sessions" value={d.totals.sessions} />
        <Stat label="reps" value={d.totals.reps} sub={`${d.totals.sets} sets`} />
        <Stat label="held in holds" value={formatDuration(d.totals.hold_s)} />
        <Stat label={`${unit} run`} value={d.totals.distance} sub={`${d.totals.runs} runs`} />
      </section>
      {d.totals.sets === 0 && d.totals.runs === 0 ? (
        <Empty title="Nothing to chart yet.">
          <p class="muted">Log a few sessions and runs and your trends appear here.</p>
        </Empty>
      ) : null}
      <div id="progress" class="chart-grid" data-src={`/web/progress.json?weeks=${props.weeks}`}>
        <section class="card chart-card" aria-labelledby="c-volume">
          <h2 id="c-volume" class="card-title">
            Weekly strength volume
          </h2>
          <p class="muted small">Reps per week (bars) and minutes held in timed holds (line).</p>
          <div
            class="chart"
            id="chart-volume"
            role="img"
            aria-label="Bar chart of reps per week with a line of minutes held; the numbers are in the table below."
          />
          <WeekTable
            caption="Strength volume by week"
            d={d}
            v={v}
            cols={[
              { label: "Sessions", values: d.sessions },
              { label: "Sets", values: d.sets },
              { label: "Reps", values: d.reps },
              { label: "Minutes held", values: d.hold_min },
            ]}
          />
        </section>

        <section class="card chart-card" aria-labelledby="c-running">
          <h2 id="c-running" class="card-title">
            Running and strength
          </h2>
          <p class="muted small">
            Distance per week ({unit}, bars) beside strength sessions per week (dots).
          </p>
          <div
            class="chart"
            id="chart-running"
            role="img"
            aria-label={`Bar chart of ${unit} run per week with strength sessions per week; the numbers are in the table below.`}
          />
          <WeekTable
            caption="Running distance and strength sessions by week"
            d={d}
            v={v}
            cols={[
              { label: `Distance (${unit})`, values: d.distance },
              { label: "Runs", values: d.runs },
              { label: "Strength sessions", values: d.sessions },
            ]}
          />
        </section>

        <section class="card chart-card" aria-labelledby="c-exercise">
          <h2 id="c-exercise" class="card-title">
            Per exercise
          </h2>
          {d.exercises.length ? (
            <>
              <div class="field field-inline">
                <label for="chart-exercise">Exercise</label>
                <select id="chart-exercise">
                  {d.exercises.map((e) => (
                    <option value={e.id}>{e.name}</option>
                  ))}
                </select>
              </div>
              <p class="muted small" id="exercise-caption">
                Total per session (line) and best single set (dots).
              </p>
              <div
                class="chart"
                id="chart-exercise-plot"
                role="img"
                aria-label="Line chart of the chosen exercise per session: total and best set."
              />
            </>
          ) : (
            <p class="muted">No sets logged in this period.</p>
          )}
        </section>

        <section class="card chart-card" aria-labelledby="c-balance">
          <h2 id="c-balance" class="card-title">
            Left / right balance
          </h2>
          {perSide.length ? (
            <>
              <div class="field field-inline">
                <label for="chart-side">Exercise</label>
                <select id="chart-side">
                  {perSide.map((e) => (
                    <option value={e.id}>{e.name}</option>
                  ))}
                </select>
              </div>
              <p class="muted small">Per session, left leg or side against right.</p>
              <div
                class="chart"
                id="chart-balance"
                role="img"
                aria-label="Line chart of left against right per session for the chosen exercise; totals in the table below."
              />
              <table class="balance">
                <caption class="sr-only">Left and right totals for the period</caption>
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Left</th>
                    <th scope="col">Right</th>
                    <th scope="col">Gap</th>
                  </tr>
                </thead>
                <tbody>
                  {d.balance.map((b) => {
                    const hi = Math.max(b.left, b.right);
                    const diff = hi ? Math.round((Math.abs(b.left - b.right) / hi) * 100) : 0;
                    const fmt = (n: number) => (b.unit === "s" ? formatClock(n) : String(n));
                    return (
                      <tr>
                        <th scope="row">
                          {b.name}
                          <span class="muted small"> ({b.unit === "s" ? "m:ss" : "reps"})</span>
                        </th>
                        <td>{fmt(b.left)}</td>
                        <td>{fmt(b.right)}</td>
                        <td class={diff > 10 ? "missed" : "met"}>
                          {diff}%
                          {diff > 10 ? ` (${b.left < b.right ? "left" : "right"} weaker)` : ""}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : (
            <p class="muted">No one-sided exercises logged in this period.</p>
          )}
        </section>
      </div>
    </>
  );
}

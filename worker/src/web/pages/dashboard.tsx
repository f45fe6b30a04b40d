// "Today": the week at a glance — planned strength days against sessions done, runs and
// distance, the next planned session, the last session and each device's last sync.
import { Bar, Empty, Stat } from "../components.tsx";
import type { DueCardData } from "../data/assessments.ts";
import type { Overview } from "../data/overview.ts";
import { hasStrength } from "../data/plan.ts";
import {
  dateTime,
  dayLabel,
  distance,
  formatDuration,
  plural,
  relative,
  weekdayShort,
} from "../format.ts";
import { PLATFORM_LABEL, RUN_KIND_LABEL, sessionTitle } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { AssessmentDueCard } from "./assessmentDueCard.tsx";
import { TodayCard } from "./todayCard.tsx";

/** Whole km (or mi) so seven day cells fit a phone's width. */
function shortDistance(meters: number, units: Viewer["units"]): string {
  const n = units === "imperial" ? meters / 1609.344 : meters / 1000;
  return `${n < 10 ? n.toFixed(1).replace(/\.0$/, "") : Math.round(n)} ${units === "imperial" ? "mi" : "km"}`;
}

function WeekStrip(props: { o: Overview; v: Viewer }) {
  const { o, v } = props;
  return (
    <ol class="week" aria-label="This week, Monday to Sunday">
      {o.days.map((d) => {
        const planned = hasStrength(d.planned);
        const done = d.sessions.length > 0;
        const km = d.runs.reduce((m, r) => m + r.distanceM, 0);
        const classes = [
          "day",
          d.isToday ? "today" : "",
          done ? "done" : "",
          planned ? "planned" : "",
        ]
          .filter(Boolean)
          .join(" ");
        const words = [
          planned ? `strength planned${d.planned?.title ? `: ${d.planned.title}` : ""}` : "",
          done ? `${plural(d.sessions.length, "session")} done` : "",
          d.runs.length ? `${plural(d.runs.length, "run")}, ${distance(km, v.units)}` : "",
          !planned && d.planned?.run
            ? `${RUN_KIND_LABEL[d.planned.run.kind] ?? "run"} planned`
            : "",
        ].filter(Boolean);
        return (
          <li class={classes} aria-current={d.isToday ? "date" : undefined}>
            <span class="day-name">{weekdayShort(d.weekday, v.lang)}</span>
            <span class="day-date">{Number(d.date.slice(8))}</span>
            <span class="day-marks" aria-hidden="true">
              {done ? (
                <span class="mark mark-done">✓</span>
              ) : planned ? (
                <span class={d.isPast ? "mark mark-missed" : "mark mark-planned"}>●</span>
              ) : (
                <span class="mark mark-none">·</span>
              )}
            </span>
            {km > 0 ? (
              <span class="day-run">{shortDistance(km, v.units)}</span>
            ) : (
              // A planned run not (yet) logged: shown quietly, never in the missed colour.
              <span class="day-run day-run-planned">{d.planned?.run ? "run" : ""}</span>
            )}
            <span class="sr-only">{words.length ? words.join("; ") : "rest day"}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** After a session: a pat on the back with what was done today. */
function TodayDone(props: { o: Overview }) {
  const today = props.o.days.find((d) => d.isToday);
  const done = today?.sessions ?? [];
  if (!done.length) return null;
  const sets = done.reduce((n, s) => n + s.sets, 0);
  const reps = done.reduce((n, s) => n + s.reps, 0);
  return (
    <section class="card today-done" aria-label="Done today">
      <p class="today-check" aria-hidden="true">
        ✓
      </p>
      <div>
        <p class="lead">
          <strong>{done.map((s) => sessionTitle(s)).join(" + ")}</strong> done today.
        </p>
        <p class="muted">
          {plural(sets, "set")}
          {reps ? `, ${reps} reps` : ""}. Strong legs, steady stride — recover well.
        </p>
      </div>
    </section>
  );
}

export function Dashboard(props: { o: Overview; v: Viewer; due: DueCardData }) {
  const { o, v } = props;
  const planned = o.plannedStrength;
  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            {dayLabel(o.monday, v)} – {dayLabel(o.days[6]?.date ?? o.monday, v)}
          </p>
          <h1>This week</h1>
        </div>
        {o.plan ? (
          <a class="button" href={o.next?.isToday ? `/run?date=${o.today}` : "/run"}>
            Start a session
          </a>
        ) : (
          <a class="button" href="/plan">
            Build your plan
          </a>
        )}
      </div>

      <TodayDone o={o} />
      {o.plan ? null : <TodayCard o={o} v={v} />}

      <section class="stats" aria-label="Week totals">
        <Stat
          id="stat-strength"
          label={o.doneStrength === 1 ? "strength session" : "strength sessions"}
          value={o.doneStrength}
          sub={
            planned ? (
              <>
                <Bar
                  value={o.plannedDone}
                  max={planned}
                  label={`${o.plannedDone} of ${planned} planned sessions done`}
                />
                <span class="stat-note">
                  {o.plannedDone} of {planned} planned
                </span>
              </>
            ) : undefined
          }
        />
        <Stat
          id="stat-runs"
          label={o.runCount === 1 ? "run" : "runs"}
          value={o.runCount}
          sub={distance(o.runMeters, v.units)}
        />
        <Stat id="stat-sets" label="sets logged" value={o.sets} sub={`${o.reps} reps`} />
      </section>

      <section class="card" aria-labelledby="week-title">
        <h2 id="week-title" class="card-title">
          Day by day
        </h2>
        <WeekStrip o={o} v={v} />
        <p class="legend muted" aria-hidden="true">
          <span class="mark mark-done">✓</span> done <span class="mark mark-planned">●</span>{" "}
          planned <span class="mark mark-missed">●</span> missed
        </p>
        {o.plan ? (
          <p class="muted small">
            Plan: <strong>{o.plan.body.name}</strong>
          </p>
        ) : (
          <p class="muted small">
            No plan yet: <a href="/plan">build one around your running week</a>, or just{" "}
            <a href="/run">start a routine on this phone</a>.
          </p>
        )}
      </section>

      <div class="grid-2">
        {o.plan ? <TodayCard o={o} v={v} /> : <AssessmentDueCard d={props.due} v={v} />}

        <section class="card" id="last-session" aria-labelledby="last-title">
          <h2 id="last-title" class="card-title">
            Last session
          </h2>
          {o.last ? (
            <a class="session-link" href={`/history/${encodeURIComponent(o.last.id)}`}>
              <span class="lead">
                <strong>{sessionTitle(o.last)}</strong>
              </span>
              <span class="muted">
                {o.last.startedMs !== null ? relative(o.last.startedMs, v.now, v) : "date unknown"}
                {o.last.deviceName ? ` · ${o.last.deviceName}` : ""}
              </span>
              <span class="chips">
                <span class="chip">{plural(o.last.sets, "set")}</span>
                {o.last.reps ? <span class="chip">{o.last.reps} reps</span> : null}
                {o.last.holdS ? (
                  <span class="chip">{formatDuration(o.last.holdS)} held</span>
                ) : null}
                {o.last.durationS ? (
                  <span class="chip">{formatDuration(o.last.durationS)}</span>
                ) : null}
              </span>
            </a>
          ) : (
            <Empty title="No sessions yet.">
              <p class="muted">Finish one on your watch or on this phone and it shows up here.</p>
            </Empty>
          )}
        </section>
      </div>

      {o.plan ? <AssessmentDueCard d={props.due} v={v} /> : null}

      <section class="card" aria-labelledby="devices-title">
        <h2 id="devices-title" class="card-title">
          Devices
        </h2>
        {o.devices.length ? (
          <ul class="plain device-sync">
            {o.devices.map((d) => (
              <li>
                <span>
                  <strong>{d.name}</strong>{" "}
                  <span class="muted small">{PLATFORM_LABEL[d.platform] ?? d.platform}</span>
                </span>
                <span class="muted" title={d.lastSeen ? dateTime(d.lastSeen, v) : undefined}>
                  {d.lastSeen ? `synced ${relative(d.lastSeen, v.now, v)}` : "not synced yet"}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No devices yet.</p>
        )}
        <p>
          <a href="/pair">Pair a watch</a> · <a href="/devices">Manage devices</a>
        </p>
      </section>
    </>
  );
}

// History: strength sessions, runs and fitness assessments in one list, newest first, filterable
// by exercise and dates (a GET form whose bad input is shown by the field, typed values kept),
// with set totals per session; a run links to its week in the running log.
import { Empty } from "../components.tsx";
import type { HistoryItem } from "../data/history.ts";
import { exerciseName } from "../data/plan.ts";
import type { SessionRow } from "../data/sessions.ts";
import { dateTime, formatDuration, localDate, plural, timeOfDay } from "../format.ts";
import { sessionTitle } from "../labels.ts";
import type { Viewer } from "../viewer.ts";
import { AssessmentCard, RunCard } from "./historyEntries.tsx";

export type HistoryFilters = {
  exercise: string;
  from: string;
  to: string;
  page: number;
  errors: Partial<Record<"exercise" | "from" | "to", string>>;
  /** Set when the requested page cannot exist: said on the page rather than ignored. */
  pageProblem?: string;
};

function monthLabel(date: string, v: Viewer): string {
  return new Intl.DateTimeFormat(v.lang, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(Date.parse(`${date.slice(0, 7)}-15T12:00:00Z`));
}

export function SessionCard(props: { s: SessionRow; v: Viewer }) {
  const { s, v } = props;
  const names = s.exercises.map((id) => exerciseName(id));
  const shown = names.slice(0, 4);
  return (
    <a class="session-card" href={`/history/${encodeURIComponent(s.id)}`} data-session-id={s.id}>
      <span class="session-date" aria-hidden="true">
        {s.startedMs !== null ? (
          <>
            <span class="session-day">
              {new Intl.DateTimeFormat(v.lang, { day: "numeric", timeZone: v.tz }).format(
                s.startedMs,
              )}
            </span>
            <span class="session-wd">
              {new Intl.DateTimeFormat(v.lang, { weekday: "short", timeZone: v.tz }).format(
                s.startedMs,
              )}
            </span>
          </>
        ) : (
          <span class="session-day">?</span>
        )}
      </span>
      <span class="session-main">
        <span class="session-head">
          <span class="session-title">{sessionTitle(s)}</span>
          {s.startedMs !== null ? (
            <span class="muted small">{timeOfDay(s.startedMs, v)}</span>
          ) : null}
        </span>
        <span class="muted small">
          {[s.deviceName, s.durationS ? formatDuration(s.durationS) : null]
            .filter(Boolean)
            .join(" · ")}
          <span class="sr-only">{s.startedMs !== null ? `, ${dateTime(s.startedMs, v)}` : ""}</span>
        </span>
        <span class="chips">
          <span class="chip">{plural(s.sets, "set")}</span>
          {s.reps ? <span class="chip">{s.reps} reps</span> : null}
          {s.holdS ? <span class="chip">{formatDuration(s.holdS)} held</span> : null}
          {s.rpe ? <span class="chip">RPE {s.rpe}</span> : null}
        </span>
        {shown.length ? (
          <span class="session-exercises small">
            {shown.join(" · ")}
            {names.length > shown.length ? ` +${names.length - shown.length}` : ""}
          </span>
        ) : null}
      </span>
    </a>
  );
}

function itemMonth(item: HistoryItem, v: Viewer): string {
  if (item.kind === "run") return item.run.date.slice(0, 7);
  if (item.kind === "assessment") return item.assessment.date.slice(0, 7);
  return item.ms !== null ? localDate(item.ms, v.tz).slice(0, 7) : "unknown";
}

function HistoryEntry(props: { item: HistoryItem; v: Viewer }) {
  const { item, v } = props;
  if (item.kind === "run") return <RunCard r={item.run} v={v} />;
  if (item.kind === "assessment") return <AssessmentCard a={item.assessment} v={v} />;
  return <SessionCard s={item.session} v={v} />;
}

export function HistoryPage(props: {
  v: Viewer;
  f: HistoryFilters;
  items: HistoryItem[];
  more: boolean;
  exercises: { id: string; n: number }[];
  flash?: string;
}) {
  const { v, f, items } = props;
  const groups: { month: string; items: HistoryItem[] }[] = [];
  for (const item of items) {
    const month = itemMonth(item, v);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.items.push(item);
    else groups.push({ month, items: [item] });
  }
  const options =
    props.exercises.some((e) => e.id === f.exercise) || !f.exercise
      ? props.exercises
      : [...props.exercises, { id: f.exercise, n: 0 }];
  const filtered = !!(f.exercise || f.from || f.to);
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (f.exercise) p.set("exercise", f.exercise);
    if (f.from) p.set("from", f.from);
    if (f.to) p.set("to", f.to);
    if (page) p.set("page", String(page));
    const s = p.toString();
    return s ? `/history?${s}` : "/history";
  };
  const err = (k: "exercise" | "from" | "to") => f.errors[k];
  return (
    <>
      <div class="page-head">
        <h1>History</h1>
        <div class="actions">
          <a class="button secondary" href="/runs">
            Log a run
          </a>
          <a class="button secondary" href="/run">
            New session
          </a>
        </div>
      </div>
      {props.flash ? (
        <p class="flash" role="status">
          {props.flash}
        </p>
      ) : null}
      <details class="card filter-box" open={filtered || Object.keys(f.errors).length > 0}>
        <summary>{filtered ? "Filters on" : "Filter by exercise or date"}</summary>
        <form id="history-filter" class="filters" method="get" action="/history" novalidate>
          <div class="field">
            <label for="exercise">Exercise</label>
            <select
              id="exercise"
              name="exercise"
              aria-describedby="exercise-error"
              aria-invalid={err("exercise") ? "true" : undefined}
            >
              <option value="">All exercises</option>
              {options.map((e) => (
                <option value={e.id} selected={e.id === f.exercise}>
                  {exerciseName(e.id)}
                  {e.n ? ` (${e.n} sets)` : ""}
                </option>
              ))}
            </select>
            <p class="field-error" id="exercise-error" role="alert">
              {err("exercise") ?? ""}
            </p>
          </div>
          <div class="field">
            <label for="from">From</label>
            <input
              id="from"
              name="from"
              type="date"
              value={f.from}
              aria-describedby="from-error"
              aria-invalid={err("from") ? "true" : undefined}
            />
            <p class="field-error" id="from-error" role="alert">
              {err("from") ?? ""}
            </p>
          </div>
          <div class="field">
            <label for="to">To</label>
            <input
              id="to"
              name="to"
              type="date"
              value={f.to}
              aria-describedby="to-error"
              aria-invalid={err("to") ? "true" : undefined}
            />
            <p class="field-error" id="to-error" role="alert">
              {err("to") ?? ""}
            </p>
          </div>
          <div class="filter-actions">
            <button type="submit">Show</button>
            {filtered ? (
              <a class="button ghost" href="/history">
                Clear
              </a>
            ) : null}
          </div>
        </form>
      </details>

      <section aria-label="Sessions, runs and tests" id="session-list">
        {f.pageProblem ? (
          <p class="notice" id="page-problem" role="status">
            {f.pageProblem}
          </p>
        ) : null}
        {items.length === 0 && f.page > 0 ? (
          <Empty title={`Page ${f.page} is past the end of your history.`}>
            <a class="button secondary" href={query(0)}>
              Back to the newest
            </a>
          </Empty>
        ) : items.length === 0 ? (
          <Empty title={filtered ? "Nothing matches these filters." : "Nothing logged yet."}>
            <p class="muted">
              {filtered
                ? "Try a wider date range or another exercise."
                : "Sessions from your watch appear here a few seconds after it syncs, and runs you log in the running log too."}
            </p>
          </Empty>
        ) : (
          groups.map((g) => (
            <section
              class="month"
              aria-label={g.month === "unknown" ? "Date unknown" : monthLabel(g.month, v)}
            >
              <h2 class="month-title">
                {g.month === "unknown" ? "Date unknown" : monthLabel(g.month, v)}
              </h2>
              <ul class="plain session-list">
                {g.items.map((item) => (
                  <li>
                    <HistoryEntry item={item} v={v} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>
      <nav class="pager" aria-label="Pages">
        {f.page > 0 ? (
          <a class="button ghost" href={query(f.page - 1)}>
            ← Newer
          </a>
        ) : null}
        {props.more ? (
          <a class="button ghost" href={query(f.page + 1)}>
            Older →
          </a>
        ) : null}
      </nav>
    </>
  );
}

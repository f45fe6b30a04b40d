// The phone session runner: pick today's planned session or a routine, then the shared session
// engine runs it behind big touch targets (driven by /static/dist/run.js). Everything the runner
// needs is embedded, so with the service worker's copy it works offline.
import { exerciseById, expandRoutine, routineById, routines } from "@runstrong/shared/catalog";
import { type EngineItem, loggedSetCount } from "@runstrong/shared/engine";
import type { PlanDay, TodayResponse } from "@runstrong/shared/schemas";
import { type ActivePlan, exerciseName } from "../data/plan.ts";
import { isoWeekday, plural, weekdayShort } from "../format.ts";

export type RunOption = {
  key: string;
  name: string;
  description: string;
  items: EngineItem[];
  planId?: string;
  planDay?: number;
  today?: boolean;
};

function dayItems(day: PlanDay): EngineItem[] {
  if (day.items.length) {
    return day.items.map((i) => ({ ...i, name: exerciseName(i.exercise_id, i.name) }));
  }
  const routine = day.routine_id ? routineById(day.routine_id) : undefined;
  return routine ? expandRoutine(routine) : [];
}

/**
 * The coming week's planned sessions (with progressed targets, and today's accepted change)
 * first, then the built-in routines.
 */
export function runOptions(
  plan: ActivePlan | null,
  upcoming: readonly TodayResponse[],
  today: string,
  lang: string,
): RunOption[] {
  const out: RunOption[] = [];
  if (plan) {
    for (const t of upcoming) {
      if (!t.day) continue;
      const items = dayItems(t.day);
      if (!items.length) continue;
      const weekday = isoWeekday(t.date);
      const isToday = t.date === today;
      const when = isToday ? "Planned for today" : `Planned for ${weekdayShort(weekday, lang)}`;
      out.push({
        key: `date-${t.date}`,
        name: t.day.title ?? `${plan.body.name}, ${weekdayShort(weekday, lang)}`,
        description: `${when} · ${plan.body.name}${t.progression.length ? " · targets progressed" : ""}`,
        items,
        planId: plan.id,
        planDay: weekday,
        today: isToday,
      });
    }
  }
  for (const r of routines) {
    out.push({
      key: `routine-${r.id}`,
      name: r.name,
      description: r.description,
      items: expandRoutine(r),
    });
  }
  return out;
}

function itemsSummary(items: EngineItem[]): string {
  const sets = loggedSetCount(items);
  return `${plural(items.length, "exercise")} · ${plural(sets, "set")}`;
}

function RunnerScreen() {
  // Circumference of the progress ring (r = 52).
  const ring = "326.73";
  return (
    <section id="run-screen" class="runner" hidden aria-labelledby="run-title">
      <div class="run-top">
        <p id="run-progress" class="muted small" />
        <button type="button" id="run-pause" class="ghost small-button">
          Pause
        </button>
      </div>
      <p id="run-phase" class="eyebrow" />
      <h1 id="run-title" class="run-title">
        Ready
      </h1>
      <p class="run-meta">
        <span id="run-set" /> <span id="run-target" class="muted" />{" "}
        <span id="run-side" class="side-badge" hidden />
      </p>
      <p id="run-cue" class="run-cue muted small" />
      <button type="button" id="run-big" class="big-tap" aria-describedby="run-big-label">
        <svg class="ring" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
          <circle class="ring-track" cx="60" cy="60" r="52" />
          <circle
            id="run-ring"
            class="ring-fill"
            cx="60"
            cy="60"
            r="52"
            stroke-dasharray={ring}
            stroke-dashoffset={ring}
            transform="rotate(-90 60 60)"
          />
        </svg>
        <span id="run-big-text" class="big-number">
          0
        </span>
        <span id="run-big-label" class="big-label" />
      </button>
      <div class="run-actions">
        <button type="button" id="run-undo" class="secondary">
          Undo
        </button>
        <button type="button" id="run-primary" class="primary-action">
          Set done
        </button>
        <button type="button" id="run-secondary" class="secondary">
          +15 s
        </button>
      </div>
      <p id="run-next" class="muted run-next" />
      <div class="run-bottom">
        <button type="button" id="run-skip" class="ghost">
          Skip exercise
        </button>
        <button
          type="button"
          id="run-finish"
          class="ghost danger"
          data-confirm="Tap again to finish"
        >
          Finish session
        </button>
      </div>
      <p id="run-announce" class="sr-only" role="status" aria-live="polite" />
    </section>
  );
}

function SummaryScreen() {
  return (
    <section id="run-summary" class="run-summary" hidden aria-labelledby="sum-title">
      <p class="eyebrow">Session complete</p>
      <h1 id="sum-title">Well done!</h1>
      <section class="stats stats-4" aria-label="Session totals">
        <div class="stat">
          <p class="stat-value" id="sum-duration">
            0:00
          </p>
          <p class="stat-label">duration</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-sets">
            0
          </p>
          <p class="stat-label">sets</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-reps">
            0
          </p>
          <p class="stat-label">reps</p>
        </div>
        <div class="stat">
          <p class="stat-value" id="sum-hold">
            0 s
          </p>
          <p class="stat-label">held</p>
        </div>
      </section>
      <p id="sum-sync" class="muted" role="status" />
      <form id="run-feel-form" class="card" novalidate>
        <h2 class="card-title">How did it feel?</h2>
        <fieldset class="rpe-scale">
          <legend>Effort (RPE), 1 = very easy, 10 = all-out</legend>
          <div class="rpe-options">
            {Array.from({ length: 10 }, (_, i) => (
              <label class="rpe-option">
                <input type="radio" name="rpe" value={String(i + 1)} />
                <span>{i + 1}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="run-notes">Notes</label>
          <textarea
            id="run-notes"
            name="notes"
            rows={3}
            data-max-chars="2000"
            aria-describedby="run-notes-error"
          />
          <p class="field-error" id="run-notes-error" role="alert" />
        </div>
        <div class="actions">
          <button type="submit">Save</button>
          <a id="sum-history" class="button secondary" href="/history">
            See it in history
          </a>
        </div>
        <p class="form-error" role="alert" />
        <p class="form-ok" role="status" />
      </form>
      <button type="button" id="run-new" class="ghost">
        Start another session
      </button>
    </section>
  );
}

export function RunPage(props: { options: RunOption[]; selectedDate: string | null }) {
  const chosen = props.selectedDate === null ? null : `date-${props.selectedDate}`;
  // The first cue of each exercise, shown under its name while it runs.
  const cues: Record<string, string> = {};
  for (const o of props.options) {
    for (const i of o.items) {
      const cue = exerciseById(i.exercise_id)?.cues[0];
      if (cue) cues[i.exercise_id] = cue;
    }
  }
  const plan = props.options.filter((o) => o.planDay !== undefined);
  const builtIn = props.options.filter((o) => o.planDay === undefined);
  const Card = (p: { o: RunOption }) => (
    <li
      class={
        p.o.key === chosen || (chosen === null && p.o.today)
          ? "card run-option selected"
          : "card run-option"
      }
    >
      <div>
        <h3 class="run-option-name">{p.o.name}</h3>
        <p class="muted small">{p.o.description}</p>
        <p class="small">{itemsSummary(p.o.items)}</p>
        <details>
          <summary>Exercises</summary>
          <ul class="plain items">
            {p.o.items.map((i) => (
              <li>
                <span>{i.name}</span>
                <span class="muted">
                  {i.sets} ×{" "}
                  {i.mode === "hold"
                    ? `${i.target_hold_s ?? "–"} s`
                    : i.mode === "amrap"
                      ? "max"
                      : (i.target_reps ?? "–")}
                  {i.per_side ? " each side" : ""}
                </span>
              </li>
            ))}
          </ul>
        </details>
      </div>
      <button type="button" data-start={p.o.key} aria-label={`Start ${p.o.name}`}>
        Start
      </button>
    </li>
  );
  return (
    <div id="runner" data-options={JSON.stringify(props.options)} data-cues={JSON.stringify(cues)}>
      <section id="run-choose" aria-labelledby="choose-title">
        <div class="page-head">
          <div>
            <h1 id="choose-title">Run a session</h1>
            <p class="muted">
              Big buttons, timers and a buzz at every change. Works offline; it syncs when you are
              back online.
            </p>
          </div>
        </div>
        {plan.length ? (
          <>
            <h2 class="month-title">From your plan</h2>
            <ul class="plain run-options">
              {plan.map((o) => (
                <Card o={o} />
              ))}
            </ul>
          </>
        ) : null}
        <h2 class="month-title">Routines</h2>
        <ul class="plain run-options">
          {builtIn.map((o) => (
            <Card o={o} />
          ))}
        </ul>
      </section>
      <RunnerScreen />
      <SummaryScreen />
    </div>
  );
}

// The phone session runner: pick today's planned session or a routine, then the shared session
// engine runs it behind big touch targets (driven by /static/dist/run.js). Everything the runner
// needs is embedded, so with the service worker's copy it works offline.
import { exerciseById, expandRoutine, routineById, routines } from "@runstrong/shared/catalog";
import { type EngineItem, loggedSetCount } from "@runstrong/shared/engine";
import type { PlanDay, TodayResponse } from "@runstrong/shared/schemas";
import type { SessionHeartRate } from "@runstrong/shared/sessionDriver";
import { type ActivePlan, exerciseName } from "../data/plan.ts";
import { isoWeekday, plural, weekdayShort } from "../format.ts";
import type { Viewer } from "../viewer.ts";
import { viewerMaxHr } from "./heartRate.tsx";
import { RunnerScreen, SummaryScreen } from "./runScreens.tsx";

/** The account's heart-rate settings the runner uses: zones, and the heart rate that ends a rest. */
export function runnerHeartRate(v: Viewer): SessionHeartRate {
  const max = viewerMaxHr(v);
  const out: SessionHeartRate = {};
  if (max) out.maxBpm = max.bpm;
  if (v.restHrReady !== null) out.restReadyBpm = v.restHrReady;
  return out;
}

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

export function RunPage(props: {
  options: RunOption[];
  selectedDate: string | null;
  heartRate: SessionHeartRate;
}) {
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
    <div
      id="runner"
      data-options={JSON.stringify(props.options)}
      data-cues={JSON.stringify(cues)}
      data-heart-rate={JSON.stringify(props.heartRate)}
    >
      <section id="run-choose" aria-labelledby="choose-title">
        <div class="page-head">
          <div>
            <h1 id="choose-title">Run a session</h1>
            <p class="muted">
              Big buttons, timers and a buzz at every change. Works offline; it syncs when you are
              back online.
            </p>
            <p id="run-strap" class="run-strap" hidden>
              <button type="button" class="secondary small-button" data-hr-connect>
                Connect heart-rate strap
              </button>{" "}
              <span id="run-strap-status" class="muted small" role="status" />
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

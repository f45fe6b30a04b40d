// Progression from what was logged: each exercise's targets are replayed session by session
// from the plan's numbers, so the same history always gives the same prescription.
import { exerciseById } from "../catalog/catalogLookup.ts";
import type { Exercise } from "../catalog/exerciseSchema.ts";
import type { PlanItem } from "../schemas/plan.ts";
import { canAddWeight, harderVariations, kitOf, rangeOf } from "./exerciseChoice.ts";

/** One logged set, as progression needs it. */
export type LoggedSet = {
  session_id: string;
  exercise_id: string;
  /** The session's local date (YYYY-MM-DD), for ordering and the plan's start. */
  date: string;
  /** Orders sessions of the same date. */
  started_at: string;
  reps: number | null;
  hold_s: number | null;
  rpe: number | null;
  /** The whole session's effort, when the runner gave one. */
  session_rpe: number | null;
};

/** Holds grow by this much after each session where every hold was made. */
export const HOLD_STEP_S = 5;
/** A hold stops growing here; the harder variation comes next. */
export const HOLD_CAP_S = 60;
/** Sessions at the top of the range before stepping up (double progression). */
export const TOP_SESSIONS_TO_STEP_UP = 2;
/** Plyometrics are the hardest on tendons: they need one more session and grow one rep at a time. */
export const TOP_SESSIONS_TO_STEP_UP_PLYO = 3;
/** An effort of 9–10 out of 10 holds the step where it is. */
export const HOLDING_RPE = 9;
/** Weight added per step-up, in kg. */
export const WEIGHT_STEP_KG = 2.5;
/** AMRAP sets step up to the harder variation after two sessions with every set at least this. */
export const AMRAP_STEP_UP_REPS = 15;
/** Without a harder variation or a weight, a step-up adds a set, up to this many more than planned. */
const EXTRA_SETS_MAX = 2;

type State = {
  target: number | undefined;
  sets: number;
  weight: number | undefined;
  variation: string | undefined;
  topStreak: number;
};

export type Progressed = {
  item: PlanItem;
  /** Why the targets differ from the plan's, in a runner's words; null when they do not. */
  reason: string | null;
};

type Outcome = "success" | "miss" | "held";

function outcomeOf(sets: LoggedSet[], mode: PlanItem["mode"], state: State): Outcome {
  const rpe = Math.max(0, ...sets.map((s) => Math.max(s.rpe ?? 0, s.session_rpe ?? 0)));
  if (rpe >= HOLDING_RPE) return "held";
  if (mode === "amrap") {
    return sets.every((s) => (s.reps ?? 0) >= AMRAP_STEP_UP_REPS) ? "success" : "miss";
  }
  const target = state.target ?? 0;
  const done = sets.every((s) => (mode === "hold" ? (s.hold_s ?? 0) : (s.reps ?? 0)) >= target);
  return done ? "success" : "miss";
}

/** Groups one exercise's logged sets by session, oldest session first. */
function sessionsOf(sets: readonly LoggedSet[]): LoggedSet[][] {
  const bySession = new Map<string, LoggedSet[]>();
  for (const s of sets) {
    const list = bySession.get(s.session_id) ?? [];
    list.push(s);
    bySession.set(s.session_id, list);
  }
  return [...bySession.values()].sort((a, b) => {
    const x = a[0] as LoggedSet;
    const y = b[0] as LoggedSet;
    return x.date.localeCompare(y.date) || x.started_at.localeCompare(y.started_at);
  });
}

/** One step up: the next harder variation, else added weight, else one more set. */
function stepUp(
  state: State,
  exercise: Exercise,
  base: PlanItem,
  equipment: readonly string[],
  lo: number,
): string {
  const kit = kitOf(equipment);
  const harder = harderVariations(exercise, kit);
  const at =
    state.variation === undefined ? -1 : harder.findIndex((v) => v.name === state.variation);
  const next = harder[at + 1];
  state.topStreak = 0;
  if (next !== undefined) {
    state.variation = next.name;
    if (state.target !== undefined) state.target = lo;
    return `on to the harder variation, ${next.name}, back at the bottom of the range`;
  }
  if (canAddWeight(exercise, kit)) {
    state.weight = (state.weight ?? 0) + WEIGHT_STEP_KG;
    if (state.target !== undefined) state.target = lo;
    return `${WEIGHT_STEP_KG} kg more weight, back at the bottom of the range`;
  }
  if (state.sets < base.sets + EXTRA_SETS_MAX) {
    state.sets += 1;
    if (state.target !== undefined) state.target = lo;
    return "one more set, back at the bottom of the range";
  }
  return "you are at the top of this exercise's progression: keep it smooth and steady";
}

/**
 * The item's targets after replaying every logged session of its exercise. Reps follow double
 * progression (up the range, then two sessions at the top → a harder step), holds grow 5 s per
 * session up to 60 s, missed targets repeat the step and an effort of 9–10 holds it.
 */
export function progressItem(
  base: PlanItem,
  history: readonly LoggedSet[],
  equipment: readonly string[],
): Progressed {
  const exercise = exerciseById(base.exercise_id);
  const own = history.filter((s) => s.exercise_id === base.exercise_id);
  if (exercise === undefined || own.length === 0) return { item: base, reason: null };
  const plyo = exercise.focus === "plyometric";
  const baseTarget = base.mode === "hold" ? base.target_hold_s : base.target_reps;
  const range = rangeOf(
    exercise.prescriptions.find((p) => {
      const r = rangeOf(p);
      return r !== null && baseTarget !== undefined && baseTarget >= r.lo && baseTarget <= r.hi;
    }) ?? exercise.prescriptions[0],
  );
  const lo = Math.min(range?.lo ?? baseTarget ?? 1, baseTarget ?? Number.POSITIVE_INFINITY);
  const hi = base.mode === "hold" ? HOLD_CAP_S : Math.max(range?.hi ?? lo, baseTarget ?? lo);
  const state: State = {
    target: baseTarget,
    sets: base.sets,
    weight: base.weight_kg,
    variation: base.variation,
    topStreak: 0,
  };
  let last = "";
  /** Whether the last session changed the targets (or only repeated or held them). */
  let lastMoved = false;
  for (const sets of sessionsOf(own)) {
    const outcome = outcomeOf(sets, base.mode, state);
    if (outcome === "held") {
      lastMoved = false;
      last = "your last effort was 9 or 10 out of 10, so the targets stay where they are";
      continue;
    }
    if (outcome === "miss") {
      lastMoved = false;
      state.topStreak = 0;
      last = "some sets fell short last time, so you repeat the same targets";
      continue;
    }
    lastMoved = true;
    if (base.mode === "amrap") {
      state.topStreak += 1;
      last = `every set reached ${AMRAP_STEP_UP_REPS} reps`;
      if (state.topStreak >= TOP_SESSIONS_TO_STEP_UP)
        last = `${last}: ${stepUp(state, exercise, base, equipment, lo)}`;
      continue;
    }
    if (base.mode === "hold") {
      if ((state.target ?? 0) < HOLD_CAP_S) {
        state.target = Math.min(HOLD_CAP_S, (state.target ?? 0) + HOLD_STEP_S);
        last = `you held every set, so the hold grows by ${HOLD_STEP_S} s`;
      } else {
        last = `you held ${HOLD_CAP_S} s on every set: ${stepUp(state, exercise, base, equipment, lo)}`;
      }
      continue;
    }
    if ((state.target ?? 0) < hi) {
      const step = plyo || hi - lo < 4 ? 1 : 2;
      state.target = Math.min(hi, (state.target ?? 0) + step);
      state.topStreak = 0;
      last = `every set hit its target, so ${step === 1 ? "one more rep" : `${step} more reps`}`;
      continue;
    }
    state.topStreak += 1;
    const needed = plyo ? TOP_SESSIONS_TO_STEP_UP_PLYO : TOP_SESSIONS_TO_STEP_UP;
    last =
      state.topStreak >= needed
        ? `${needed} sessions at the top of the range: ${stepUp(state, exercise, base, equipment, lo)}`
        : `every set at the top of the range (${state.topStreak} of ${needed} sessions before the next step)`;
  }
  const item: PlanItem = { ...base, sets: state.sets };
  if (state.target !== undefined) {
    if (base.mode === "hold") item.target_hold_s = state.target;
    else if (base.mode === "reps") item.target_reps = state.target;
  }
  if (state.weight !== undefined) item.weight_kg = state.weight;
  if (state.variation !== undefined) {
    item.variation = state.variation;
    item.name = state.variation;
  }
  const changed =
    item.sets !== base.sets ||
    item.target_reps !== base.target_reps ||
    item.target_hold_s !== base.target_hold_s ||
    item.weight_kg !== base.weight_kg ||
    item.variation !== base.variation;
  if (!changed) return { item: base, reason: null };
  const sentence = lastMoved ? last : `your targets grew in earlier sessions; ${last}`;
  return { item, reason: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.` };
}

// The session state machine: start, user events, timer ticks and the summary, each a pure
// function of (state, input, nowMs) so a watch and a phone replay a session identically.
import type { MutationBody, SetLogArgs } from "../schemas/mutations.ts";
import {
  isoAt,
  type SessionMeta,
  sessionFinishMutation,
  sessionStartMutation,
  setId,
  setLogMutation,
} from "./engineMutations.ts";
import { checkItems, checkSessionId, MAX_REPS } from "./engineShape.ts";
import {
  type Cue,
  ENGINE_EVENT_TYPES,
  ENGINE_STATE_VERSION,
  type EngineEvent,
  type EngineEventType,
  type EngineItem,
  type EngineState,
  type SessionSummary,
  type Step,
} from "./engineState.ts";
import {
  dueCountdown,
  extendTimer,
  isUsableClock,
  resumeTimer,
  startTimer,
  timerElapsedMs,
  timerEndMs,
} from "./engineTimers.ts";

/** Mutations and cues collected while one call runs; local to the call, so functions stay pure. */
interface Output {
  mutations: MutationBody[];
  cues: Cue[];
}

export interface StartOptions extends SessionMeta {
  /** At most 35 characters of A-Z a-z 0-9 _ - (set ids append "-n" and must fit in 40). */
  sessionId: string;
  items: EngineItem[];
  nowMs: number;
}

const REST_EXTENSION_MS = 15_000;

function currentItem(s: EngineState): EngineItem {
  // itemIndex is kept in range by every transition and checked on restore.
  return s.items[s.itemIndex] as EngineItem;
}

function idle(state: EngineState): Step {
  return { state, mutations: [], cues: [] };
}

/** Makes set (itemIndex, setIndex) current from its first side: holds wait in intro, reps run. */
function enterSet(s: EngineState, atMs: number): EngineState {
  const item = currentItem(s);
  const base = { ...s, side: item.per_side ? ("left" as const) : null, count: 0, timer: null };
  return item.mode === "hold"
    ? { ...base, phase: "intro", setStartedAtMs: null }
    : { ...base, phase: "reps", setStartedAtMs: atMs };
}

function startHold(s: EngineState, atMs: number): EngineState {
  const target = currentItem(s).target_hold_s;
  return {
    ...s,
    phase: "hold",
    setStartedAtMs: atMs,
    timer: startTimer(atMs, target === undefined ? null : target * 1000),
  };
}

/** Whole seconds held so far, never more than the target. */
function heldSeconds(s: EngineState, nowMs: number): number {
  if (s.timer === null) return 0;
  const held = Math.floor(timerElapsedMs(s.timer, nowMs, s.pausedAtMs) / 1000);
  const target = currentItem(s).target_hold_s;
  return target === undefined ? held : Math.min(held, target);
}

function logSet(
  s: EngineState,
  endedAtMs: number,
  result: { reps: number } | { hold_s: number },
  out: Output,
): EngineState {
  const item = currentItem(s);
  const ordinal = s.logged.sets + 1;
  const startedAtMs = s.setStartedAtMs ?? endedAtMs;
  const args: SetLogArgs = {
    id: setId(s.sessionId, ordinal),
    session_id: s.sessionId,
    exercise_id: item.exercise_id,
    set_index: s.setIndex,
    started_at: isoAt(startedAtMs),
    // A clock stepped backwards mid-set must not produce a set that ends before it starts.
    ended_at: isoAt(Math.max(endedAtMs, startedAtMs)),
    ...result,
  };
  if (s.side !== null) args.side = s.side;
  if (item.weight_kg !== undefined) args.weight_kg = item.weight_kg;
  if ("reps" in result && item.target_reps !== undefined) args.target_reps = item.target_reps;
  if ("hold_s" in result && item.target_hold_s !== undefined) {
    args.target_hold_s = item.target_hold_s;
  }
  out.mutations.push(setLogMutation(args));
  const reps = "reps" in result ? result.reps : 0;
  const hold = "hold_s" in result ? result.hold_s : 0;
  return {
    ...s,
    logged: { sets: ordinal, reps: s.logged.reps + reps, hold_s: s.logged.hold_s + hold },
  };
}

function finishAt(s: EngineState, atMs: number, out: Output): EngineState {
  const endedAtMs = Math.max(atMs, s.startedAtMs);
  out.mutations.push(sessionFinishMutation(s.sessionId, endedAtMs));
  return {
    ...s,
    phase: "summary",
    endedAtMs,
    side: null,
    count: 0,
    setStartedAtMs: null,
    timer: null,
    pausedAtMs: null,
  };
}

/** After a logged set (side): switch sides, rest, move on, or finish after the very last set. */
function afterSet(s: EngineState, endMs: number, out: Output): EngineState {
  const item = currentItem(s);
  if (item.per_side && s.side === "left") {
    out.cues.push({ kind: "switch_side" });
    return {
      ...s,
      phase: "switch_side",
      side: "right",
      count: 0,
      setStartedAtMs: null,
      timer: null,
    };
  }
  const lastSetOfItem = s.setIndex + 1 >= item.sets;
  if (lastSetOfItem && s.itemIndex + 1 >= s.items.length) return finishAt(s, endMs, out);
  const next: EngineState = lastSetOfItem
    ? { ...s, itemIndex: s.itemIndex + 1, setIndex: 0 }
    : { ...s, setIndex: s.setIndex + 1 };
  if (item.rest_s === 0) return enterSet(next, endMs);
  // During a rest the pointer already names the coming set, so the screen can show what is next.
  const comingSide = currentItem(next).per_side ? ("left" as const) : null;
  return {
    ...next,
    phase: "rest",
    side: comingSide,
    count: 0,
    setStartedAtMs: null,
    timer: startTimer(endMs, item.rest_s * 1000),
  };
}

/**
 * Completes every timer that ran out by `nowMs`, at the instant it ran out rather than at the
 * tick that noticed, so logged times do not depend on how often the shell ticks.
 */
function settleInto(state: EngineState, nowMs: number, out: Output): EngineState {
  let s = state;
  // At most a hold then the rest after it can end here: entering a set never starts a timer.
  while (s.pausedAtMs === null && s.timer !== null && (s.phase === "hold" || s.phase === "rest")) {
    const endMs = timerEndMs(s.timer);
    if (endMs === null || endMs > nowMs) break;
    if (s.phase === "hold") {
      const target = currentItem(s).target_hold_s ?? 0;
      s = logSet(s, endMs, { hold_s: target }, out);
      out.cues.push({ kind: "hold_end" });
      s = afterSet(s, endMs, out);
    } else {
      out.cues.push({ kind: "rest_end" });
      s = enterSet(s, endMs);
    }
  }
  return s;
}

/** The state as of `nowMs` with expired timers completed; what `view` renders from. */
export function settle(state: EngineState, nowMs: number): Step {
  if (state.phase === "summary" || !isUsableClock(nowMs)) return idle(state);
  const out: Output = { mutations: [], cues: [] };
  return { state: settleInto(state, nowMs, out), ...out };
}

export function startSession(opts: StartOptions): Step {
  const sessionId = checkSessionId(opts.sessionId);
  const items = checkItems(opts.items);
  if (!isUsableClock(opts.nowMs)) throw new Error("session engine: nowMs must be a time in ms");
  const blank: EngineState = {
    version: ENGINE_STATE_VERSION,
    sessionId,
    title: opts.name ?? null,
    startedAtMs: opts.nowMs,
    endedAtMs: null,
    items,
    phase: "reps",
    itemIndex: 0,
    setIndex: 0,
    side: null,
    count: 0,
    setStartedAtMs: null,
    timer: null,
    pausedAtMs: null,
    logged: { sets: 0, reps: 0, hold_s: 0 },
  };
  const meta: SessionMeta = {};
  if (opts.name !== undefined) meta.name = opts.name;
  if (opts.planId !== undefined) meta.planId = opts.planId;
  if (opts.planDay !== undefined) meta.planDay = opts.planDay;
  if (opts.source !== undefined) meta.source = opts.source;
  return {
    state: enterSet(blank, opts.nowMs),
    mutations: [sessionStartMutation(sessionId, opts.nowMs, meta)],
    cues: [],
  };
}

function skipExercise(s: EngineState, nowMs: number, out: Output): EngineState {
  if (s.itemIndex + 1 >= s.items.length) return finishAt(s, nowMs, out);
  return enterSet({ ...s, itemIndex: s.itemIndex + 1, setIndex: 0 }, nowMs);
}

/** `finish` keeps work in progress: counted reps or a hold under way are logged first. */
function finishNow(s: EngineState, nowMs: number, out: Output): EngineState {
  let done = s;
  if (s.phase === "reps" && s.count > 0) done = logSet(s, nowMs, { reps: s.count }, out);
  else if (s.phase === "hold") done = logSet(s, nowMs, { hold_s: heldSeconds(s, nowMs) }, out);
  return finishAt(done, nowMs, out);
}

/** Applies one event to a settled state; null when the event means nothing here. */
function applyEvent(
  s: EngineState,
  type: EngineEventType,
  nowMs: number,
  out: Output,
): EngineState | null {
  if (s.phase === "summary") return null;
  if (type === "finish") return finishNow(s, nowMs, out);
  if (s.pausedAtMs !== null) {
    if (type !== "resume") return null;
    const timer = s.timer === null ? null : resumeTimer(s.timer, s.pausedAtMs, nowMs);
    return { ...s, timer, pausedAtMs: null };
  }
  switch (type) {
    case "pause":
      return { ...s, pausedAtMs: nowMs };
    case "rep_tap":
      return s.phase === "reps" && s.count < MAX_REPS ? { ...s, count: s.count + 1 } : null;
    case "undo_tap":
      return s.phase === "reps" && s.count > 0 ? { ...s, count: s.count - 1 } : null;
    case "set_done": {
      if (s.phase !== "reps") return null;
      const logged = logSet(s, nowMs, { reps: s.count }, out);
      out.cues.push({ kind: "set_done" });
      return afterSet(logged, nowMs, out);
    }
    case "hold_start":
      return s.phase === "intro" ? startHold(s, nowMs) : null;
    case "hold_complete": {
      if (s.phase !== "hold") return null;
      const logged = logSet(s, nowMs, { hold_s: heldSeconds(s, nowMs) }, out);
      out.cues.push({ kind: "set_done" });
      return afterSet(logged, nowMs, out);
    }
    case "switch_side":
      // Confirming the switch means "in position": a hold starts timing at once.
      if (s.phase !== "switch_side") return null;
      return currentItem(s).mode === "hold"
        ? startHold(s, nowMs)
        : { ...s, phase: "reps", count: 0, setStartedAtMs: nowMs };
    case "rest_skip":
      return s.phase === "rest" ? enterSet(s, nowMs) : null;
    case "rest_add_15":
      return s.phase === "rest" && s.timer !== null
        ? { ...s, timer: extendTimer(s.timer, REST_EXTENSION_MS) }
        : null;
    case "skip_exercise":
      return skipExercise(s, nowMs, out);
    case "resume":
      return null;
  }
}

function isEngineEvent(event: unknown): event is EngineEvent {
  if (typeof event !== "object" || event === null) return false;
  const type = (event as { type?: unknown }).type;
  return ENGINE_EVENT_TYPES.includes(type as EngineEventType);
}

/**
 * Applies a user event at `nowMs`. Timers that ran out are completed first (as a tick would),
 * so the event acts on the true current phase; an event that makes no sense there is ignored
 * (no throw, no output of its own).
 */
export function dispatch(state: EngineState, event: EngineEvent, nowMs: number): Step {
  if (state.phase === "summary" || !isUsableClock(nowMs) || !isEngineEvent(event)) {
    return idle(state);
  }
  const out: Output = { mutations: [], cues: [] };
  const settled = settleInto(state, nowMs, out);
  const next = applyEvent(settled, event.type, nowMs, out);
  return { state: next ?? settled, ...out };
}

/**
 * Advances timers to `nowMs`: completes an ended hold or rest and announces the countdown
 * second still ahead. Call it as often as convenient; the outcome does not depend on cadence.
 */
export function tick(state: EngineState, nowMs: number): Step {
  if (state.phase === "summary" || !isUsableClock(nowMs)) return idle(state);
  const out: Output = { mutations: [], cues: [] };
  let s = settleInto(state, nowMs, out);
  if (s.pausedAtMs === null && s.timer !== null && (s.phase === "hold" || s.phase === "rest")) {
    const n = dueCountdown(s.timer, nowMs);
    if (n !== null) {
      out.cues.push({ kind: "countdown", n });
      s = { ...s, timer: { ...s.timer, cueFloor: n } };
    }
  }
  return { state: s, ...out };
}

/** Totals so far; before the session ends, the duration runs to `nowMs` when given. */
export function summary(state: EngineState, nowMs?: number): SessionSummary {
  const end = state.endedAtMs ?? (isUsableClock(nowMs) ? nowMs : state.startedAtMs);
  return {
    duration_s: Math.max(0, Math.floor((end - state.startedAtMs) / 1000)),
    sets: state.logged.sets,
    total_reps: state.logged.reps,
    total_hold_s: state.logged.hold_s,
  };
}

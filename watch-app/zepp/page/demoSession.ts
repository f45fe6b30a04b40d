// A stand-in for the core's session driver until watch-app/core lands: runs one fixed routine
// through the shared session engine, plays its cues and keeps the state across app restarts.
import {
  dispatch,
  type EngineEventType,
  type EngineItem,
  type EngineState,
  restore,
  type ScreenView,
  type Step,
  serialise,
  startSession,
  tick,
  view,
} from "@runstrong/shared/engine";
import type { Haptics, KeyValueStore } from "../../core/ports.ts";

const STATE_KEY = "runstrong.demoSession";

const DEMO_ITEMS: EngineItem[] = [
  {
    exercise_id: "one-leg-squat",
    name: "One-leg squat",
    mode: "reps",
    per_side: true,
    sets: 2,
    target_reps: 8,
    rest_s: 45,
  },
  {
    exercise_id: "side-plank",
    name: "Side plank",
    mode: "hold",
    per_side: true,
    sets: 2,
    target_hold_s: 30,
    rest_s: 30,
  },
];

export interface DemoSession {
  send(event: EngineEventType, nowMs: number): ScreenView;
  tick(nowMs: number): ScreenView;
  view(nowMs: number): ScreenView;
  /** Forgets the session (after the summary). */
  clear(): void;
}

export function openDemoSession(
  store: KeyValueStore,
  haptics: Haptics,
  nowMs: number,
): DemoSession {
  let state =
    load(store) ?? startSession({ sessionId: `demo${nowMs}`, items: DEMO_ITEMS, nowMs }).state;
  store.setItem(STATE_KEY, serialise(state));

  function apply(step: Step, nowMs: number): ScreenView {
    // The engine's cue kinds are haptic kinds of the core's port.
    for (const cue of step.cues) haptics.buzz(cue.kind);
    if (step.state !== state) {
      state = step.state;
      store.setItem(STATE_KEY, serialise(state));
    }
    return view(state, nowMs);
  }

  return {
    send(event, now) {
      if (event === "rep_tap") haptics.buzz("rep_tap");
      return apply(dispatch(state, { type: event }, now), now);
    },
    tick: (now) => apply(tick(state, now), now),
    view: (now) => view(state, now),
    clear: () => store.removeItem(STATE_KEY),
  };
}

function load(store: KeyValueStore): EngineState | null {
  const saved = store.getItem(STATE_KEY);
  if (saved === null || saved === undefined) return null;
  try {
    const state = restore(saved);
    return state.phase === "summary" ? null : state;
  } catch {
    // A state from an older engine version: start afresh rather than crash the page.
    store.removeItem(STATE_KEY);
    return null;
  }
}

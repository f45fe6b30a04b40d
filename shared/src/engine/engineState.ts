// The data shapes that flow through the session engine: its plain-JSON state, the events it
// accepts and the steps (state + mutations + cues) it returns.
import type { MutationBody } from "../schemas/mutations.ts";
import type { PlanItem } from "../schemas/plan.ts";

/** A planned exercise as the engine runs it: the plan item plus the name shown on screen. */
export type EngineItem = PlanItem & { name: string };

export type EngineSide = "left" | "right";

/**
 * Where the session stands. `intro` waits for `hold_start` (hold sets only: a reps set is live
 * as soon as it becomes current); pause is a flag on top of a phase, not a phase of its own.
 */
export type EnginePhase = "intro" | "reps" | "hold" | "switch_side" | "rest" | "summary";

/** A hold or rest countdown, kept as timestamps so late or skipped ticks never drift. */
export interface EngineTimer {
  startMs: number;
  /** null: an open-ended hold (no target_hold_s) that counts up until `hold_complete`. */
  durationMs: number | null;
  /** Paused time already excluded from this timer. */
  pausedMs: number;
  /** Lowest countdown number already announced (4 = none yet), so each cue fires once. */
  cueFloor: number;
}

export interface EngineState {
  version: typeof ENGINE_STATE_VERSION;
  sessionId: string;
  /** The session name, shown on the summary screen. */
  title: string | null;
  startedAtMs: number;
  endedAtMs: number | null;
  items: EngineItem[];
  phase: EnginePhase;
  /** The current set, or during a rest the set that comes next. */
  itemIndex: number;
  setIndex: number;
  side: EngineSide | null;
  /** Reps counted in the current set. */
  count: number;
  /** When the current set (side) began; null until a hold starts. */
  setStartedAtMs: number | null;
  timer: EngineTimer | null;
  /** Set while paused: the moment the pause began. */
  pausedAtMs: number | null;
  logged: { sets: number; reps: number; hold_s: number };
}

export const ENGINE_STATE_VERSION = 1;

export const ENGINE_EVENT_TYPES = [
  "rep_tap",
  "undo_tap",
  "set_done",
  "hold_start",
  "hold_complete",
  "switch_side",
  "rest_skip",
  "rest_add_15",
  "skip_exercise",
  "pause",
  "resume",
  "finish",
] as const;

export type EngineEventType = (typeof ENGINE_EVENT_TYPES)[number];

/** An input from the user; an object so events can gain fields later without breaking shells. */
export interface EngineEvent {
  type: EngineEventType;
}

/** What a watch turns into a vibration or a sound. */
export type Cue =
  | { kind: "countdown"; n: 3 | 2 | 1 }
  | { kind: "hold_end" }
  | { kind: "rest_end" }
  | { kind: "set_done" }
  | { kind: "switch_side" };

/** The result of every engine call: the new state, mutations to queue for sync, cues to play. */
export interface Step {
  state: EngineState;
  mutations: MutationBody[];
  cues: Cue[];
}

export interface SessionSummary {
  duration_s: number;
  sets: number;
  total_reps: number;
  total_hold_s: number;
}

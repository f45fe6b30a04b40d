// Hand-written runtime checks of engine input and of restored state: the engine ships in a watch
// bundle that must not carry zod, yet must refuse garbage with a clear message.
import { MAX_SESSION_ID_LENGTH, MAX_SET_LOGS } from "./engineMutations.ts";
import {
  ENGINE_STATE_VERSION,
  type EngineItem,
  type EnginePhase,
  type EngineState,
  type EngineTimer,
} from "./engineState.ts";
import { isUsableClock } from "./engineTimers.ts";

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const MODES = ["reps", "hold", "amrap"] as const;
const PHASES: readonly EnginePhase[] = ["intro", "reps", "hold", "switch_side", "rest", "summary"];
/** The protocol's ceiling for reps in one set. */
export const MAX_REPS = 10_000;

function fail(path: string, problem: string): never {
  throw new Error(`session engine: ${path} ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function int(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function clock(value: unknown, path: string): number {
  if (!isUsableClock(value)) fail(path, `must be a time in ms, got ${JSON.stringify(value)}`);
  return value;
}

function nonNegative(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    fail(path, `must be a number >= 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function clockOrNull(value: unknown, path: string): number | null {
  return value === null ? null : clock(value, path);
}

function text(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0) fail(path, "must be a non-empty string");
  return value;
}

export function checkSessionId(value: unknown, path = "sessionId"): string {
  const id = text(value, path);
  if (id.length > MAX_SESSION_ID_LENGTH || !ID_PATTERN.test(id)) {
    fail(path, `must be 1-${MAX_SESSION_ID_LENGTH} characters of A-Z a-z 0-9 _ -`);
  }
  return id;
}

/** A clean copy of one item: known keys only, absent optionals omitted (JSON-stable). */
function checkItem(value: unknown, path: string): EngineItem {
  if (!isRecord(value)) fail(path, "must be an object");
  const mode = value.mode;
  if (!MODES.includes(mode as (typeof MODES)[number])) {
    fail(`${path}.mode`, `must be one of ${MODES.join(", ")}`);
  }
  if (typeof value.per_side !== "boolean") fail(`${path}.per_side`, "must be a boolean");
  const item: EngineItem = {
    exercise_id: text(value.exercise_id, `${path}.exercise_id`),
    name: text(value.name, `${path}.name`),
    mode: mode as EngineItem["mode"],
    per_side: value.per_side,
    sets: int(value.sets, `${path}.sets`, 1, 1000),
    rest_s: int(value.rest_s, `${path}.rest_s`, 0),
  };
  if (value.target_reps !== undefined) {
    item.target_reps = int(value.target_reps, `${path}.target_reps`, 1, MAX_REPS);
  }
  if (value.target_hold_s !== undefined) {
    item.target_hold_s = int(value.target_hold_s, `${path}.target_hold_s`, 1, 86_400);
  }
  if (value.weight_kg !== undefined) {
    item.weight_kg = nonNegative(value.weight_kg, `${path}.weight_kg`);
  }
  return item;
}

export function checkItems(value: unknown, path = "items"): EngineItem[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, "must be a non-empty array");
  const items = value.map((v, i) => checkItem(v, `${path}[${i}]`));
  const slots = items.reduce((n, it) => n + it.sets * (it.per_side ? 2 : 1), 0);
  if (slots > MAX_SET_LOGS) fail(path, `hold ${slots} sets, more than ${MAX_SET_LOGS}`);
  return items;
}

function checkTimer(value: unknown, path: string): EngineTimer | null {
  if (value === null) return null;
  if (!isRecord(value)) fail(path, "must be an object or null");
  return {
    startMs: clock(value.startMs, `${path}.startMs`),
    durationMs:
      value.durationMs === null ? null : nonNegative(value.durationMs, `${path}.durationMs`),
    pausedMs: nonNegative(value.pausedMs, `${path}.pausedMs`),
    cueFloor: int(value.cueFloor, `${path}.cueFloor`, 1, 4),
  };
}

/** Checks a parsed value is a state this engine version can run, and returns a clean copy. */
export function checkState(value: unknown): EngineState {
  if (!isRecord(value)) fail("state", "must be an object");
  if (value.version !== ENGINE_STATE_VERSION) {
    fail("state.version", `must be ${ENGINE_STATE_VERSION}, got ${JSON.stringify(value.version)}`);
  }
  const items = checkItems(value.items, "state.items");
  const phase = value.phase as EnginePhase;
  if (!PHASES.includes(phase)) fail("state.phase", `must be one of ${PHASES.join(", ")}`);
  const itemIndex = int(value.itemIndex, "state.itemIndex", 0, items.length - 1);
  const item = items[itemIndex] as EngineItem;
  const side = value.side;
  if (side !== null && side !== "left" && side !== "right") {
    fail("state.side", "must be left, right or null");
  }
  if (!isRecord(value.logged)) fail("state.logged", "must be an object");
  if (value.title !== null && typeof value.title !== "string") {
    fail("state.title", "must be a string or null");
  }
  const state: EngineState = {
    version: ENGINE_STATE_VERSION,
    sessionId: checkSessionId(value.sessionId, "state.sessionId"),
    title: value.title,
    startedAtMs: clock(value.startedAtMs, "state.startedAtMs"),
    endedAtMs: clockOrNull(value.endedAtMs, "state.endedAtMs"),
    items,
    phase,
    itemIndex,
    setIndex: int(value.setIndex, "state.setIndex", 0, item.sets - 1),
    side,
    count: int(value.count, "state.count", 0, MAX_REPS),
    setStartedAtMs: clockOrNull(value.setStartedAtMs, "state.setStartedAtMs"),
    timer: checkTimer(value.timer, "state.timer"),
    pausedAtMs: clockOrNull(value.pausedAtMs, "state.pausedAtMs"),
    logged: {
      sets: int(value.logged.sets, "state.logged.sets", 0, MAX_SET_LOGS),
      reps: int(value.logged.reps, "state.logged.reps", 0),
      hold_s: int(value.logged.hold_s, "state.logged.hold_s", 0),
    },
  };
  // Cross-field invariants the state machine relies on.
  if ((phase === "hold" || phase === "rest") && state.timer === null) {
    fail("state.timer", `is required in phase ${phase}`);
  }
  if ((phase === "hold" || phase === "reps") && state.setStartedAtMs === null) {
    fail("state.setStartedAtMs", `is required in phase ${phase}`);
  }
  if ((phase === "summary") !== (state.endedAtMs !== null)) {
    fail("state.endedAtMs", "must be set exactly when the session is over");
  }
  return state;
}

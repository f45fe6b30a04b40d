// Public API of the session engine: a pure, zod-free state machine that runs one strength
// session on a watch or phone (safe for the watch bundle: runtime imports stay in this folder).

export { formatClock, formatDuration } from "./durationText.ts";
export type {
  Cue,
  EngineEvent,
  EngineEventType,
  EngineItem,
  EnginePhase,
  EngineSide,
  EngineState,
  EngineTimer,
  SessionSummary,
  Step,
} from "./engineState.ts";
export { ENGINE_EVENT_TYPES, ENGINE_STATE_VERSION } from "./engineState.ts";
export { restore, serialise } from "./engineStorage.ts";
export { type ScreenName, type ScreenView, view } from "./screenView.ts";
export { dispatch, type StartOptions, startSession, summary, tick } from "./sessionEngine.ts";
export { type CountedItem, loggedSetCount } from "./setCount.ts";

// Public API of the session driver: the engine run on a device, with its session record, its
// journal to the outbox, heart rate and the display. The watch and the phone's browser runner
// both drive their sessions through it (zod-free, platform-free: ports come from the shell).

export { type HeartRateTotals, HeartRateTracker, MIN_HR_REST_MS } from "./heartRateTracker.ts";
export type {
  Clock,
  HapticKind,
  Haptics,
  HeartRateSensor,
  HeartRateUnavailable,
  LocalStore,
  RandomSource,
  RestAlarm,
  ScreenKeeper,
  ScreenMode,
  SessionQueue,
} from "./ports.ts";
export {
  HEART_RATE_REST_NOTE,
  HOLD_RENEW_MS,
  MAY_SLEEP_REST_MS,
  NO_BACKGROUND_BUZZ_NOTE,
  type RestEndRecord,
  restEndKey,
} from "./sessionDisplay.ts";
export {
  DEFAULT_SESSION_KEY,
  SessionDriver,
  type SessionDriverDeps,
  type SessionHeartRate,
  type SessionPlan,
  type StartResult,
} from "./sessionDriver.ts";
export { newUlid } from "./sessionIds.ts";

// What the session driver needs from the device it runs on (a watch, a phone browser): storage
// for the session record, buzzes, the display, the rest-end alarm and the heart-rate sensor.
// Clock and randomness are the sync client's ports.
import type { MutationBody } from "../client/protocol.ts";

export type { Clock, RandomSource } from "../client/ports.ts";

/** Synchronous string storage, shaped like `localStorage` (Zepp OS, Fitbit files, browsers). */
export interface LocalStore {
  /** null (or undefined, as some platforms answer) when the key is absent. */
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a buzz means; the shell picks the vibration pattern (and sound) for each. */
export type HapticKind =
  | "rep_tap"
  | "countdown"
  | "hold_end"
  | "rest_end"
  | "set_done"
  | "switch_side";

export interface Haptics {
  buzz(kind: HapticKind): void;
}

/**
 * What the display does now: `held` lit (sets, holds, intro, side switch: the wrist drops between
 * reps), `may_sleep` in a long rest whose end buzzes anyway (the system timeout and gestures
 * apply), `system` outside a running session (paused, summary, none): the system's own rules.
 */
export type ScreenMode = "held" | "may_sleep" | "system";

/** The display during a session (Zepp: `@zos/display`; Fitbit: `display`; browsers: a wake lock). */
export interface ScreenKeeper {
  /**
   * `sessionOpen`: a session is open (running, paused or on its summary), so the app should come
   * back to it when the watch wakes or keep running with the screen off. Called on every change
   * and again about every 20 s while `held` (a bright time once set may be lost or capped).
   */
  keep(mode: ScreenMode, sessionOpen: boolean): void;
}

/**
 * The buzz at the end of a rest while the screen sleeps and the app may be gone (Zepp: an
 * `@zos/alarm` that runs a short App Service). One alarm at a time: `schedule` replaces it.
 * The service buzzes only while the session's rest-end record (`restEndKey`) is unbuzzed, and
 * marks it buzzed.
 */
export interface RestAlarm {
  /** Asks for the buzz at `atMs` (the Clock port's time); false when the device refused. */
  schedule(atMs: number, sessionId: string): boolean;
  cancel(): void;
}

/** Why a device shows no heart rate: no sensor, or the runner has not allowed the app to read it. */
export type HeartRateUnavailable = "absent" | "denied";

/**
 * The optical heart-rate sensor (Zepp `@zos/sensor` HeartRate, Fitbit `HeartRateSensor`).
 * `start` begins continuous readings in bpm, or says why it cannot; `stop` ends them.
 */
export interface HeartRateSensor {
  start(onReading: (bpm: number) => void): "on" | HeartRateUnavailable;
  stop(): void;
}

/**
 * Where a step's mutations go: the device's outbox (the watch's hand-off queue, the browser's
 * sync client). `enqueue` stores them with `mark` in one write, so after a crash `mark` says
 * whether the append happened. Either may answer at once or later.
 */
export interface SessionQueue {
  mark(): string | null | Promise<string | null>;
  enqueue(mutations: readonly MutationBody[], mark: string): unknown;
}

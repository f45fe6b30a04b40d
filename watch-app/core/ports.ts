// The small interfaces each platform shell implements (Zepp OS, Fitbit, browser simulator):
// the core reaches storage, haptics, the screen, the clock, the phone and the network only here.

/** Synchronous string storage, shaped like Zepp OS `localStorage` (and the browser's). */
export interface KeyValueStore {
  /** null (or undefined, as some platforms answer) when the key is absent. */
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a buzz means; the shell picks the vibration pattern for each. */
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

/** The display during a session (Zepp: `@zos/display`; Fitbit: `display` and `appbit`). */
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
  /** Asks for the buzz at `atMs` (the Clock port's time); false when the watch refused. */
  schedule(atMs: number, sessionId: string): boolean;
  cancel(): void;
}

export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch (may be wrong by days: only differences matter). */
  now(): number;
  /** Minutes to add to UTC for local time (`-new Date().getTimezoneOffset()`), for "today". */
  utcOffsetMinutes(): number;
}

/**
 * Watch → phone transport (ZML `request`, Fitbit `peerSocket`). One request, one reply string.
 * Rejects when the phone is away, the side service is not running, or the reply times out.
 */
export interface PhoneLink {
  request(message: string): Promise<string>;
  /**
   * Optional: calls `listener` when the platform sees the phone connect again (Fitbit's
   * peerSocket `open`), so waiting sets go at once. Without it, the next answered exchange says so.
   */
  onReachable?(listener: () => void): void;
}

// ---- phone side ----

export interface HttpRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** The shell wraps `fetch`; rejects only when no HTTP answer came (offline, DNS, TLS, timeout). */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** The phone side's persistent settings (Zepp `settings.settingsStorage`, Fitbit `settingsStorage`). */
export interface SettingsStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** setTimeout, injected so the core never owns a timer and tests control time. */
export interface Scheduler {
  /** Runs `task` once after `delayMs`; the returned function cancels it. */
  schedule(delayMs: number, task: () => void): () => void;
}

/** Uniform in [0, 1): session ids and backoff jitter. `Math.random` unless a test pins it. */
export type RandomSource = () => number;

/** Why a watch shows no heart rate: no sensor, or the runner has not allowed the app to read it. */
export type HeartRateUnavailable = "absent" | "denied";

/**
 * The optical heart-rate sensor (Zepp `@zos/sensor` HeartRate, Fitbit `HeartRateSensor`).
 * `start` begins continuous readings in bpm, or says why it cannot; `stop` ends them.
 */
export interface HeartRateSensor {
  start(onReading: (bpm: number) => void): "on" | HeartRateUnavailable;
  stop(): void;
}

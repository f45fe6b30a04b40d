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

/** Keeps the display awake during a session (Zepp: `setPageBrightTime` / `pauseDropWristScreenOff`). */
export interface ScreenKeeper {
  keepOn(on: boolean): void;
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

// The small interfaces each platform shell implements (Zepp OS, Fitbit, browser simulator):
// the core reaches storage, haptics, the screen, the clock, the phone and the network only here.

// The device's own ports (storage, haptics, screen, rest alarm, heart rate) are the session
// driver's: one set of interfaces for the watch and the phone's browser runner.
export type {
  HapticKind,
  Haptics,
  HeartRateSensor,
  HeartRateUnavailable,
  LocalStore,
  RandomSource,
  RestAlarm,
  ScreenKeeper,
  ScreenMode,
} from "@runstrong/shared/sessionDriver";

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

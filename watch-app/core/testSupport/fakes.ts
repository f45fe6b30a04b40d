// Recording stand-ins for the watch's device ports and a settable clock.
import type {
  Clock,
  HapticKind,
  Haptics,
  HeartRateSensor,
  HeartRateUnavailable,
  RestAlarm,
  ScreenKeeper,
  ScreenMode,
} from "../ports.ts";

export const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);

export class FakeClock implements Clock {
  constructor(
    public ms = T0,
    public offsetMinutes = 60,
  ) {}

  now(): number {
    return this.ms;
  }

  utcOffsetMinutes(): number {
    return this.offsetMinutes;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

export class RecordingHaptics implements Haptics {
  readonly buzzes: HapticKind[] = [];

  buzz(kind: HapticKind): void {
    this.buzzes.push(kind);
  }
}

export class RecordingScreen implements ScreenKeeper {
  readonly calls: { mode: ScreenMode; sessionOpen: boolean }[] = [];

  keep(mode: ScreenMode, sessionOpen: boolean): void {
    this.calls.push({ mode, sessionOpen });
  }

  get mode(): ScreenMode {
    return this.calls[this.calls.length - 1]?.mode ?? "system";
  }

  /** The screen is held lit. */
  get on(): boolean {
    return this.mode === "held";
  }

  get sessionOpen(): boolean {
    return this.calls[this.calls.length - 1]?.sessionOpen ?? false;
  }
}

/** A RestAlarm that records what it was asked; `refuse` makes it answer as a watch without alarms. */
export class RecordingRestAlarm implements RestAlarm {
  /** The alarm set now, if any. */
  pending: { atMs: number; sessionId: string } | null = null;
  scheduled = 0;
  cancelled = 0;

  constructor(public refuse = false) {}

  schedule(atMs: number, sessionId: string): boolean {
    if (this.refuse) return false;
    this.pending = { atMs, sessionId };
    this.scheduled++;
    return true;
  }

  cancel(): void {
    this.pending = null;
    this.cancelled++;
  }
}

/** A deterministic random source (a linear congruential sequence). */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A heart-rate sensor driven by the test: `beat(bpm)` is one reading. */
export class ScriptedHeartRate implements HeartRateSensor {
  private listener: ((bpm: number) => void) | null = null;
  starts = 0;

  constructor(private readonly answer: "on" | HeartRateUnavailable = "on") {}

  start(onReading: (bpm: number) => void): "on" | HeartRateUnavailable {
    this.starts++;
    if (this.answer === "on") this.listener = onReading;
    return this.answer;
  }

  stop(): void {
    this.listener = null;
  }

  get running(): boolean {
    return this.listener !== null;
  }

  beat(bpm: number): void {
    this.listener?.(bpm);
  }
}

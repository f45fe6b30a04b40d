// Recording stand-ins for the session driver's device ports, for the driver's tests and the
// watch's: storage with failure switches, buzzes, the display, the rest alarm, a scripted heart
// rate, and a repeatable random source.
import type {
  HapticKind,
  Haptics,
  HeartRateSensor,
  HeartRateUnavailable,
  LocalStore,
  RestAlarm,
  ScreenKeeper,
  ScreenMode,
} from "../ports.ts";

export class MemoryLocalStore implements LocalStore {
  readonly data = new Map<string, string>();
  /** When set, the next writes throw (a full flash). */
  failWrites = false;
  /** When set, writes to this key alone throw. */
  failKey: string | null = null;
  writes = 0;
  /** Copies of the whole store after each write: the states a crash could leave behind. */
  snapshots: Map<string, string>[] | null = null;

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites || this.failKey === key) throw new Error("storage full");
    this.writes++;
    this.data.set(key, value);
    this.snapshots?.push(new Map(this.data));
  }

  removeItem(key: string): void {
    this.data.delete(key);
    this.snapshots?.push(new Map(this.data));
  }

  static from(data: Map<string, string>): MemoryLocalStore {
    const store = new MemoryLocalStore();
    for (const [k, v] of data) store.data.set(k, v);
    return store;
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

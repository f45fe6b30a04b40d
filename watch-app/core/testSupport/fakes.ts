// Recording stand-ins for the watch's device ports and a settable clock.
import type { Clock, HapticKind, Haptics, ScreenKeeper } from "../ports.ts";

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
  readonly calls: boolean[] = [];

  keepOn(on: boolean): void {
    this.calls.push(on);
  }

  get on(): boolean {
    return this.calls[this.calls.length - 1] ?? false;
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

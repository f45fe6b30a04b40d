// Tests of the timestamp-based timer arithmetic the hold and rest countdowns rely on.
import { describe, expect, it } from "vitest";
import {
  dueCountdown,
  extendTimer,
  isUsableClock,
  resumeTimer,
  startTimer,
  timerElapsedMs,
  timerEndMs,
  timerRemainingMs,
} from "./engineTimers.ts";

describe("engine timers", () => {
  const t = startTimer(1000, 10_000);

  it("derives elapsed and remaining time from timestamps, frozen while paused", () => {
    expect(timerElapsedMs(t, 4000, null)).toBe(3000);
    expect(timerRemainingMs(t, 4000, null)).toBe(7000);
    expect(timerElapsedMs(t, 60_000, 4000)).toBe(3000);
    expect(timerRemainingMs(t, 60_000, null)).toBe(0);
    expect(timerElapsedMs(t, 0, null)).toBe(0);
  });

  it("moves the end by the paused stretch on resume", () => {
    const resumed = resumeTimer(t, 4000, 9000);
    expect(timerEndMs(resumed)).toBe(16_000);
    expect(timerElapsedMs(resumed, 9000, null)).toBe(3000);
  });

  it("announces the current second only, at most once, and nothing after the end", () => {
    expect(dueCountdown(t, 7000)).toBeNull();
    expect(dueCountdown(t, 8000)).toBe(3);
    expect(dueCountdown({ ...t, cueFloor: 3 }, 8500)).toBeNull();
    expect(dueCountdown({ ...t, cueFloor: 3 }, 9500)).toBe(2);
    expect(dueCountdown(t, 10_999)).toBe(1);
    expect(dueCountdown(t, 11_000)).toBeNull();
  });

  it("re-arms the countdown when extended; open-ended timers do not end", () => {
    const extended = extendTimer({ ...t, cueFloor: 1 }, 15_000);
    expect(extended).toMatchObject({ durationMs: 25_000, cueFloor: 4 });
    const open = startTimer(0, null);
    expect(timerEndMs(open)).toBeNull();
    expect(dueCountdown(open, 1e9)).toBeNull();
    expect(extendTimer(open, 15_000)).toBe(open);
  });

  it("accepts only clocks a Date can format", () => {
    expect(isUsableClock(0)).toBe(true);
    expect(isUsableClock(Number.NaN)).toBe(false);
    expect(isUsableClock(9e15)).toBe(false);
    expect(isUsableClock("5")).toBe(false);
  });
});

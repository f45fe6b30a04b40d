// Timer arithmetic derived from timestamps only, so irregular, late or skipped ticks never drift
// and a paused stretch is excluded exactly.
import type { EngineTimer } from "./engineState.ts";

/** Countdown cues are announced at 3, 2 and 1 seconds left; 4 means none announced yet. */
export const NO_CUE_YET = 4;

/** `Date` cannot format instants beyond ±8.64e15 ms; anything else (NaN, Infinity) is no clock. */
export function isUsableClock(ms: unknown): ms is number {
  return typeof ms === "number" && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

export function startTimer(atMs: number, durationMs: number | null): EngineTimer {
  return { startMs: atMs, durationMs, pausedMs: 0, cueFloor: NO_CUE_YET };
}

/** Running time so far; while paused the clock stands still at the pause. */
export function timerElapsedMs(
  timer: EngineTimer,
  nowMs: number,
  pausedAtMs: number | null,
): number {
  const clock = pausedAtMs ?? nowMs;
  // A clock set backwards must not yield negative time.
  return Math.max(0, clock - timer.startMs - timer.pausedMs);
}

/** The wall-clock instant the timer runs out, or null for an open-ended hold. */
export function timerEndMs(timer: EngineTimer): number | null {
  return timer.durationMs === null ? null : timer.startMs + timer.pausedMs + timer.durationMs;
}

export function timerRemainingMs(
  timer: EngineTimer,
  nowMs: number,
  pausedAtMs: number | null,
): number | null {
  if (timer.durationMs === null) return null;
  return Math.max(0, timer.durationMs - timerElapsedMs(timer, nowMs, pausedAtMs));
}

/**
 * The countdown number to announce now, if any. Only the current second is announced: when a
 * late tick has skipped past "3", it announces "2" rather than a stale "3"; an ended timer
 * announces nothing (its end cue covers it).
 */
export function dueCountdown(timer: EngineTimer, nowMs: number): 1 | 2 | 3 | null {
  const end = timerEndMs(timer);
  if (end === null) return null;
  const remaining = end - nowMs;
  if (remaining <= 0) return null;
  const n = Math.ceil(remaining / 1000);
  if (n > 3 || n >= timer.cueFloor) return null;
  return n as 1 | 2 | 3;
}

export function resumeTimer(timer: EngineTimer, pausedAtMs: number, nowMs: number): EngineTimer {
  return { ...timer, pausedMs: timer.pausedMs + Math.max(0, nowMs - pausedAtMs) };
}

/** Lengthening re-arms the countdown: the 3-2-1 the user heard no longer leads to the end. */
export function extendTimer(timer: EngineTimer, addMs: number): EngineTimer {
  if (timer.durationMs === null) return timer;
  return { ...timer, durationMs: timer.durationMs + addMs, cueFloor: NO_CUE_YET };
}

// The view model a watch or phone screen renders: everything pre-formatted, computed from the
// state and the clock so the screen needs no engine knowledge.
import { formatClock } from "./durationText.ts";
import type { EngineItem, EngineSide, EngineState, SessionSummary } from "./engineState.ts";
import { isUsableClock, timerElapsedMs, timerRemainingMs } from "./engineTimers.ts";
import { settle, summary } from "./sessionEngine.ts";

export type ScreenName = "intro" | "reps" | "hold" | "rest" | "switch_side" | "paused" | "summary";

export interface ScreenView {
  screen: ScreenName;
  /** The exercise name (during a rest: the exercise that comes next). */
  title: string;
  /** The big number: the rep count, or time as "0:45". */
  big: string;
  /** "12 reps", "30 s", "max". */
  target: string;
  side?: EngineSide;
  /** "Set 2 of 3". */
  set_label: string;
  /** 0..1: share of the timer done, or reps / target. */
  ring: number;
  /** The name of the following exercise, if any. */
  next_up?: string;
  can_undo: boolean;
  summary?: SessionSummary;
}

function fraction(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(1, Math.max(0, part / whole));
}

function targetText(item: EngineItem): string {
  if (item.mode === "amrap") return "max";
  if (item.mode === "hold") {
    return item.target_hold_s === undefined ? "hold" : `${item.target_hold_s} s`;
  }
  if (item.target_reps === undefined) return "reps";
  return item.target_reps === 1 ? "1 rep" : `${item.target_reps} reps`;
}

/** Seconds left as shown: rounded up, so "0:01" shows until the timer really ends. */
function secondsLeft(remainingMs: number): number {
  return Math.ceil(remainingMs / 1000);
}

function summaryView(s: EngineState): ScreenView {
  const totals = summary(s);
  return {
    screen: "summary",
    title: s.title ?? "Session complete",
    big: formatClock(totals.duration_s),
    target: totals.sets === 1 ? "1 set" : `${totals.sets} sets`,
    set_label: "Done",
    ring: 1,
    can_undo: false,
    summary: totals,
  };
}

function activeView(s: EngineState, nowMs: number): ScreenView {
  const item = s.items[s.itemIndex] as EngineItem;
  const v: ScreenView = {
    screen: "reps",
    title: item.name,
    big: "",
    target: targetText(item),
    set_label: `Set ${s.setIndex + 1} of ${item.sets}`,
    ring: 0,
    can_undo: false,
  };
  if (s.side !== null) v.side = s.side;
  const nextName = s.items[s.itemIndex + 1]?.name;
  if (nextName !== undefined) v.next_up = nextName;
  const timer = s.timer;
  switch (s.phase) {
    case "reps":
      v.big = String(s.count);
      v.ring = item.target_reps === undefined ? 0 : fraction(s.count, item.target_reps);
      v.can_undo = s.count > 0;
      break;
    case "intro":
      v.screen = "intro";
      v.big = formatClock(item.target_hold_s ?? 0);
      break;
    case "switch_side":
      v.screen = "switch_side";
      v.big = "Switch";
      break;
    case "hold":
    case "rest": {
      v.screen = s.phase;
      if (timer === null) break;
      const elapsed = timerElapsedMs(timer, nowMs, s.pausedAtMs);
      const remaining = timerRemainingMs(timer, nowMs, s.pausedAtMs);
      // An open-ended hold counts up instead of down.
      v.big = formatClock(remaining === null ? elapsed / 1000 : secondsLeft(remaining));
      v.ring = timer.durationMs === null ? 0 : fraction(elapsed, timer.durationMs);
      break;
    }
    case "summary":
      break;
  }
  return v;
}

/**
 * The screen at `nowMs`. Timers that ran out are settled first, so the screen is right even
 * when no tick came in between. While paused, the screen under the pause is shown frozen.
 */
export function view(state: EngineState, nowMs: number): ScreenView {
  const s = settle(state, nowMs).state;
  if (s.phase === "summary") return summaryView(s);
  // Without a usable clock, freeze timers at their start rather than render NaN.
  const clock = isUsableClock(nowMs) ? nowMs : (s.pausedAtMs ?? s.timer?.startMs ?? s.startedAtMs);
  const v = activeView(s, clock);
  return s.pausedAtMs === null ? v : { ...v, screen: "paused", can_undo: false };
}

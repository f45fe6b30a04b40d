// Where the strength days go in the running week: every choice of weekdays is scored, broken
// rules first, then the seeds' preferences (easy, cross-training or run-free days; spread out).
import type { RunningDayKind } from "../schemas/plan.ts";
import { nextWeekday } from "./calendarDates.ts";
import { KEY_RUNS, placementViolations } from "./planRules.ts";

/** All k-element subsets of 1..7 in lexicographic order (at most 35). */
function weekdaySubsets(k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let d = start; d <= 7; d++) pick(d + 1, [...chosen, d]);
  };
  pick(1, []);
  return out;
}

// Soft costs, far below one broken rule (1000), in the order the seeds give preferences.
const DAY_COST: Record<RunningDayKind, number> = {
  easy: 0,
  cross: 0,
  rest: 4,
  tempo: 40,
  intervals: 40,
  long: 60,
  race: 200,
};

function cyclicGaps(days: readonly number[]): number[] {
  return days.map((d, i) => {
    const next = days[(i + 1) % days.length] ?? d;
    return (next - d + 7) % 7 || 7;
  });
}

function cost(days: readonly number[], kinds: ReadonlyMap<number, RunningDayKind>): number {
  const broken = placementViolations(days, kinds).length;
  const dayCost = days.reduce((s, d) => s + DAY_COST[kinds.get(d) ?? "rest"], 0);
  // Spread sessions out: penalise the smallest gap between strength days.
  const minGap = days.length > 1 ? Math.min(...cyclicGaps(days)) : 7;
  return broken * 1000 + dayCost + (7 - minGap) * 3;
}

/** The best weekdays for `count` strength sessions; ties go to the earliest days. */
export function placeStrengthDays(
  count: number,
  kinds: ReadonlyMap<number, RunningDayKind>,
): number[] {
  let best: number[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  for (const days of weekdaySubsets(Math.max(0, Math.min(7, count)))) {
    const c = cost(days, kinds);
    if (c < bestCost) {
      best = days;
      bestCost = c;
    }
  }
  return best;
}

/** Days from `weekday` until the next key run (1–7), 8 when the week has none. */
export function daysToNextKeyRun(
  weekday: number,
  kinds: ReadonlyMap<number, RunningDayKind>,
): number {
  let d = weekday;
  for (let n = 1; n <= 7; n++) {
    d = nextWeekday(d);
    if (KEY_RUNS.has(kinds.get(d) ?? "rest")) return n;
  }
  return 8;
}

// Which plan level ("new", "some", "experienced") a runner's latest assessment results point to,
// why in plain words, and left/right imbalances worth working on.
import type { AssessmentTestId } from "../schemas/assessment.ts";
import type { PlanLevel } from "../schemas/plan.ts";

/** The latest value of each test the runner has logged (seconds, reps or metres). */
export type AssessmentResults = Partial<Record<AssessmentTestId, number>>;

/** What the level rules read: a single test, or a left/right pair judged by its weaker side. */
export type LevelMeasure =
  | "plank_hold"
  | "push_up_max"
  | "single_leg_squat"
  | "single_leg_calf_raise";

/**
 * The marks to reach on every listed measure for a level, highest level first; below the last
 * row a runner is "new". These are runstrong's own defaults (round numbers that separate a
 * beginner from a regular), not taken from a published source.
 */
export const LEVEL_THRESHOLDS: readonly {
  level: Exclude<PlanLevel, "new">;
  marks: Partial<Record<LevelMeasure, number>>;
}[] = [
  {
    level: "experienced",
    marks: { plank_hold: 60, push_up_max: 20, single_leg_squat: 10, single_leg_calf_raise: 20 },
  },
  { level: "some", marks: { plank_hold: 30, push_up_max: 10, single_leg_squat: 5 } },
];

/** Sides differing by more than this share of the stronger one are flagged. */
export const IMBALANCE_SHARE = 0.2;

type Pair = "side_plank_hold" | "single_leg_squat" | "single_leg_calf_raise";

const PAIRS: Record<Pair, { name: string; part: string; unit: "s" | "reps" }> = {
  side_plank_hold: { name: "Side plank", part: "side", unit: "s" },
  single_leg_squat: { name: "One-leg squats", part: "leg", unit: "reps" },
  single_leg_calf_raise: { name: "One-leg calf raises", part: "leg", unit: "reps" },
};

export type Imbalance = {
  test: Pair;
  left: number;
  right: number;
  weaker: "left" | "right";
  /** How much less the weaker side did, as a whole percentage of the stronger side. */
  percent: number;
  message: string;
};

export type LevelSuggestion = {
  /** null when the results cannot tell yet (a test the lowest marks need is missing). */
  level: PlanLevel | null;
  /** Plain sentences: what the results reached, and what the next level needs. */
  reasons: string[];
  imbalances: Imbalance[];
};

const LEVEL_ORDER: readonly PlanLevel[] = ["new", "some", "experienced"];

/** 0 for "new", 1 for "some", 2 for "experienced": for comparing levels. */
export function levelRank(level: PlanLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

const finite = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) ? n : undefined;

type Reading = { value: number; even: boolean } | undefined;

/** A measure's value: a pair counts by its weaker side (and says whether both were equal). */
function read(results: AssessmentResults, measure: LevelMeasure): Reading {
  if (measure === "plank_hold" || measure === "push_up_max") {
    const value = finite(results[measure]);
    return value === undefined ? undefined : { value, even: true };
  }
  const left = finite(results[`${measure}_left`]);
  const right = finite(results[`${measure}_right`]);
  if (left === undefined || right === undefined) return undefined;
  return { value: Math.min(left, right), even: left === right };
}

const n = (v: number) => String(Math.round(v * 10) / 10);
const perLeg = (r: NonNullable<Reading>) => (r.even ? "on each leg" : "on your weaker leg");

/** "your plank reached 75 s": what a result achieved. */
function achieved(measure: LevelMeasure, r: NonNullable<Reading>): string {
  switch (measure) {
    case "plank_hold":
      return `your plank reached ${n(r.value)} s`;
    case "push_up_max":
      return `you did ${n(r.value)} push-ups`;
    case "single_leg_squat":
      return `${n(r.value)} one-leg squats ${perLeg(r)}`;
    case "single_leg_calf_raise":
      return `${n(r.value)} one-leg calf raises ${perLeg(r)}`;
  }
}

/** "a 60 s plank (yours: 45 s)": what a level asks for, beside where the runner stands. */
function needed(measure: LevelMeasure, mark: number, r: Reading): string {
  const yours = (text: string) => (r === undefined ? " (not tested yet)" : ` (${text})`);
  switch (measure) {
    case "plank_hold":
      return `a ${mark} s plank${yours(`yours: ${n(r?.value ?? 0)} s`)}`;
    case "push_up_max":
      return `${mark} push-ups${yours(`yours: ${n(r?.value ?? 0)}`)}`;
    case "single_leg_squat":
      return `${mark} one-leg squats on each leg${yours(`your weaker leg: ${n(r?.value ?? 0)}`)}`;
    case "single_leg_calf_raise":
      return `${mark} one-leg calf raises on each leg${yours(`your weaker leg: ${n(r?.value ?? 0)}`)}`;
  }
}

/** "a, b and c" */
function list(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function imbalances(results: AssessmentResults): Imbalance[] {
  const out: Imbalance[] = [];
  for (const [test, pair] of Object.entries(PAIRS) as [Pair, (typeof PAIRS)[Pair]][]) {
    const left = finite(results[`${test}_left`]);
    const right = finite(results[`${test}_right`]);
    if (left === undefined || right === undefined) continue;
    const hi = Math.max(left, right);
    if (hi <= 0 || (hi - Math.min(left, right)) / hi <= IMBALANCE_SHARE) continue;
    const weaker = left < right ? "left" : "right";
    const stronger = weaker === "left" ? "right" : "left";
    const percent = Math.round(((hi - Math.min(left, right)) / hi) * 100);
    const amount = (v: number) => (pair.unit === "s" ? `${n(v)} s` : n(v));
    const verb = pair.unit === "s" ? "held" : "did";
    out.push({
      test,
      left,
      right,
      weaker,
      percent,
      message:
        `${pair.name}: your ${weaker} ${pair.part} ${verb} ${amount(Math.min(left, right))} ` +
        `against ${amount(hi)} on the ${stronger} (${percent}% less). ` +
        `Give the ${weaker} ${pair.part} an extra set until the two sides are within 20%.`,
    });
  }
  return out;
}

/** The level the latest results suggest, with its reasons and any left/right imbalances. */
export function suggestLevel(results: AssessmentResults): LevelSuggestion {
  const found = imbalances(results);
  const lowest = LEVEL_THRESHOLDS[LEVEL_THRESHOLDS.length - 1];
  const needs = Object.keys(lowest?.marks ?? {}) as LevelMeasure[];
  const untested = needs.filter((m) => read(results, m) === undefined);
  if (untested.length > 0) {
    const names: Record<LevelMeasure, string> = {
      plank_hold: "a plank hold",
      push_up_max: "push-ups",
      single_leg_squat: "one-leg squats on both legs",
      single_leg_calf_raise: "one-leg calf raises on both legs",
    };
    return {
      level: null,
      reasons: [sentence(`Log ${list(untested.map((m) => names[m]))} to get a level suggestion`)],
      imbalances: found,
    };
  }

  // Highest level first; `above` ends up as the level just above the one reached, with its gaps.
  let above: { level: PlanLevel; gaps: string } | null = null;
  for (const row of LEVEL_THRESHOLDS) {
    const marks = Object.entries(row.marks) as [LevelMeasure, number][];
    const unmet = marks.filter(([m, mark]) => (read(results, m)?.value ?? -1) < mark);
    if (unmet.length === 0) {
      const reached = marks.map(([m]) => achieved(m, read(results, m) as NonNullable<Reading>));
      const reasons = [sentence(`${list(reached)}: at or above the marks for ${row.level}`)];
      if (above) reasons.push(`For ${above.level}: ${above.gaps}.`);
      return { level: row.level, reasons, imbalances: found };
    }
    above = {
      level: row.level,
      gaps: list(unmet.map(([m, mark]) => needed(m, mark, read(results, m)))),
    };
  }
  return {
    level: "new",
    reasons: above ? [`Not yet at the marks for ${above.level}: ${above.gaps}.`] : [],
    imbalances: found,
  };
}

// The rules every plan is checked against, by rule id. The builder's answer and an edited plan
// go through the same check, so a broken rule is always reported, never silent.
import { exerciseById } from "../catalog/catalogLookup.ts";
import type { Exercise } from "../catalog/exerciseSchema.ts";
import type { PlanBody, PlanInputs, PlanItem, RunningDayKind } from "../schemas/plan.ts";
import type { Violation } from "../schemas/planning.ts";
import { nextWeekday, weekdayName } from "./calendarDates.ts";
import {
  fitsKit,
  isCalfOrFootWork,
  isSingleLegWork,
  kitOf,
  variationFitsKit,
} from "./exerciseChoice.ts";
import { estimateDayMinutes } from "./sessionDuration.ts";

/** Run kinds that need fresh legs: no strength work the day before them. */
export const KEY_RUNS: ReadonlySet<RunningDayKind> = new Set([
  "tempo",
  "intervals",
  "long",
  "race",
]);

const RUN_WORDS: Record<RunningDayKind, string> = {
  rest: "rest day",
  easy: "easy run",
  tempo: "tempo run",
  intervals: "interval session",
  long: "long run",
  race: "race",
  cross: "cross-training",
};

export function runWords(kind: RunningDayKind): string {
  return RUN_WORDS[kind];
}

/** Weekday → what the runner does that day. */
export function runningKinds(inputs: PlanInputs): Map<number, RunningDayKind> {
  return new Map(inputs.running_week.map((d) => [d.weekday, d.run]));
}

/** Weekdays whose plan day has strength work, in weekday order. */
export function strengthWeekdays(plan: Pick<PlanBody, "days">): number[] {
  return plan.days
    .filter((d) => d.items.length > 0)
    .map((d) => d.weekday)
    .sort((a, b) => a - b);
}

function exercisesOf(items: readonly PlanItem[]): Exercise[] {
  return items.map((i) => exerciseById(i.exercise_id)).filter((e): e is Exercise => !!e);
}

function kitWords(equipment: readonly string[]): string {
  return equipment.length === 0
    ? "bodyweight only"
    : `bodyweight and ${equipment.join(", ").replace(/_/g, " ")}`;
}

/** Placement rules only: what depends on which weekdays carry strength. */
export function placementViolations(
  strengthDays: readonly number[],
  kinds: ReadonlyMap<number, RunningDayKind>,
): Violation[] {
  const out: Violation[] = [];
  const strength = new Set(strengthDays);
  for (const weekday of strengthDays) {
    const next = nextWeekday(weekday);
    const nextKind = kinds.get(next) ?? "rest";
    if (KEY_RUNS.has(nextKind)) {
      out.push({
        rule: "no_strength_before_key_run",
        weekday,
        message: `${weekdayName(weekday)}'s strength session is the day before your ${runWords(nextKind)} on ${weekdayName(next)}; your legs need to be fresh for it.`,
      });
    }
  }
  for (const weekday of strengthDays) {
    const next = nextWeekday(weekday);
    if (strength.has(next) && next !== weekday) {
      out.push({
        rule: "no_back_to_back_strength",
        weekday: next,
        message: `${weekdayName(weekday)} and ${weekdayName(next)} are strength days in a row; muscles need a day between sessions to recover and get stronger.`,
      });
    }
  }
  const restDays = [...kinds].filter(([, k]) => k === "rest").map(([w]) => w);
  if (!restDays.some((w) => !strength.has(w))) {
    out.push({
      rule: "rest_day",
      message:
        restDays.length === 0
          ? "Your week has no rest day: keep at least one day with no running, no cross-training and no strength work."
          : `Every rest day of your week (${restDays.map(weekdayName).join(", ")}) has strength work; keep at least one day fully off.`,
    });
  }
  return out;
}

/** Checks a plan against every rule; the result lists one entry per broken rule and day. */
export function checkPlan(plan: Pick<PlanBody, "days">, inputs: PlanInputs): Violation[] {
  const kinds = runningKinds(inputs);
  const days = strengthWeekdays(plan);
  const out: Violation[] = [];
  if (days.length !== inputs.sessions_per_week) {
    out.push({
      rule: "session_count",
      message: `The plan has ${days.length} strength day${days.length === 1 ? "" : "s"} a week but you asked for ${inputs.sessions_per_week}.`,
    });
  }
  out.push(...placementViolations(days, kinds));
  const kit = kitOf(inputs.equipment);
  for (const day of plan.days) {
    if (day.items.length === 0) continue;
    const minutes = estimateDayMinutes(day.items);
    if (minutes > inputs.minutes) {
      out.push({
        rule: "fits_minutes",
        weekday: day.weekday,
        message: `${weekdayName(day.weekday)}'s session takes about ${minutes} minutes, more than the ${inputs.minutes} you have.`,
      });
    }
    for (const item of day.items) {
      const exercise = exerciseById(item.exercise_id);
      const variation = exercise?.variations.find((v) => v.name === item.variation);
      const ok =
        exercise !== undefined &&
        fitsKit(exercise, kit) &&
        (item.variation === undefined ||
          (variation !== undefined && variationFitsKit(variation, kit)));
      if (!ok) {
        out.push({
          rule: "equipment",
          weekday: day.weekday,
          message:
            exercise === undefined
              ? `${weekdayName(day.weekday)} lists "${item.name ?? item.exercise_id}", which is not in the exercise library.`
              : `${item.variation ?? exercise.name} on ${weekdayName(day.weekday)} needs kit you did not list (you have ${kitWords(inputs.equipment)}).`,
        });
      }
    }
  }
  if (inputs.sessions_per_week >= 2) out.push(...coverageViolations(plan));
  return out;
}

function coverageViolations(plan: Pick<PlanBody, "days">): Violation[] {
  const all = exercisesOf(plan.days.flatMap((d) => d.items));
  const missing: string[] = [];
  if (!all.some((e) => e.focus === "lower_body")) missing.push("lower-body work");
  if (!all.some((e) => e.focus === "core")) missing.push("core work");
  if (!all.some((e) => e.focus === "upper_body")) missing.push("upper-body work");
  if (!all.some(isCalfOrFootWork)) missing.push("calf or foot work");
  if (!all.some(isSingleLegWork)) missing.push("single-leg work");
  if (missing.length === 0) return [];
  return [
    {
      rule: "coverage",
      message: `The week has no ${missing.join(", no ")}; a runner's strength week covers legs, core and upper body, with calf and single-leg work.`,
    },
  ];
}

// Today's session: the plan's day for a date with progressed targets, lighter weeks, the race
// taper, an accepted one-day change, and a fatigue-aware suggestion.
import type { PlanBody, PlanDay, PlanInputs, PlanItem } from "../schemas/plan.ts";
import type { ProgressionNote, TodayResponse } from "../schemas/planning.ts";
import { addDays, daysBetween, weekdayOf } from "./calendarDates.ts";
import { fatigueAdjustment, type LoggedRun } from "./fatigue.ts";
import { type LoggedSet, progressItem } from "./progression.ts";
import { estimateDayMinutes } from "./sessionDuration.ts";

/** Every 4th week of a plan is lighter. */
export const DELOAD_EVERY_WEEKS = 4;
/** Strength work eases off over the last days before a race. */
export const TAPER_DAYS = 10;
/** Accepted changes older than this are dropped when a new one is saved. */
const OVERRIDE_KEEP_DAYS = 14;

/** Inputs of plans made by hand or before the builder existed. */
const FALLBACK_INPUTS: Pick<PlanInputs, "minutes" | "equipment" | "level"> = {
  minutes: 30,
  equipment: [],
  level: "some",
};

export type TodayInput = {
  planId: string;
  plan: PlanBody;
  date: string;
  /** Logged sets of the plan's exercises (any date; the function keeps what counts). */
  sets: readonly LoggedSet[];
  /** Logged runs of the last two weeks or more. */
  runs: readonly LoggedRun[];
};

export function planWeek(plan: Pick<PlanBody, "start_date">, date: string): number {
  if (plan.start_date === undefined) return 1;
  return Math.max(1, Math.floor(daysBetween(plan.start_date, date) / 7) + 1);
}

type Targets = ProgressionNote["from"];

function targetsOf(item: PlanItem): Targets {
  const t: Targets = { sets: item.sets };
  if (item.target_reps !== undefined) t.target_reps = item.target_reps;
  if (item.target_hold_s !== undefined) t.target_hold_s = item.target_hold_s;
  if (item.weight_kg !== undefined) t.weight_kg = item.weight_kg;
  if (item.variation !== undefined) t.variation = item.variation;
  return t;
}

/** Only the fields that differ, so a note reads as "from 10 reps to 12 reps". */
function diff(from: Targets, to: Targets): { from: Targets; to: Targets } | null {
  const f: Targets = {};
  const t: Targets = {};
  for (const key of ["sets", "target_reps", "target_hold_s", "weight_kg", "variation"] as const) {
    if (from[key] !== to[key]) {
      Object.assign(f, { [key]: from[key] });
      Object.assign(t, { [key]: to[key] });
    }
  }
  return Object.keys(t).length > 0 || Object.keys(f).length > 0 ? { from: f, to: t } : null;
}

type Phase = { deload: boolean; taper: boolean; daysToRace: number | null };

function progressDay(
  day: PlanDay,
  history: readonly LoggedSet[],
  equipment: readonly string[],
  phase: Phase,
): { day: PlanDay; notes: ProgressionNote[] } {
  const notes: ProgressionNote[] = [];
  const items = day.items.map((base) => {
    const { item, reason } = progressItem(base, history, equipment);
    const reasons = reason === null ? [] : [reason];
    let sets = item.sets;
    if (phase.taper) {
      sets = Math.max(1, Math.ceil(sets / 2));
      if (sets !== item.sets)
        reasons.push(`Race in ${phase.daysToRace} days: half the sets so you arrive fresh.`);
    } else if (phase.deload) {
      sets = Math.max(1, sets - 1);
      if (sets !== item.sets)
        reasons.push("Every 4th week is lighter: one set fewer so your body absorbs the work.");
    }
    const out: PlanItem = { ...item, sets };
    const d = diff(targetsOf(base), targetsOf(out));
    if (d !== null && reasons.length > 0) {
      notes.push({ exercise_id: base.exercise_id, ...d, reason: reasons.join(" ") });
    }
    return out;
  });
  return { day: { ...day, items }, notes };
}

/** Today's session of a plan for a date. */
export function todaySession(input: TodayInput): TodayResponse {
  const { plan, date } = input;
  const week = planWeek(plan, date);
  const daysToRace = plan.race_date === undefined ? null : daysBetween(date, plan.race_date);
  const phase: Phase = {
    deload: week % DELOAD_EVERY_WEEKS === 0,
    taper: daysToRace !== null && daysToRace > 0 && daysToRace <= TAPER_DAYS,
    daysToRace,
  };
  const base = {
    date,
    plan_id: input.planId,
    week,
    deload: phase.deload,
    taper: phase.taper,
    progression: [],
    adjustment: null,
  };
  const notStarted = plan.start_date !== undefined && date < plan.start_date;
  const override = plan.overrides?.find((o) => o.date === date);
  const planned = override?.day ?? plan.days.find((d) => d.weekday === weekdayOf(date));
  // Race day is for racing.
  if (notStarted || daysToRace === 0 || planned === undefined || planned.items.length === 0) {
    return { ...base, day: null };
  }
  const inputs = plan.inputs ?? FALLBACK_INPUTS;
  const history = input.sets.filter(
    (s) => s.date < date && (plan.start_date === undefined || s.date >= plan.start_date),
  );
  const { day, notes } = progressDay(planned, history, inputs.equipment, phase);
  const answer: TodayResponse = {
    ...base,
    day,
    progression: notes,
    estimated_minutes: estimateDayMinutes(day.items),
  };
  if (override !== undefined) return { ...answer, adjusted: true };
  const adjustment = fatigueAdjustment(date, day, input.runs, inputs);
  if (adjustment !== null) {
    adjustment.day = progressDay(adjustment.day, history, inputs.equipment, phase).day;
  }
  return { ...answer, adjustment };
}

/**
 * The plan with an accepted change for `date` (replacing any earlier one for that date);
 * changes more than two weeks before `today` are dropped so the list stays short.
 */
export function withOverride(plan: PlanBody, date: string, day: PlanDay, today: string): PlanBody {
  const keepFrom = addDays(today, -OVERRIDE_KEEP_DAYS);
  const kept = (plan.overrides ?? []).filter((o) => o.date !== date && o.date >= keepFrom);
  return { ...plan, overrides: [...kept, { date, day }].slice(-60) };
}

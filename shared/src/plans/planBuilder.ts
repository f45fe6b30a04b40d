// The plan builder: places strength days around the running week, gives each a focus (lower
// body on the day furthest from the next key run) and fills it with catalog exercises that fit
// the runner's kit, level and minutes. The answer is checked by the same rules as any plan.
import { exerciseById } from "../catalog/catalogLookup.ts";
import type { PlanBody, PlanDay, PlanInputs, PlanItem, PlanLevel } from "../schemas/plan.ts";
import type { GeneratePlanRequest, GeneratePlanResponse } from "../schemas/planning.ts";
import { fitsKit, type Kit, kitOf, planItemFor } from "./exerciseChoice.ts";
import { daysToNextKeyRun, placeStrengthDays } from "./placement.ts";
import { checkPlan, runningKinds } from "./planRules.ts";
import { estimateDayMinutes, estimateDaySeconds } from "./sessionDuration.ts";

export type SessionFocus = "lower" | "core" | "upper" | "core_upper" | "full" | "bare";

/** One slot of a session: the first candidate the runner's kit allows is used. */
type Slot = readonly string[];

const CALF: Slot = ["eccentric-calf-raise", "calf-raise"];
const SINGLE_LEG: Slot = ["reverse-lunge", "lunge", "step-up"];
const ONE_LEG_SQUAT: Slot = ["one-leg-squat"];
const HINGE: Slot = ["deadlift", "glute-bridge"];
const BRIDGE: Slot = ["glute-bridge"];
const PLANK: Slot = ["plank"];
const SIDE_PLANK: Slot = ["side-plank"];
const PUSH_UP: Slot = ["push-up"];
const FOOT: Slot = ["towel-drag"];

/** The seed's bare-minimum routine: what to keep when time is short. */
const BARE_MINIMUM: readonly Slot[] = [CALF, ONE_LEG_SQUAT, SIDE_PLANK];

const TITLES: Record<SessionFocus, string> = {
  lower: "Lower body",
  core: "Core",
  upper: "Upper body & core",
  core_upper: "Core & upper body",
  full: "Full body",
  bare: "Bare minimum",
};

/** Below this many minutes a session starts from the bare-minimum routine. */
const SHORT_SESSION_MINUTES = 20;
/** Quality over quantity: a session never lists more exercises than this. */
const MAX_EXERCISES = 6;
/** The first slots of every template carry what the weekly coverage rule needs. */
const ESSENTIAL_SLOTS = 2;

function templateFor(focus: SessionFocus, level: PlanLevel): readonly Slot[] {
  const squat: Slot = level === "new" ? ["squat"] : ["goblet-squat", "squat"];
  const plyo: Slot = level === "experienced" ? ["box-jump", "knee-tuck-jump"] : [];
  switch (focus) {
    case "lower":
      return [CALF, SINGLE_LEG, squat, HINGE, ONE_LEG_SQUAT, plyo, BRIDGE];
    case "core":
      return [PLANK, SIDE_PLANK, ["bicycle-crunch"], ["russian-twist"], FOOT, ["plank-leg-lift"]];
    case "upper":
      return [
        PUSH_UP,
        ["dumbbell-row"],
        ["overhead-press"],
        ["plank-shoulder-tap"],
        SIDE_PLANK,
        PLANK,
      ];
    case "core_upper":
      return [
        PUSH_UP,
        PLANK,
        SIDE_PLANK,
        ["dumbbell-row"],
        ["bicycle-crunch"],
        ["overhead-press"],
        FOOT,
      ];
    case "full":
      return [CALF, SINGLE_LEG, PLANK, PUSH_UP, squat, SIDE_PLANK, BRIDGE];
    case "bare":
      return [...BARE_MINIMUM, PUSH_UP, BRIDGE];
  }
}

/** SessionFocus of each strength day, by how many sessions the week has. */
function focusesFor(count: number): SessionFocus[] {
  if (count <= 1) return ["full"];
  if (count === 2) return ["lower", "core_upper"];
  if (count === 3) return ["lower", "core", "upper"];
  return ["lower", "core", "upper", "bare"];
}

function pickExercise(slot: Slot, kit: Kit, usedToday: Set<string>, usedThisWeek: Set<string>) {
  const fitting = slot.filter((id) => {
    const e = exerciseById(id);
    return e !== undefined && fitsKit(e, kit) && !usedToday.has(id);
  });
  return fitting.find((id) => !usedThisWeek.has(id)) ?? fitting[0];
}

/** The item with as many of its sets as still fit, or null when not even one does. */
function fitted(items: PlanItem[], item: PlanItem, budgetS: number): PlanItem | null {
  for (let sets = item.sets; sets >= 1; sets--) {
    const trial = { ...item, sets };
    if (estimateDaySeconds([...items, trial]) <= budgetS) return trial;
  }
  return null;
}

/** Trims one set at a time from the longest items until `item` fits at one set. */
function makeRoom(items: PlanItem[], item: PlanItem, budgetS: number): PlanItem {
  const single = { ...item, sets: 1 };
  while (estimateDaySeconds([...items, single]) > budgetS) {
    const longest = items
      .map((it, i) => ({ i, s: estimateDaySeconds([it]) }))
      .filter(({ i }) => (items[i]?.sets ?? 1) > 1)
      .sort((a, b) => b.s - a.s)[0];
    if (longest === undefined) break;
    const it = items[longest.i] as PlanItem;
    items[longest.i] = { ...it, sets: it.sets - 1 };
  }
  return single;
}

/** Fills one session from its focus template within the runner's minutes. */
export function buildSession(
  focus: SessionFocus,
  inputs: Pick<PlanInputs, "minutes" | "equipment" | "level">,
  usedThisWeek: Set<string> = new Set(),
): PlanItem[] {
  const kit = kitOf(inputs.equipment);
  const short = inputs.minutes < SHORT_SESSION_MINUTES && focus !== "bare";
  const slots = short
    ? [...BARE_MINIMUM, ...templateFor(focus, inputs.level)]
    : templateFor(focus, inputs.level);
  const essential = short ? BARE_MINIMUM.length + 1 : ESSENTIAL_SLOTS;
  const budgetS = inputs.minutes * 60;
  const items: PlanItem[] = [];
  const usedToday = new Set<string>();
  slots.forEach((slot, index) => {
    if (items.length >= MAX_EXERCISES) return;
    const id = pickExercise(slot, kit, usedToday, usedThisWeek);
    if (id === undefined) return;
    const item = planItemFor(id, inputs.level, inputs.equipment);
    const fits = fitted(items, item, budgetS);
    // Essential work makes room by trimming sets of what is already in; if even that is not
    // enough it goes in anyway and the fits_minutes rule says so.
    const chosen = fits ?? (index < essential ? makeRoom(items, item, budgetS) : null);
    if (chosen === null) return;
    items.push(chosen);
    usedToday.add(id);
    usedThisWeek.add(id);
  });
  return items;
}

export function sessionTitle(focus: SessionFocus, short: boolean): string {
  return short && focus !== "bare"
    ? `Bare minimum + ${TITLES[focus].toLowerCase()}`
    : TITLES[focus];
}

function planName(req: GeneratePlanRequest): string {
  const per = `${req.sessions_per_week} × ${req.minutes} min`;
  return req.race_date
    ? `Strength to race day (${per})`
    : `Strength around my running week (${per})`;
}

/** Builds a plan for the request; `violations` lists every rule the result breaks. */
export function generatePlan(req: GeneratePlanRequest): GeneratePlanResponse {
  const inputs: PlanInputs = {
    running_week: [...req.running_week].sort((a, b) => a.weekday - b.weekday),
    sessions_per_week: req.sessions_per_week,
    minutes: req.minutes,
    equipment: [...new Set(req.equipment)],
    level: req.level,
  };
  const kinds = runningKinds(inputs);
  const strengthDays = placeStrengthDays(inputs.sessions_per_week, kinds);
  // Lower body goes on the day with the most recovery before the next key run, and not on the
  // day of a long run or race itself when another strength day is free of one.
  const heavyRunDay = (d: number) => kinds.get(d) === "long" || kinds.get(d) === "race";
  const byRecovery = [...strengthDays].sort(
    (a, b) =>
      Number(heavyRunDay(a)) - Number(heavyRunDay(b)) ||
      daysToNextKeyRun(b, kinds) - daysToNextKeyRun(a, kinds) ||
      a - b,
  );
  const focuses = focusesFor(strengthDays.length);
  const focusOf = new Map<number, SessionFocus>();
  const lowerDay = byRecovery[0];
  if (lowerDay !== undefined) focusOf.set(lowerDay, focuses[0] ?? "full");
  strengthDays
    .filter((d) => d !== lowerDay)
    .forEach((d, i) => {
      focusOf.set(d, focuses[i + 1] ?? "bare");
    });

  const used = new Set<string>();
  const short = inputs.minutes < SHORT_SESSION_MINUTES;
  const days: PlanDay[] = inputs.running_week.map((rd) => {
    const focus = focusOf.get(rd.weekday);
    const day: PlanDay = { weekday: rd.weekday, items: [] };
    if (rd.run !== "rest" && rd.run !== "cross") {
      day.run = { kind: rd.run };
      if (rd.distance_m !== undefined) day.run.distance_m = rd.distance_m;
      if (rd.duration_s !== undefined) day.run.duration_s = rd.duration_s;
    }
    const parts: string[] = [];
    if (rd.run === "cross") parts.push("Cross-training");
    if (focus !== undefined) {
      day.items = buildSession(focus, inputs, used);
      parts.push(sessionTitle(focus, short));
    }
    if (parts.length > 0) day.title = parts.join(" + ");
    return day;
  });

  const plan: PlanBody = {
    name: planName(req),
    start_date: req.start_date,
    weeks: req.weeks,
    days,
    inputs,
  };
  if (req.race_date !== undefined) plan.race_date = req.race_date;
  const estimated: Record<string, number> = {};
  for (const d of days)
    if (d.items.length > 0) estimated[String(d.weekday)] = estimateDayMinutes(d.items);
  return { plan, violations: checkPlan(plan, inputs), estimated_minutes: estimated };
}

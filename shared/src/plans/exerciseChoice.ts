// Which catalog exercises a runner can do with their kit, how each becomes a plan item at a
// level, and the categories the plan rules count (calf/foot work, single-leg work, focus).
import { defaultPrescription, exerciseById } from "../catalog/catalogLookup.ts";
import type { Equipment, Exercise, Prescription, Variation } from "../catalog/exerciseSchema.ts";
import { exercises } from "../catalog/exercises.ts";
import type { PlanItem, PlanLevel } from "../schemas/plan.ts";

/** Kit a runner has; bodyweight ("none") is always available. */
export type Kit = ReadonlySet<string>;

export function kitOf(equipment: readonly string[]): Kit {
  return new Set(["none", ...equipment]);
}

/**
 * The catalog lists kit any one of which is enough ("none" when bodyweight will do), so an
 * exercise fits when one of its items is at hand.
 */
export function fitsKit(exercise: Pick<Exercise, "equipment">, kit: Kit): boolean {
  return exercise.equipment.some((e) => kit.has(e));
}

export function variationFitsKit(variation: Variation, kit: Kit): boolean {
  return variation.equipment === undefined || variation.equipment.some((e) => kit.has(e));
}

/** Harder variations of an exercise the runner's kit allows, easiest (first listed) first. */
export function harderVariations(exercise: Exercise, kit: Kit): Variation[] {
  return exercise.variations.filter((v) => v.kind === "harder" && variationFitsKit(v, kit));
}

const LOAD_KIT: readonly Equipment[] = ["dumbbell", "kettlebell", "barbell", "backpack"];

/** Whether weight can be added: the exercise takes a load and the runner has one. */
export function canAddWeight(exercise: Exercise, kit: Kit): boolean {
  const loadable =
    exercise.equipment.some((e) => LOAD_KIT.includes(e)) ||
    exercise.variations.some((v) => v.equipment?.some((e) => LOAD_KIT.includes(e)));
  return loadable && LOAD_KIT.some((e) => kit.has(e)) && exercise.mode === "reps";
}

/** Calf and foot work: every week needs some, for the Achilles and the arch. */
export function isCalfOrFootWork(exercise: Exercise): boolean {
  return exercise.focus === "feet" || exercise.id.includes("calf");
}

/** Single-leg work: lower-body exercises counted per leg (lunges, step-ups, one-leg squats). */
export function isSingleLegWork(exercise: Exercise): boolean {
  return exercise.focus === "lower_body" && exercise.per_side && !isCalfOrFootWork(exercise);
}

/** Focus that loads the legs: what a tired runner should skip the day after a long run. */
export function loadsLegs(exercise: Exercise): boolean {
  return exercise.focus === "lower_body" || exercise.focus === "plyometric";
}

/** The prescription's range for reps or holds; a single number is a range of one. */
export function rangeOf(p: Prescription): { lo: number; hi: number } | null {
  if (p.reps_min !== undefined) return { lo: p.reps_min, hi: p.reps_max ?? p.reps_min };
  if (p.hold_s_min !== undefined) return { lo: p.hold_s_min, hi: p.hold_s_max ?? p.hold_s_min };
  return null;
}

function targetAt(level: PlanLevel, range: { lo: number; hi: number }, harder: boolean): number {
  // A harder variation starts again at the bottom of the range.
  if (level === "new" || harder) return range.lo;
  if (level === "some") return Math.round((range.lo + range.hi) / 2);
  return range.hi;
}

/**
 * A catalog exercise as a plan item: new runners at the bottom of the range, some experience in
 * the middle, experienced runners on the first harder variation their kit allows (at the bottom
 * of the range) or at the top of it.
 */
export function planItemFor(
  exerciseId: string,
  level: PlanLevel,
  equipment: readonly string[] = [],
  prescriptionId?: string,
): PlanItem {
  const exercise = exerciseById(exerciseId);
  if (exercise === undefined) throw new Error(`no catalog exercise "${exerciseId}"`);
  const p =
    exercise.prescriptions.find((x) => x.id === prescriptionId) ?? defaultPrescription(exercise);
  // Harder variations that are catalog exercises of their own come in through their own slot.
  const harder =
    level === "experienced"
      ? harderVariations(exercise, kitOf(equipment)).find((v) => !isCatalogName(v.name))
      : undefined;
  const item: PlanItem = {
    exercise_id: exercise.id,
    name: harder?.name ?? exercise.name,
    mode: exercise.mode,
    per_side: p.per_side,
    sets: p.sets,
    rest_s: p.rest_s,
  };
  const range = rangeOf(p);
  if (range !== null) {
    const target = targetAt(level, range, harder !== undefined);
    if (exercise.mode === "hold") item.target_hold_s = target;
    else if (exercise.mode === "reps") item.target_reps = target;
  }
  if (harder !== undefined) item.variation = harder.name;
  return item;
}

const catalogNames = new Set(exercises.map((e) => e.name.toLowerCase()));

function isCatalogName(name: string): boolean {
  return catalogNames.has(name.toLowerCase());
}

/** Other catalog exercises of the same focus that fit the kit: what an exercise may be swapped for. */
export function swapCandidates(exerciseId: string, equipment: readonly string[]): string[] {
  const exercise = exerciseById(exerciseId);
  if (exercise === undefined) return [];
  const kit = kitOf(equipment);
  return exercises
    .filter((e) => e.id !== exercise.id && e.focus === exercise.focus && fitsKit(e, kit))
    .map((e) => e.id);
}

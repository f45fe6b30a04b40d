// Pure lookups over the built-in catalog, and expansion of a routine into the concrete
// per-exercise targets a session (watch or web) runs.
import type { Exercise, ExerciseMode, Prescription, Routine } from "./exerciseSchema.ts";
import { exercises } from "./exercises.ts";
import { routines } from "./routines.ts";

/** One exercise of a routine with its numbers resolved; shaped to fit the wire PlanItem. */
export type PlannedItem = {
  exercise_id: string;
  name: string;
  mode: ExerciseMode;
  per_side: boolean;
  sets: number;
  /** Top of the rep range (the single value when there is no range); absent for holds and AMRAP. */
  target_reps?: number;
  /** Longest hold of the range, in seconds; absent unless the mode is "hold". */
  target_hold_s?: number;
  rest_s: number;
};

// Indexed once at load so lookups stay O(1) on low-power watches.
const exerciseIndex: ReadonlyMap<string, Exercise> = new Map(exercises.map((e) => [e.id, e]));
const routineIndex: ReadonlyMap<string, Routine> = new Map(routines.map((r) => [r.id, r]));

export function exerciseById(id: string): Exercise | undefined {
  return exerciseIndex.get(id);
}

export function routineById(id: string): Routine | undefined {
  return routineIndex.get(id);
}

/** The first prescription is the default by convention of the catalog. */
export function defaultPrescription(exercise: Exercise): Prescription {
  return exercise.prescriptions[0];
}

export function prescriptionById(
  exercise: Exercise,
  prescriptionId: string,
): Prescription | undefined {
  return exercise.prescriptions.find((p) => p.id === prescriptionId);
}

/**
 * Resolves every item of a routine against the catalog. Throws on an unknown exercise or
 * prescription: built-in routines are checked by tests, so a miss means a broken custom routine.
 */
export function expandRoutine(routine: Routine): PlannedItem[] {
  return routine.items.map((item) => {
    const exercise = exerciseById(item.exercise_id);
    if (exercise === undefined) {
      throw new Error(`routine "${routine.id}": unknown exercise "${item.exercise_id}"`);
    }
    const p = prescriptionById(exercise, item.prescription_id);
    if (p === undefined) {
      throw new Error(
        `routine "${routine.id}": exercise "${exercise.id}" has no prescription "${item.prescription_id}"`,
      );
    }
    const planned: PlannedItem = {
      exercise_id: exercise.id,
      name: exercise.name,
      mode: exercise.mode,
      per_side: p.per_side,
      sets: p.sets,
      rest_s: p.rest_s,
    };
    const targetReps = p.reps_max ?? p.reps_min;
    if (targetReps !== undefined) planned.target_reps = targetReps;
    const targetHold = p.hold_s_max ?? p.hold_s_min;
    if (targetHold !== undefined) planned.target_hold_s = targetHold;
    return planned;
  });
}

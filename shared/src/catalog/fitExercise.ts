// Each catalog exercise as Garmin's FIT exercise category and category subtype, the one place
// the FIT export looks them up. Names are the FIT SDK profile's (exerciseCategory and the
// per-category <category>ExerciseName enums); the Worker resolves them to numbers.
//
// Policy: the exact FIT exercise where one exists. Where FIT has none, the nearest category
// with its plain subtype when FIT has one (a reverse lunge is a "lunge"), or with no subtype at
// all (`subtype: null`, written as FIT's invalid value, so apps show the category's name).
// Every such choice says why in `note`. Exercises outside the catalog use the category
// "unknown" (see FIT_UNKNOWN_EXERCISE).

export type FitExercise = {
  /** A value of the FIT profile's exerciseCategory, e.g. "lunge". */
  category: string;
  /** A value of the category's <category>ExerciseName enum, or null for the category alone. */
  subtype: string | null;
  /** Why the mapping is not an exact FIT exercise; absent when it is. */
  note?: string;
};

/** What an exercise id the catalog does not know is exported as. */
export const FIT_UNKNOWN_EXERCISE: FitExercise = { category: "unknown", subtype: null };

export const FIT_EXERCISES: Readonly<Record<string, FitExercise>> = {
  lunge: { category: "lunge", subtype: "lunge" },
  "forward-lunge": {
    category: "lunge",
    subtype: "lunge",
    note: "FIT's plain lunge is the forward lunge.",
  },
  "reverse-lunge": {
    category: "lunge",
    subtype: "lunge",
    note: "FIT has only weighted or sliding reverse lunges; the bodyweight one is a plain lunge.",
  },
  "walking-lunge": { category: "lunge", subtype: "walkingLunge" },
  deadlift: {
    category: "deadlift",
    subtype: null,
    note: "Done with a barbell or dumbbells, so the category alone.",
  },
  "barbell-deadlift": { category: "deadlift", subtype: "barbellDeadlift" },
  "dumbbell-deadlift": { category: "deadlift", subtype: "dumbbellDeadlift" },
  "calf-raise": { category: "calfRaise", subtype: "standingCalfRaise" },
  "eccentric-calf-raise": {
    category: "calfRaise",
    subtype: "singleLegStandingCalfRaise",
    note: "FIT has no eccentric calf raise; it is done on one leg, standing.",
  },
  "eccentric-calf-raise-straight-knee": {
    category: "calfRaise",
    subtype: "singleLegStandingCalfRaise",
    note: "FIT has no eccentric calf raise; straight knee, one leg, standing.",
  },
  "eccentric-calf-raise-bent-knee": {
    category: "calfRaise",
    subtype: "singleLegBentKneeCalfRaise",
    note: "FIT has no eccentric calf raise; this is its one-leg bent-knee raise.",
  },
  squat: { category: "squat", subtype: "squat" },
  "goblet-squat": { category: "squat", subtype: "gobletSquat" },
  "glute-focused-barbell-squat": {
    category: "squat",
    subtype: "barbellBackSquat",
    note: "A barbell back squat with a glute cue.",
  },
  "one-leg-squat": { category: "squat", subtype: "pistolSquat" },
  "glute-bridge": {
    category: "hipRaise",
    subtype: "hipRaise",
    note: "FIT calls the bodyweight glute bridge a hip raise.",
  },
  "step-up": { category: "squat", subtype: "stepUp" },
  plank: { category: "plank", subtype: "plank" },
  "plank-shoulder-tap": {
    category: "plank",
    subtype: "plankWithArmRaise",
    note: "FIT has shoulder taps only as a push-up; a plank lifting one arm is nearest.",
  },
  "plank-leg-lift": { category: "plank", subtype: "plankWithLegLift" },
  "side-plank": { category: "plank", subtype: "sidePlank" },
  "russian-twist": { category: "core", subtype: "russianTwist" },
  "bicycle-crunch": { category: "crunch", subtype: "bicycleCrunch" },
  "push-up": { category: "pushUp", subtype: "pushUp" },
  "dumbbell-row": { category: "row", subtype: "dumbbellRow" },
  "overhead-press": { category: "shoulderPress", subtype: "overheadDumbbellPress" },
  "towel-drag": {
    category: "calfRaise",
    subtype: null,
    note: "FIT has no foot or toe exercise; calf raise is its lower-leg category.",
  },
  "box-jump": { category: "plyo", subtype: "boxJump" },
  "knee-tuck-jump": {
    category: "plyo",
    subtype: null,
    note: "FIT has no tuck jump; the plyometric category alone.",
  },
};

/** The FIT category and subtype names for an exercise id (catalog or not). */
export function fitExerciseFor(exerciseId: string): FitExercise {
  return Object.hasOwn(FIT_EXERCISES, exerciseId)
    ? (FIT_EXERCISES[exerciseId] as FitExercise)
    : FIT_UNKNOWN_EXERCISE;
}

// Built-in routines taken from the seed articles. Each item picks the prescription from the
// routine's own seed when that seed gives numbers, otherwise the exercise's default.
import type { Routine } from "./exerciseSchema.ts";
import { SEED } from "./seedFiles.ts";

export const routines: readonly Routine[] = [
  {
    id: "bare-minimum",
    name: "Bare minimum",
    description:
      "The three moves to keep when time is short: eccentric calf raises, one-leg squats and side planks.",
    source: [SEED["003"]],
    items: [
      { exercise_id: "eccentric-calf-raise", prescription_id: "seed003" },
      { exercise_id: "one-leg-squat", prescription_id: "seed003" },
      { exercise_id: "side-plank", prescription_id: "seed003" },
    ],
  },
  {
    id: "home-no-equipment",
    name: "Home, no equipment",
    description:
      "Six bodyweight moves worked from the feet upward, using only a towel and a stair. Aim for three sessions a week.",
    source: [SEED["003"]],
    items: [
      { exercise_id: "towel-drag", prescription_id: "seed003" },
      { exercise_id: "eccentric-calf-raise", prescription_id: "seed003" },
      // Seed 003 gives no lunge numbers, so the lunge default applies.
      { exercise_id: "lunge", prescription_id: "seed000" },
      { exercise_id: "one-leg-squat", prescription_id: "seed003" },
      { exercise_id: "side-plank", prescription_id: "seed003" },
      { exercise_id: "push-up", prescription_id: "seed003" },
    ],
  },
  {
    id: "top-seven",
    name: "Top seven",
    description:
      "Seven moves for glutes, hamstrings, quads, core and calves; two or three 30–45 minute sessions a week on easy or cross-training days.",
    source: [SEED["001"]],
    items: [
      { exercise_id: "squat", prescription_id: "seed001" },
      { exercise_id: "deadlift", prescription_id: "seed001" },
      { exercise_id: "lunge", prescription_id: "seed001" },
      { exercise_id: "glute-bridge", prescription_id: "seed001" },
      { exercise_id: "step-up", prescription_id: "seed001" },
      { exercise_id: "plank", prescription_id: "seed001" },
      { exercise_id: "calf-raise", prescription_id: "seed001" },
    ],
  },
  {
    id: "lower-body-day",
    name: "Lower-body day",
    description:
      "Squats, lunges and calf raises for leg speed, for a split week of lower, core and upper days.",
    source: [SEED["002"]],
    // Seed 002 gives no numbers for these, so each uses its exercise default.
    items: [
      { exercise_id: "squat", prescription_id: "seed001" },
      { exercise_id: "lunge", prescription_id: "seed000" },
      { exercise_id: "calf-raise", prescription_id: "seed000" },
    ],
  },
  {
    id: "core-day",
    name: "Core day",
    description: "Plank, Russian twists and bicycle crunches for a stable trunk.",
    source: [SEED["002"]],
    items: [
      { exercise_id: "plank", prescription_id: "seed002" },
      { exercise_id: "russian-twist", prescription_id: "runstrong" },
      { exercise_id: "bicycle-crunch", prescription_id: "runstrong" },
    ],
  },
  {
    id: "upper-body-day",
    name: "Upper-body day",
    description: "Push-ups, dumbbell rows and overhead presses for better running posture.",
    source: [SEED["002"]],
    items: [
      // Three all-out sets rather than seed 003's single set, to fill a whole session.
      { exercise_id: "push-up", prescription_id: "runstrong" },
      { exercise_id: "dumbbell-row", prescription_id: "runstrong" },
      { exercise_id: "overhead-press", prescription_id: "runstrong" },
    ],
  },
  {
    id: "four-exercise",
    name: "Four-exercise session",
    description:
      "A compact legs-and-core session of four moves: lunge, deadlift, calf raise, plank.",
    source: [SEED["000"]],
    items: [
      { exercise_id: "lunge", prescription_id: "seed000" },
      { exercise_id: "deadlift", prescription_id: "seed000" },
      { exercise_id: "calf-raise", prescription_id: "seed000" },
      { exercise_id: "plank", prescription_id: "seed000" },
    ],
  },
  {
    id: "plyometric-plus-strength",
    name: "Plyometrics plus strength",
    description:
      "Jumps for speed mixed with leg, glute and upper-body strength work. Start light and build up.",
    source: [SEED["004"]],
    // Seed 004 gives no numbers: exercise defaults, except push-ups get three sets as on upper-body day.
    items: [
      { exercise_id: "box-jump", prescription_id: "runstrong" },
      { exercise_id: "walking-lunge", prescription_id: "seed001" },
      { exercise_id: "push-up", prescription_id: "runstrong" },
      { exercise_id: "goblet-squat", prescription_id: "runstrong" },
      { exercise_id: "knee-tuck-jump", prescription_id: "runstrong" },
      { exercise_id: "glute-bridge", prescription_id: "seed001" },
      { exercise_id: "deadlift", prescription_id: "seed000" },
    ],
  },
];

// Fitness assessments: the tests a runner repeats every few weeks to see strength work pay off.
import { z } from "zod";

/** The assessment tests the project knows; `assessment.log` must name one of these ids. */
export const assessmentTests = [
  {
    id: "plank_hold",
    name: "Plank hold",
    unit: "s",
    better: "higher",
    how: "Forearm plank held in a straight line until form breaks.",
  },
  {
    id: "side_plank_hold_left",
    name: "Side plank hold (left)",
    unit: "s",
    better: "higher",
    how: "Side plank on the left forearm, hips lifted, until they drop.",
  },
  {
    id: "side_plank_hold_right",
    name: "Side plank hold (right)",
    unit: "s",
    better: "higher",
    how: "Side plank on the right forearm, hips lifted, until they drop.",
  },
  {
    id: "push_up_max",
    name: "Push-ups in one go",
    unit: "reps",
    better: "higher",
    how: "Full push-ups with a straight body, counted until form fails.",
  },
  {
    id: "single_leg_squat_left",
    name: "One-leg squats (left)",
    unit: "reps",
    better: "higher",
    how: "Slow one-leg squats on the left leg to a chair height, counted until balance or form goes.",
  },
  {
    id: "single_leg_squat_right",
    name: "One-leg squats (right)",
    unit: "reps",
    better: "higher",
    how: "Slow one-leg squats on the right leg to a chair height, counted until balance or form goes.",
  },
  {
    id: "single_leg_calf_raise_left",
    name: "One-leg calf raises (left)",
    unit: "reps",
    better: "higher",
    how: "Full-range calf raises on the left leg off a step, counted until the heel no longer rises fully.",
  },
  {
    id: "single_leg_calf_raise_right",
    name: "One-leg calf raises (right)",
    unit: "reps",
    better: "higher",
    how: "Full-range calf raises on the right leg off a step, counted until the heel no longer rises fully.",
  },
  {
    id: "time_5k",
    name: "5 km time trial",
    unit: "s",
    better: "lower",
    how: "An all-out 5 km on a flat route or track, time in seconds.",
  },
  {
    id: "cooper_12min",
    name: "12-minute run distance",
    unit: "m",
    better: "higher",
    how: "Distance covered in 12 minutes of steady hard running.",
  },
] as const;

export const AssessmentTestId = z.enum(
  assessmentTests.map((t) => t.id) as [
    (typeof assessmentTests)[number]["id"],
    ...(typeof assessmentTests)[number]["id"][],
  ],
);
export type AssessmentTestId = z.infer<typeof AssessmentTestId>;
export type AssessmentTest = (typeof assessmentTests)[number];

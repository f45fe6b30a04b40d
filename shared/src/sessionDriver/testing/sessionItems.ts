// A small session for the driver's tests: two sets of three squats with a 30 s rest, then a
// one-sided 10 s hold, with a cue for each.
import type { EngineItem } from "../../engine/index.ts";
import type { SessionPlan } from "../sessionDriver.ts";

export const squat: EngineItem = {
  exercise_id: "squat",
  name: "Squat",
  mode: "reps",
  per_side: false,
  sets: 2,
  target_reps: 3,
  rest_s: 30,
};

export const sidePlank: EngineItem = {
  exercise_id: "side-plank",
  name: "Side plank",
  mode: "hold",
  per_side: true,
  sets: 1,
  target_hold_s: 10,
  rest_s: 0,
};

export const testDay = (source: string): SessionPlan => ({
  name: "Test day",
  items: [squat, sidePlank],
  cues: { squat: "Sit back", "side-plank": "Hips high" },
  source,
});

// The FIT mapping covers the catalog exactly; the names themselves are checked against Garmin's
// SDK profile beside the encoder (worker/src/formats/fitExerciseProfile.test.ts).
import { describe, expect, it } from "vitest";
import { exercises } from "./exercises.ts";
import { FIT_EXERCISES, FIT_UNKNOWN_EXERCISE, fitExerciseFor } from "./fitExercise.ts";

describe("FIT exercise mapping", () => {
  it("maps every catalog exercise, and nothing else", () => {
    const catalogIds = exercises.map((e) => e.id).sort();
    expect(Object.keys(FIT_EXERCISES).sort()).toEqual(catalogIds);
  });

  it("explains every mapping that is only the category", () => {
    const bare = Object.entries(FIT_EXERCISES).filter(([, m]) => m.subtype === null);
    expect(bare.length).toBeGreaterThan(0);
    for (const [id, m] of bare) expect(m.note, id).toMatch(/\w/);
  });

  it("exports an exercise outside the catalog as FIT's unknown category", () => {
    expect(fitExerciseFor("my-own-thing")).toEqual(FIT_UNKNOWN_EXERCISE);
    expect(fitExerciseFor("toString")).toEqual(FIT_UNKNOWN_EXERCISE);
    expect(fitExerciseFor("side-plank")).toEqual({ category: "plank", subtype: "sidePlank" });
  });
});

// Every FIT category and subtype name of the catalog's mapping exists in Garmin's SDK profile,
// so the encoder never writes a number nobody can read back.
import { Profile } from "@garmin/fitsdk";
import { exercises, FIT_EXERCISES } from "@runstrong/shared/catalog";
import { describe, expect, it } from "vitest";
import { fitEnumValue } from "./fitActivity.ts";

describe("FIT exercise mapping against the SDK profile", () => {
  it("gives every catalog exercise a category the profile knows", () => {
    for (const e of exercises) {
      const m = FIT_EXERCISES[e.id];
      expect(m, e.id).toBeDefined();
      expect(fitEnumValue("exerciseCategory", m?.category ?? ""), e.id).toBeTypeOf("number");
    }
  });

  it("names only subtypes of the category's own ExerciseName enum", () => {
    const types = Profile.types as Record<string, Record<number, string>>;
    for (const [id, m] of Object.entries(FIT_EXERCISES)) {
      if (m.subtype === null) continue;
      expect(types[`${m.category}ExerciseName`], `${id}: ${m.category}`).toBeDefined();
      expect(
        fitEnumValue(`${m.category}ExerciseName`, m.subtype),
        `${id}: ${m.subtype}`,
      ).toBeTypeOf("number");
    }
  });

  it("looks names up exactly", () => {
    expect(fitEnumValue("exerciseCategory", "plank")).toBe(19);
    expect(fitEnumValue("plankExerciseName", "sidePlank")).toBe(66);
    expect(fitEnumValue("exerciseCategory", "Plank")).toBeUndefined();
    expect(fitEnumValue("noSuchEnum", "plank")).toBeUndefined();
  });
});

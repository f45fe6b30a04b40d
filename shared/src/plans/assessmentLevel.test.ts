// Level suggestions from assessment results: each threshold crossing, the words, imbalances,
// and the property that better results never lower the level.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssessmentTestId } from "../schemas/assessment.ts";
import {
  type AssessmentResults,
  LEVEL_THRESHOLDS,
  levelRank,
  suggestLevel,
} from "./assessmentLevel.ts";

/** Exactly at every "some" mark, below every "experienced" one. */
const SOME: AssessmentResults = {
  plank_hold: 30,
  push_up_max: 10,
  single_leg_squat_left: 5,
  single_leg_squat_right: 5,
  single_leg_calf_raise_left: 12,
  single_leg_calf_raise_right: 12,
};
/** Exactly at every "experienced" mark. */
const EXPERIENCED: AssessmentResults = {
  plank_hold: 60,
  push_up_max: 20,
  single_leg_squat_left: 10,
  single_leg_squat_right: 10,
  single_leg_calf_raise_left: 20,
  single_leg_calf_raise_right: 20,
};

describe("suggestLevel thresholds", () => {
  it("the table holds runstrong's marks", () => {
    expect(LEVEL_THRESHOLDS).toEqual([
      {
        level: "experienced",
        marks: { plank_hold: 60, push_up_max: 20, single_leg_squat: 10, single_leg_calf_raise: 20 },
      },
      { level: "some", marks: { plank_hold: 30, push_up_max: 10, single_leg_squat: 5 } },
    ]);
  });

  it("exactly at the marks reaches the level", () => {
    expect(suggestLevel(SOME).level).toBe("some");
    expect(suggestLevel(EXPERIENCED).level).toBe("experienced");
  });

  it.each([
    ["plank_hold", 29],
    ["push_up_max", 9],
    ["single_leg_squat_left", 4],
    ["single_leg_squat_right", 4],
  ] as [AssessmentTestId, number][])("%s one below the 'some' mark: new", (test, value) => {
    expect(suggestLevel({ ...SOME, [test]: value }).level).toBe("new");
  });

  it.each([
    ["plank_hold", 59],
    ["push_up_max", 19],
    ["single_leg_squat_left", 9],
    ["single_leg_squat_right", 9],
    ["single_leg_calf_raise_left", 19],
    ["single_leg_calf_raise_right", 19],
  ] as [AssessmentTestId, number][])("%s one below the 'experienced' mark: some", (test, value) => {
    expect(suggestLevel({ ...EXPERIENCED, [test]: value }).level).toBe("some");
  });

  it("calf raises do not count for 'some', but are needed for 'experienced'", () => {
    const {
      single_leg_calf_raise_left: _l,
      single_leg_calf_raise_right: _r,
      ...noCalf
    } = EXPERIENCED;
    const r = suggestLevel(noCalf);
    expect(r.level).toBe("some");
    expect(r.reasons[1]).toBe(
      "For experienced: 20 one-leg calf raises on each leg (not tested yet).",
    );
    expect(suggestLevel({ ...SOME, single_leg_calf_raise_left: 0 }).level).toBe("some");
  });

  it("the running tests never change the level", () => {
    expect(suggestLevel({ ...SOME, time_5k: 900, cooper_12min: 3600 }).level).toBe("some");
  });

  it("without the tests the lowest marks need there is no suggestion", () => {
    const r = suggestLevel({ plank_hold: 90, single_leg_squat_left: 12 });
    expect(r.level).toBeNull();
    expect(r.reasons).toEqual([
      "Log push-ups and one-leg squats on both legs to get a level suggestion.",
    ]);
  });
});

describe("suggestLevel words", () => {
  it("says what was reached and what the next level needs", () => {
    const r = suggestLevel({
      plank_hold: 75,
      push_up_max: 22,
      single_leg_squat_left: 8,
      single_leg_squat_right: 12,
      single_leg_calf_raise_left: 21,
      single_leg_calf_raise_right: 21,
    });
    expect(r.level).toBe("some");
    expect(r.reasons).toEqual([
      "Your plank reached 75 s, you did 22 push-ups and 8 one-leg squats on your weaker leg: at or above the marks for some.",
      "For experienced: 10 one-leg squats on each leg (your weaker leg: 8).",
    ]);
  });

  it("for experienced names every result", () => {
    expect(suggestLevel(EXPERIENCED).reasons).toEqual([
      "Your plank reached 60 s, you did 20 push-ups, 10 one-leg squats on each leg and 20 one-leg calf raises on each leg: at or above the marks for experienced.",
    ]);
  });

  it("for new says which 'some' marks are missed", () => {
    expect(suggestLevel({ ...SOME, plank_hold: 20, push_up_max: 8 }).reasons).toEqual([
      "Not yet at the marks for some: a 30 s plank (yours: 20 s) and 10 push-ups (yours: 8).",
    ]);
  });
});

describe("suggestLevel imbalances", () => {
  it("flags a side more than 20% behind the other, and only then", () => {
    expect(
      suggestLevel({ single_leg_squat_left: 8, single_leg_squat_right: 10 }).imbalances,
    ).toEqual([]);
    const r = suggestLevel({
      single_leg_squat_left: 7,
      single_leg_squat_right: 10,
      side_plank_hold_left: 50,
      side_plank_hold_right: 38,
    });
    expect(r.imbalances.map((i) => [i.test, i.weaker, i.percent])).toEqual([
      ["side_plank_hold", "right", 24],
      ["single_leg_squat", "left", 30],
    ]);
    expect(r.imbalances[0]?.message).toBe(
      "Side plank: your right side held 38 s against 50 s on the left (24% less). Give the right side an extra set until the two sides are within 20%.",
    );
    expect(r.imbalances[1]?.message).toMatch(/^One-leg squats: your left leg did 7 against 10/);
  });

  it("needs both sides and something on the stronger one", () => {
    expect(suggestLevel({ single_leg_calf_raise_left: 5 }).imbalances).toEqual([]);
    expect(
      suggestLevel({ single_leg_calf_raise_left: 0, single_leg_calf_raise_right: 0 }).imbalances,
    ).toEqual([]);
  });
});

describe("suggestLevel properties", () => {
  const tests: AssessmentTestId[] = [
    "plank_hold",
    "push_up_max",
    "single_leg_squat_left",
    "single_leg_squat_right",
    "single_leg_calf_raise_left",
    "single_leg_calf_raise_right",
    "side_plank_hold_left",
    "side_plank_hold_right",
  ];
  const resultsArb = fc.dictionary(
    fc.constantFrom(...tests),
    fc.integer({ min: 0, max: 150 }),
  ) as fc.Arbitrary<AssessmentResults>;

  it("better results never lower the suggested level", () => {
    fc.assert(
      fc.property(
        resultsArb,
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 8, maxLength: 8 }),
        (base, gains) => {
          const better: AssessmentResults = {};
          for (const [i, t] of tests.entries()) {
            const v = base[t];
            if (v !== undefined) better[t] = v + (gains[i] ?? 0);
          }
          const before = suggestLevel(base).level;
          const after = suggestLevel(better).level;
          // Whether a suggestion can be made depends on which tests exist, not on their values.
          expect(after === null).toBe(before === null);
          if (before !== null && after !== null) {
            expect(levelRank(after)).toBeGreaterThanOrEqual(levelRank(before));
          }
        },
      ),
    );
  });

  it("a suggested level always comes with at least one reason", () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        expect(suggestLevel(results).reasons.length).toBeGreaterThan(0);
      }),
    );
  });
});

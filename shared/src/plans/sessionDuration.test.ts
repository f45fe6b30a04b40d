// The one duration estimate: sets × (work on each side + rest) + a transition per exercise.
import { describe, expect, it } from "vitest";
import {
  estimateDayMinutes,
  estimateDaySeconds,
  itemSeconds,
  TRANSITION_S,
} from "./sessionDuration.ts";

describe("session duration", () => {
  it("counts reps at 3 s, both sides for per-side work, rest after each set and one transition", () => {
    const lunge = { mode: "reps", per_side: true, sets: 3, target_reps: 10, rest_s: 60 } as const;
    expect(itemSeconds(lunge)).toBe(3 * (10 * 3 * 2 + 60) + TRANSITION_S);
  });

  it("counts holds by their target and AMRAP as a typical set", () => {
    expect(
      itemSeconds({ mode: "hold", per_side: false, sets: 3, target_hold_s: 45, rest_s: 30 }),
    ).toBe(3 * 75 + TRANSITION_S);
    expect(itemSeconds({ mode: "amrap", per_side: false, sets: 1, rest_s: 60 })).toBe(
      36 + 60 + TRANSITION_S,
    );
  });

  it("rounds a day up to whole minutes so a session never runs over what it says", () => {
    const items = [
      { mode: "hold", per_side: false, sets: 1, target_hold_s: 31, rest_s: 0 } as const,
    ];
    expect(estimateDaySeconds(items)).toBe(61);
    expect(estimateDayMinutes(items)).toBe(2);
    expect(estimateDayMinutes([])).toBe(0);
  });
});

// A plan's set count equals what logging it produces: one set.log per set and side (the engine
// logs each side of a one-sided set separately; its own tests pin that).
import { describe, expect, it } from "vitest";
import { expandRoutine, routineById } from "../catalog/catalogLookup.ts";
import { loggedSetCount } from "./setCount.ts";

describe("loggedSetCount", () => {
  it("counts each side of a one-sided exercise as a set", () => {
    expect(
      loggedSetCount([
        { sets: 3, per_side: true },
        { sets: 2, per_side: false },
      ]),
    ).toBe(8);
  });

  it("matches the number of sets the top-seven routine logs (27, not 21)", () => {
    const routine = routineById("top-seven");
    if (!routine) throw new Error("no top-seven");
    const items = expandRoutine(routine);
    expect(loggedSetCount(items)).toBe(27);
  });
});

// Backoff: doubling steps, bounded by the ceiling, jittered within the upper half of each step.
import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.ts";

describe("Backoff", () => {
  it("doubles up to the ceiling with the jitter inside the upper half of each step", () => {
    const low = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0 });
    const high = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0.999_999 });
    expect(Array.from({ length: 6 }, () => low.next())).toEqual([
      500, 1000, 2000, 4000, 4000, 4000,
    ]);
    expect(Array.from({ length: 6 }, () => high.next())).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("starts over after a success", () => {
    const b = new Backoff({ random: () => 0.5 });
    b.next();
    b.next();
    expect(b.attempts).toBe(2);
    b.reset();
    expect(b.next()).toBe(1500);
  });
});

// Clock and word styles always carry the same seconds: what the watch shows after a hold is
// what every page says.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatClock, formatDuration } from "./durationText.ts";

function fromClock(text: string): number {
  return text.split(":").reduce((t, n) => t * 60 + Number(n), 0);
}

function fromWords(text: string): number {
  const unit: Record<string, number> = { h: 3600, min: 60, s: 1 };
  const tokens = text.split(" ");
  let t = 0;
  for (let i = 0; i < tokens.length; i += 2)
    t += Number(tokens[i]) * (unit[tokens[i + 1] ?? ""] ?? NaN);
  return t;
}

describe("durations", () => {
  it("writes the examples runners see", () => {
    expect(formatClock(218)).toBe("3:38");
    expect(formatDuration(218)).toBe("3 min 38 s");
    expect(formatDuration(179)).toBe("2 min 59 s");
    expect(formatDuration(180)).toBe("3 min");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(3723)).toBe("1 h 02 min 3 s");
    expect(formatDuration(7200)).toBe("2 h");
    expect(formatClock(3723)).toBe("1:02:03");
  });

  it("never rounds the two styles apart, for any number of seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000 }), (s) => {
        expect(fromClock(formatClock(s))).toBe(s);
        expect(fromWords(formatDuration(s))).toBe(s);
      }),
    );
  });
});

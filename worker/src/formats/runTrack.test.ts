// Moving time skips pauses and standing still; distance never joins two segments; the kind
// guess reads length, pace and the variation of the pace.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guessRunKind, variation } from "./runKindGuess.ts";
import { MAX_GAP_S, summarizeTrack, type TrackSample } from "./runTrack.ts";

const T0 = Date.parse("2026-05-10T06:00:00Z");

/** Samples every `step` s at `speed` m/s, starting at (t, d). */
function run(t: number, d: number, seconds: number, speed: number, step = 5, segment = 0) {
  const out: TrackSample[] = [];
  for (let s = 0; s <= seconds; s += step) out.push({ t: t + s * 1000, d: d + speed * s, segment });
  return out;
}

describe("track summary", () => {
  it("counts a steady run's distance, time and heart rate", () => {
    const samples = run(T0, 0, 1800, 3).map((s, i) => ({ ...s, hr: 140 + (i % 2) * 10 }));
    const sum = summarizeTrack(samples);
    expect(sum).toMatchObject({ startMs: T0, distanceM: 5400, movingS: 1800, avgHr: 145 });
    expect(sum?.minuteSpeeds).toHaveLength(30);
  });

  it("leaves out a pause longer than the gap limit and standing at a light", () => {
    const first = run(T0, 0, 600, 3);
    const paused = run(T0 + (600 + 120) * 1000, 1800, 600, 3); // auto-pause: 2 minutes, no points
    const light = run(T0 + 1320 * 1000, 3600, 60, 0.1); // standing: points, barely moving
    const last = run(T0 + 1385 * 1000, 3606, 300, 3);
    const sum = summarizeTrack([...first, ...paused, ...light, ...last]);
    expect(sum?.movingS).toBe(600 + 600 + 300);
    expect(sum?.distanceM).toBeCloseTo(1800 + 1800 + 6 + 900, 6);
  });

  it("never adds the jump between two segments", () => {
    const sum = summarizeTrack([
      ...run(T0, 0, 300, 3, 5, 1),
      ...run(T0 + 400_000, 5000, 300, 3, 5, 2),
    ]);
    expect(sum?.distanceM).toBe(1800);
    expect(sum?.movingS).toBe(600);
  });

  it("moving time never exceeds elapsed time, nor counts a gap over the limit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dt: fc.integer({ min: 1, max: 90 }),
            v: fc.double({ min: 0, max: 8, noNaN: true }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (steps) => {
          let t = T0;
          let d = 0;
          const samples: TrackSample[] = [{ t, d, segment: 0 }];
          let allowed = 0;
          for (const { dt, v } of steps) {
            t += dt * 1000;
            d += v * dt;
            samples.push({ t, d, segment: 0 });
            if (dt <= MAX_GAP_S) allowed += dt;
          }
          const sum = summarizeTrack(samples);
          expect(sum?.movingS).toBeLessThanOrEqual(Math.round(allowed));
          expect(sum?.movingS).toBeLessThanOrEqual((t - T0) / 1000);
        },
      ),
    );
  });

  it("has nothing to say about an empty track", () => {
    expect(summarizeTrack([])).toBeNull();
  });
});

describe("kind guess", () => {
  const minutes = (n: number, speed: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => speed(i));

  it("calls a steady easy pace easy and a steady fast one tempo", () => {
    expect(
      guessRunKind({ distanceM: 8000, movingS: 2880, minuteSpeeds: minutes(48, () => 2.78) }),
    ).toBe("easy");
    expect(
      guessRunKind({ distanceM: 10_000, movingS: 2580, minuteSpeeds: minutes(43, () => 3.88) }),
    ).toBe("tempo");
  });

  it("calls a run of fast and slow minutes intervals", () => {
    const reps = minutes(30, (i) => (i % 4 < 2 ? 4.5 : 2.2));
    expect(variation(reps)).toBeGreaterThan(0.3);
    expect(guessRunKind({ distanceM: 6000, movingS: 1800, minuteSpeeds: reps })).toBe("intervals");
  });

  it("calls anything from 75 minutes or 18 km long", () => {
    expect(guessRunKind({ distanceM: 14_000, movingS: 80 * 60, minuteSpeeds: [] })).toBe("long");
    expect(guessRunKind({ distanceM: 18_500, movingS: 70 * 60, minuteSpeeds: [] })).toBe("long");
  });

  it("reads the pace alone when there is no track", () => {
    expect(guessRunKind({ distanceM: 5000, movingS: 1800, minuteSpeeds: [] })).toBe("easy");
    expect(guessRunKind({ distanceM: 0, movingS: 0, minuteSpeeds: [] })).toBe("easy");
  });
});

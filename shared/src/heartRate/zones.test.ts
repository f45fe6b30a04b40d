/// <reference types="node" />
// Heart-rate zones: the max HR a profile gives (setting first, then Tanaka from age), the zone
// boundaries at 50/60/70/80/90 %, properties over every reading, and the module's ES5-only code.
import path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  estimatedMaxHr,
  HR_BPM_MAX,
  HR_BPM_MIN,
  hrZone,
  hrZoneOf,
  MAX_HR_SETTING_MAX,
  MAX_HR_SETTING_MIN,
  maxHeartRate,
  zoneRanges,
} from "./zones.ts";

describe("max heart rate", () => {
  it("uses the runner's own max_hr when it is set, whatever the year of birth", () => {
    expect(maxHeartRate({ max_hr: 188, birth_year: 1990 }, 2026)).toEqual({
      bpm: 188,
      source: "setting",
    });
  });

  it("estimates it from age by Tanaka's 208 − 0.7 × age when only the year of birth is known", () => {
    // 40 years old: 208 − 28 = 180.
    expect(maxHeartRate({ max_hr: null, birth_year: 1986 }, 2026)).toEqual({
      bpm: 180,
      source: "age",
    });
    // 25 years old: 208 − 17.5 = 190.5, rounded to 191.
    expect(estimatedMaxHr(2001, 2026)).toBe(191);
  });

  it("is unknown when neither setting is there", () => {
    expect(maxHeartRate({}, 2026)).toBeNull();
    expect(maxHeartRate({ max_hr: null, birth_year: null }, 2026)).toBeNull();
  });
});

describe("zones", () => {
  it("start at 50, 60, 70, 80 and 90 % of max, a boundary belonging to the zone above", () => {
    // Max 200: the zones start at 100, 120, 140, 160 and 180 bpm.
    expect(
      [99, 100, 119, 120, 139, 140, 159, 160, 179, 180, 200, 230].map((hr) => hrZone(hr, 200)),
    ).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5]);
    expect(hrZoneOf(150, 200)).toEqual({ zone: 3, label: "Moderate" });
    expect(hrZoneOf(60, 200)).toEqual({ zone: 0, label: "Rest" });
    expect(hrZoneOf(185, 200)).toEqual({ zone: 5, label: "Maximum" });
  });

  it("list their whole-bpm ranges for a max that does not divide evenly", () => {
    // Max 187: 93.5 → 94, 112.2 → 113, 130.9 → 131, 149.6 → 150, 168.3 → 169.
    expect(zoneRanges(187).map((r) => [r.zone, r.label, r.from_bpm, r.below_bpm])).toEqual([
      [0, "Rest", 0, 94],
      [1, "Very light", 94, 113],
      [2, "Light", 113, 131],
      [3, "Moderate", 131, 150],
      [4, "Hard", 150, 169],
      [5, "Maximum", 169, null],
    ]);
  });

  const hr = fc.integer({ min: HR_BPM_MIN, max: HR_BPM_MAX });
  // Every max a runner can set, and every one Tanaka gives for ages 0 to 126.
  const max = fc.oneof(
    fc.integer({ min: MAX_HR_SETTING_MIN, max: MAX_HR_SETTING_MAX }),
    fc.integer({ min: 1900, max: 2026 }).map((year) => estimatedMaxHr(year, 2026)),
  );

  it("never go down as heart rate goes up (property)", () => {
    fc.assert(
      fc.property(max, hr, hr, (m, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(hrZone(low, m)).toBeLessThanOrEqual(hrZone(high, m));
      }),
    );
  });

  it("put every heart rate from 25 to 250 bpm in exactly one zone, the one hrZone names (property)", () => {
    fc.assert(
      fc.property(max, hr, (m, h) => {
        const containing = zoneRanges(m).filter(
          (r) => h >= r.from_bpm && (r.below_bpm === null || h < r.below_bpm),
        );
        expect(containing).toHaveLength(1);
        expect(containing[0]?.zone).toBe(hrZone(h, m));
        expect(hrZone(h, m)).toBeGreaterThanOrEqual(0);
        expect(hrZone(h, m)).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe("the zones module on the watch", () => {
  it("type-checks under lib ES5 alone, as the Fitbit device build does", () => {
    const file = path.join(path.dirname(new URL(import.meta.url).pathname), "zones.ts");
    const program = ts.createProgram({
      rootNames: [file],
      options: {
        lib: ["lib.es5.d.ts"],
        target: ts.ScriptTarget.ES5,
        strict: true,
        noEmit: true,
        types: [],
        allowImportingTsExtensions: true,
      },
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
  }, 60_000);
});

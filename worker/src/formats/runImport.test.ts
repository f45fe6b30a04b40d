// Uploaded files to runs: FIT files written with Garmin's Encoder and GPX files written here,
// read through the same function the import route calls.
import { describe, expect, it } from "vitest";
import { fitActivityFile, gpxDocument, steadyTrack, thenTrack } from "../../test/runFiles.ts";
import { geodesicM } from "./geodesy.ts";
import { FIT_TYPE, GPX_TYPE, runFromFile } from "./runImport.ts";

const enc = (s: string) => new TextEncoder().encode(s);
// 22:30 UTC on 31 May is already 1 June in Berlin.
const LATE = Date.parse("2026-05-31T22:30:00Z");

describe("GPX", () => {
  const track = steadyTrack({ startMs: LATE, speed: 3, seconds: 1800, hr: (i) => 140 + (i % 3) });

  it("reads distance by the geodesic, moving time, heart rate, and dates it in the runner's zone", () => {
    const out = runFromFile(
      GPX_TYPE,
      enc(gpxDocument([track])),
      "Morning loop.gpx",
      "Europe/Berlin",
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const first = track[0] as (typeof track)[0];
    const last = track[track.length - 1] as (typeof track)[0];
    // Straight north: the sum of the steps equals the one geodesic from end to end.
    expect(out.run.distance_m).toBeCloseTo(geodesicM(first, last), 0);
    expect(out.run.distance_m).toBeGreaterThan(5350);
    expect(out.run.distance_m).toBeLessThan(5450);
    expect(out.run).toMatchObject({
      date: "2026-06-01",
      duration_s: 1800,
      avg_hr: 141,
      kind: "easy",
      notes: "Morning loop.gpx",
    });
    const utc = runFromFile(GPX_TYPE, enc(gpxDocument([track])), null, "UTC");
    expect(utc.ok && utc.run.date).toBe("2026-05-31");
    expect(utc.ok && utc.run.notes).toBeUndefined();
  });

  it("has no heart rate when the file has none, and leaves a pause out of the time", () => {
    const plain = steadyTrack({ startMs: LATE, speed: 3, seconds: 600 });
    const withPause = thenTrack(plain, { speed: 3, seconds: 600, afterS: 180 });
    const out = runFromFile(GPX_TYPE, enc(gpxDocument([withPause])), "x.gpx", "UTC");
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.run.avg_hr).toBeUndefined();
    expect(out.run.duration_s).toBe(1200);
    expect(out.run.distance_m).toBeGreaterThan(3560);
    expect(out.run.distance_m).toBeLessThan(3640);
  });

  it("guesses intervals, tempo and long from the pace", () => {
    let reps = steadyTrack({ startMs: LATE, speed: 2.5, seconds: 600 });
    for (let i = 0; i < 6; i++) {
      reps = thenTrack(reps, { speed: 5, seconds: 120 });
      reps = thenTrack(reps, { speed: 2, seconds: 120 });
    }
    const kind = (points: typeof reps) => {
      const out = runFromFile(GPX_TYPE, enc(gpxDocument([points])), null, "UTC");
      return out.ok ? out.run.kind : out.message;
    };
    expect(kind(reps)).toBe("intervals");
    expect(kind(steadyTrack({ startMs: LATE, speed: 3.9, seconds: 2400 }))).toBe("tempo");
    expect(kind(steadyTrack({ startMs: LATE, speed: 3, seconds: 80 * 60, stepS: 10 }))).toBe(
      "long",
    );
  });

  it("refuses a file without track points, with a sentence", () => {
    const empty = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="1" lon="2"/></gpx>`;
    expect(runFromFile(GPX_TYPE, enc(empty), null, "UTC")).toEqual({
      ok: false,
      message: expect.stringMatching(/no timed track points/),
    });
  });

  it("refuses a ride, by its type or by its speed", () => {
    const ride = steadyTrack({ startMs: LATE, speed: 9, seconds: 900 });
    const typed = runFromFile(
      GPX_TYPE,
      enc(gpxDocument([track], { type: "cycling" })),
      null,
      "UTC",
    );
    expect(typed).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"cycling", not a run/),
    });
    const fast = runFromFile(GPX_TYPE, enc(gpxDocument([ride])), null, "UTC");
    expect(fast).toMatchObject({ ok: false, message: expect.stringMatching(/too fast for a run/) });
  });

  it("refuses text that is not GPX or not XML", () => {
    for (const text of ["hello", "<gpx><trk><trkseg><trkpt", '<?xml version="1.0"?><kml/>']) {
      const out = runFromFile(GPX_TYPE, enc(text), null, "UTC");
      expect(out.ok, text).toBe(false);
      expect(out.ok ? "" : out.message).toMatch(/^This (GPX )?file/);
    }
    expect(runFromFile(GPX_TYPE, new Uint8Array([0xff, 0xfe, 0x00]), null, "UTC").ok).toBe(false);
  });

  it("keeps entities unexpanded (no XML bomb)", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx><trk><name>&b;</name></trk></gpx>`;
    expect(runFromFile(GPX_TYPE, enc(bomb), null, "UTC").ok).toBe(false);
  });
});

describe("FIT", () => {
  const points = steadyTrack({ startMs: LATE, speed: 3.2, seconds: 2400, hr: () => 150 });

  it("takes the session's distance, timer time and heart rate, and the start's local date", () => {
    const out = runFromFile(
      FIT_TYPE,
      fitActivityFile({ sport: "running", points, totalDistance: 6900, totalTimerTime: 2300 }),
      "Easy.fit",
      "Europe/Berlin",
    );
    expect(out).toEqual({
      ok: true,
      run: {
        date: "2026-06-01",
        distance_m: 6900,
        duration_s: 2300,
        avg_hr: 150,
        kind: "easy",
        notes: "Easy.fit",
      },
    });
  });

  it("sums the records when the session has no distance or time", () => {
    const out = runFromFile(
      FIT_TYPE,
      fitActivityFile({
        sport: "running",
        points,
        totalDistance: null,
        totalTimerTime: null,
        avgHeartRate: null,
      }),
      null,
      "UTC",
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.run.distance_m).toBeCloseTo(3.2 * 2400, -1);
    expect(out.run.duration_s).toBe(2400);
    expect(out.run.avg_hr).toBe(150);
  });

  it("refuses a cycling activity", () => {
    const out = runFromFile(FIT_TYPE, fitActivityFile({ sport: "cycling", points }), null, "UTC");
    expect(out).toEqual({
      ok: false,
      message: "This FIT file is a cycling activity, not a run: only runs can be imported.",
    });
  });

  it("refuses a truncated file, a flipped byte and bytes that are not FIT", () => {
    const good = fitActivityFile({ sport: "running", points });
    const flipped = good.slice();
    flipped[200] = (flipped[200] ?? 0) ^ 0xff;
    for (const bad of [good.slice(0, good.length - 40), flipped]) {
      expect(runFromFile(FIT_TYPE, bad, null, "UTC")).toEqual({
        ok: false,
        message: expect.stringMatching(/damaged or incomplete/),
      });
    }
    expect(runFromFile(FIT_TYPE, enc("not a fit file at all"), null, "UTC")).toMatchObject({
      ok: false,
    });
    expect(runFromFile(FIT_TYPE, new Uint8Array(0), null, "UTC")).toMatchObject({ ok: false });
  });
});

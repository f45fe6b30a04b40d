// The strength-session FIT file read back with Garmin's own Decoder (integrity checked): the
// required activity messages, one set message per set, rest sets between them, the catalog's
// categories, and records in time order.
import { describe, expect, it } from "vitest";
import { decodeFit } from "../../test/fitDecode.ts";
import { encodeStrengthActivity, type FitSessionInput, type FitSetInput } from "./fitActivity.ts";

const T0 = Date.parse("2026-03-02T17:30:00Z");
const at = (s: number) => T0 + s * 1000;

function set(
  over: Partial<FitSetInput> & Pick<FitSetInput, "exerciseId">,
  from: number,
  to: number,
): FitSetInput {
  return { startedMs: at(from), endedMs: at(to), reps: null, holdS: null, weightKg: null, ...over };
}

const base: FitSessionInput = {
  id: "s-1",
  startedMs: at(0),
  endedMs: at(600),
  sets: [],
  timeZone: "Europe/Berlin",
  units: "metric",
  nowMs: at(700),
};

describe("strength session as a FIT activity", () => {
  const sets: FitSetInput[] = [
    set({ exerciseId: "goblet-squat", reps: 10, weightKg: 16 }, 10, 50),
    set({ exerciseId: "goblet-squat", reps: 9, weightKg: 16 }, 110, 148),
    set({ exerciseId: "side-plank", holdS: 30 }, 200, 231),
    set({ exerciseId: "side-plank", holdS: 28 }, 231, 260),
    set({ exerciseId: "reverse-lunge", reps: 10 }, 300, 340),
    set({ exerciseId: "not-in-catalog", reps: 5 }, 400, 420),
  ];
  const fit = decodeFit(encodeStrengthActivity({ ...base, sets }));

  it("has the activity file's required messages", () => {
    expect(fit.fileIdMesgs?.[0]).toMatchObject({ type: "activity", manufacturer: "development" });
    expect(fit.fileIdMesgs?.[0].serialNumber).toBeGreaterThan(0);
    expect(fit.sessionMesgs).toHaveLength(1);
    expect(fit.sessionMesgs?.[0]).toMatchObject({
      sport: "training",
      subSport: "strengthTraining",
      totalElapsedTime: 600,
      totalTimerTime: 600,
      numLaps: 1,
    });
    expect(fit.sessionMesgs?.[0].startTime.getTime()).toBe(at(0));
    expect(fit.lapMesgs).toHaveLength(1);
    expect(fit.activityMesgs?.[0]).toMatchObject({ numSessions: 1 });
    // Berlin is an hour ahead of UTC in March: the local timestamp says so.
    const activity = fit.activityMesgs?.[0];
    expect(activity.localTimestamp - (activity.timestamp.getTime() - 631065600000) / 1000).toBe(
      3600,
    );
    expect(fit.eventMesgs?.map((e) => `${e.event}:${e.eventType}`)).toEqual([
      "timer:start",
      "timer:stopAll",
    ]);
  });

  it("writes one active set per set, in order, with reps, holds, weight and start times", () => {
    const active = fit.setMesgs?.filter((s) => s.setType === "active") ?? [];
    expect(active).toHaveLength(sets.length);
    active.forEach((m, i) => {
      const s = sets[i] as FitSetInput;
      expect(m.startTime.getTime(), `set ${i}`).toBe(s.startedMs);
      expect(m.timestamp.getTime(), `set ${i}`).toBe(s.endedMs);
      if (s.reps !== null) expect(m.repetitions).toBe(s.reps);
      else expect(m.repetitions).toBeUndefined();
      expect(m.duration).toBe(s.holdS ?? (s.endedMs - s.startedMs) / 1000);
      if (s.weightKg !== null) expect(m.weight).toBe(s.weightKg);
      else expect(m.weight).toBeUndefined();
    });
    // FIT's "no value" subtype reads back as no subtype at all.
    expect(active.map((m) => [m.category[0], m.categorySubtype?.[0]])).toEqual([
      ["squat", 37],
      ["squat", 37],
      ["plank", 66],
      ["plank", 66],
      ["lunge", 32],
      ["unknown", undefined],
    ]);
  });

  it("puts a rest set in every gap, lasting the gap, and numbers all sets", () => {
    const all = fit.setMesgs ?? [];
    expect(all.map((m) => m.messageIndex)).toEqual(all.map((_, i) => i));
    const rests = all.filter((s) => s.setType === "rest");
    // Gaps: 50→110, 148→200, 260→300, 340→400; the two side-plank sides touch.
    expect(rests.map((r) => r.duration)).toEqual([60, 52, 40, 60]);
    expect(rests[0]?.startTime.getTime()).toBe(at(50));
    expect(all.map((m) => m.setType)).toEqual([
      "active",
      "rest",
      "active",
      "rest",
      "active",
      "active",
      "rest",
      "active",
      "rest",
      "active",
    ]);
  });

  it("writes records at each set's start and end, in increasing time", () => {
    const times = (fit.recordMesgs ?? []).map((r) => r.timestamp.getTime());
    expect(times.length).toBeGreaterThanOrEqual(sets.length + 2);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    for (const s of sets) {
      expect(times).toContain(s.startedMs);
      expect(times).toContain(s.endedMs);
    }
    expect(fit.recordMesgs?.some((r) => r.heartRate !== undefined)).toBe(false);
  });
});

describe("edge cases", () => {
  it("carries heart rate into records and the session when sets have it", () => {
    const fit = decodeFit(
      encodeStrengthActivity({
        ...base,
        sets: [
          set({ exerciseId: "squat", reps: 12, heartRate: 120 }, 0, 40),
          set({ exerciseId: "squat", reps: 12, heartRate: 140, heartRateMax: 152 }, 100, 140),
        ],
      }),
    );
    expect(fit.recordMesgs?.filter((r) => r.heartRate).map((r) => r.heartRate)).toEqual([
      120, 120, 140, 140,
    ]);
    expect(fit.sessionMesgs?.[0]).toMatchObject({ avgHeartRate: 130, maxHeartRate: 152 });
  });

  it("writes pounds as the display unit for an imperial runner, the weight still in kg", () => {
    const fit = decodeFit(
      encodeStrengthActivity({
        ...base,
        units: "imperial",
        sets: [set({ exerciseId: "dumbbell-row", reps: 8, weightKg: 12.5 }, 0, 30)],
      }),
    );
    expect(fit.setMesgs?.[0]).toMatchObject({ weight: 12.5, weightDisplayUnit: "pound" });
  });

  it("makes a valid file of a session without sets or times", () => {
    const fit = decodeFit(
      encodeStrengthActivity({ ...base, startedMs: null, endedMs: null, sets: [] }),
    );
    expect(fit.setMesgs ?? []).toEqual([]);
    expect(fit.sessionMesgs?.[0]).toMatchObject({
      totalElapsedTime: 0,
      subSport: "strengthTraining",
    });
    expect(fit.recordMesgs?.length).toBeGreaterThanOrEqual(1);
  });

  it("widens the session to sets logged outside its start and end", () => {
    const fit = decodeFit(
      encodeStrengthActivity({
        ...base,
        startedMs: at(100),
        endedMs: at(120),
        sets: [
          set({ exerciseId: "plank", holdS: 60 }, 50, 110),
          set({ exerciseId: "plank", holdS: 60 }, 130, 190),
        ],
      }),
    );
    expect(fit.sessionMesgs?.[0].startTime.getTime()).toBe(at(50));
    expect(fit.sessionMesgs?.[0].totalElapsedTime).toBe(140);
  });
});

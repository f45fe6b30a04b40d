// Reading export documents of every version: v0 (the legacy shape) upgrades to the current one,
// and every fault is a sentence that names the item.
import { describe, expect, it } from "vitest";
import { EXPORT_VERSION, type ExportDocument } from "../schemas/exportDocument.ts";
import { readExportDocument } from "./exportUpgrade.ts";

const PLAN_BODY = {
  name: "Base block",
  days: [
    {
      weekday: 2,
      title: "Legs",
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 10,
          rest_s: 60,
        },
      ],
    },
  ],
};

/** A version 0 document: no settings, run distances in km as `distance_km`, plan bodies as `body`. */
const LEGACY_V0 = {
  format: "runstrong-export",
  version: 0,
  exported_at: "2025-06-01T08:00:00Z",
  plans: [{ id: "p1", body: PLAN_BODY }],
  sessions: [
    {
      id: "s1",
      started_at: "2025-05-30T18:00:00Z",
      ended_at: "2025-05-30T18:40:00Z",
      plan_id: "p1",
      plan_day: 2,
      source: "plan",
      name: "Legs",
      rpe: 7,
      notes: null,
    },
  ],
  sets: [
    {
      id: "t1",
      session_id: "s1",
      exercise_id: "squat",
      set_index: 0,
      started_at: "2025-05-30T18:03:00Z",
      ended_at: "2025-05-30T18:03:40Z",
      reps: 10,
      hold_s: null,
      side: null,
      weight_kg: 12.5,
      rpe: null,
      target_reps: 10,
      target_hold_s: null,
    },
  ],
  runs: [
    {
      id: "r1",
      date: "2025-05-31",
      distance_km: 12.3456,
      duration_s: 3900,
      kind: "long",
      notes: null,
      avg_hr: 148,
    },
  ],
  assessments: [{ id: "a1", date: "2025-05-26", test: "plank_hold", value: 95, notes: null }],
};

const problemsOf = (raw: unknown) => {
  const read = readExportDocument(raw);
  if (read.ok) throw new Error("expected a refusal");
  return read.problems.map((p) => p.message);
};

describe("readExportDocument", () => {
  it("upgrades a version 0 document: settings null, distance in metres, plan body as plan", () => {
    const read = readExportDocument(LEGACY_V0);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.fromVersion).toBe(0);
    const doc: ExportDocument = read.document;
    expect(doc.version).toBe(EXPORT_VERSION);
    expect(doc.settings).toBeNull();
    expect(doc.runs[0]).toMatchObject({ id: "r1", distance_m: 12345.6 });
    expect(doc.runs[0]).not.toHaveProperty("distance_km");
    expect(doc.plans[0]).toEqual({ id: "p1", plan: PLAN_BODY });
  });

  it("reads a current document as it is", () => {
    const current = { ...LEGACY_V0, version: 1, settings: null };
    current.runs = [{ ...LEGACY_V0.runs[0], distance_m: 5000 } as never];
    current.plans = [{ id: "p1", plan: PLAN_BODY } as never];
    const read = readExportDocument(current);
    expect(read.ok && read.fromVersion).toBe(1);
  });

  it("refuses what is not an export, and a newer version, in sentences", () => {
    expect(problemsOf([1, 2])[0]).toMatch(/^This is not a runstrong export/);
    expect(problemsOf({ format: "strava" })[0]).toMatch(/^This is not a runstrong export/);
    expect(problemsOf({ ...LEGACY_V0, version: "one" })[0]).toMatch(/no version number/);
    expect(problemsOf({ ...LEGACY_V0, version: 9 })[0]).toBe(
      `This export was written by a newer runstrong (version 9); this server reads versions 0 to ${EXPORT_VERSION}.`,
    );
  });

  it("names the item and the field of an invalid entity", () => {
    const bad = structuredClone(LEGACY_V0);
    (bad.sets[0] as Record<string, unknown>).weight_kg = "heavy";
    (bad.runs[0] as Record<string, unknown>).kind = "jog";
    delete (bad.assessments[0] as Record<string, unknown>).date;
    (bad.sessions[0] as Record<string, unknown>).started_at = "yesterday";
    expect(problemsOf(bad)).toEqual([
      'Session 1 (id "s1"): its started_at is not a date and time with an offset, like 2026-03-01T07:30:00Z.',
      'Set 1 (id "t1"): its weight_kg should be a number.',
      'Run 1 (id "r1"): its kind must be one of "easy", "long", "tempo", "intervals", "race", "other".',
      'Assessment 1 (id "a1"): its date is missing.',
    ]);
    expect(problemsOf({ ...LEGACY_V0, sets: "none" })).toEqual([
      'The document\'s "sets" should be a list.',
    ]);
  });
});

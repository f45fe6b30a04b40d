// The three CSV exports as tables built from the export document: one row per set, run and
// assessment, with catalog names, both unit systems where a spreadsheet wants them, ISO dates.
import { exerciseById } from "@runstrong/shared/catalog";
import { assessmentTests, type ExportDocument, type Units } from "@runstrong/shared/schemas";
import { distanceValue, formatClock, localDate } from "../../web/format.ts";
import { type CsvCell, csvTable } from "./csvText.ts";

/** Kilograms per pound is fixed by definition; the pages round the same way (format.ts). */
const LB_PER_KG = 2.20462;
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

export const SETS_HEADER = [
  "set_id",
  "session_id",
  "session_date",
  "session_name",
  "exercise_id",
  "exercise_name",
  "set_index",
  "side",
  "reps",
  "hold_s",
  "weight",
  "weight_unit",
  "weight_kg",
  "rpe",
  "started_at",
  "ended_at",
] as const;

/** Sets in the document's order; the session date is the start's day in the runner's zone. */
export function setsCsv(doc: ExportDocument, units: Units, tz: string): string {
  const sessions = new Map(doc.sessions.map((s) => [s.id, s]));
  const rows = doc.sets.map((set): CsvCell[] => {
    const session = sessions.get(set.session_id);
    const start = Date.parse(session?.started_at ?? set.started_at);
    const kg = set.weight_kg;
    return [
      set.id,
      set.session_id,
      localDate(start, tz),
      session?.name ?? null,
      set.exercise_id,
      exerciseById(set.exercise_id)?.name ?? null,
      set.set_index,
      set.side,
      set.reps,
      set.hold_s,
      kg === null ? null : units === "imperial" ? round(kg * LB_PER_KG, 1) : kg,
      kg === null ? null : units === "imperial" ? "lb" : "kg",
      kg,
      set.rpe,
      set.started_at,
      set.ended_at,
    ];
  });
  return csvTable(SETS_HEADER, rows);
}

export const RUNS_HEADER = [
  "run_id",
  "date",
  "kind",
  "distance_km",
  "distance_mi",
  "duration_s",
  "duration",
  "pace_per_km",
  "pace_per_mi",
  "avg_hr",
  "notes",
] as const;

/** Both distances and paces, so the file reads the same whatever the account's units. */
export function runsCsv(doc: ExportDocument): string {
  const rows = doc.runs.map((run): CsvCell[] => {
    const km = distanceValue(run.distance_m, "metric");
    const mi = distanceValue(run.distance_m, "imperial");
    const pace = (per: number) => (per > 0 ? formatClock(Math.round(run.duration_s / per)) : null);
    return [
      run.id,
      run.date,
      run.kind,
      round(km, 3),
      round(mi, 3),
      run.duration_s,
      formatClock(run.duration_s),
      pace(km),
      pace(mi),
      run.avg_hr,
      run.notes,
    ];
  });
  return csvTable(RUNS_HEADER, rows);
}

export const ASSESSMENTS_HEADER = [
  "assessment_id",
  "date",
  "test_id",
  "test_name",
  "value",
  "unit",
  "notes",
] as const;

const TESTS = new Map<string, { name: string; unit: string }>(
  assessmentTests.map((t) => [t.id, t]),
);

export function assessmentsCsv(doc: ExportDocument): string {
  const rows = doc.assessments.map((a): CsvCell[] => [
    a.id,
    a.date,
    a.test,
    TESTS.get(a.test)?.name ?? null,
    a.value,
    TESTS.get(a.test)?.unit ?? null,
    a.notes,
  ]);
  return csvTable(ASSESSMENTS_HEADER, rows);
}

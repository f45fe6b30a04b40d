// The three CSV exports read by an independent parser (csv-parse) and compared field by field with
// the account's data: names and notes with commas, quotes, line breaks and non-Latin letters.
import { exerciseById } from "@runstrong/shared/catalog";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { call, pairDevice, push, signUp, type User } from "../../../test/apiClient.ts";
import { buildBusyAccount, TRICKY } from "../../../test/busyAccount.ts";

// biome-ignore lint/suspicious/noExplicitAny: export documents under test.
type Doc = Record<string, any>;

let user: User;
let doc: Doc;

/** The text a cell must hold: empty for nothing, plain text for numbers. */
const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
/** The rows of a CSV answer, after checking it is a dated CSV download with CRLF records. */
async function csvRows(u: User, name: string): Promise<Record<string, string>[]> {
  const res = await call("GET", `/export/${name}.csv`, { cookie: u.cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(
    new RegExp(`^attachment; filename="runstrong-${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
  );
  const text = String(res.body);
  expect(text.endsWith("\r\n")).toBe(true);
  // Every line break outside a quoted field is CRLF: csv-parse is told to accept only that.
  return parse(text, { columns: true, record_delimiter: "\r\n" });
}

beforeAll(async () => {
  user = await signUp();
  await buildBusyAccount(user, 3, "csv");
  doc = (await call("GET", "/export", { cookie: user.cookie })).body;
}, 60_000);

describe("GET /export/sets.csv", () => {
  it("has one row per set with every field, weights in pounds and in kg", async () => {
    const rows = await csvRows(user, "sets");
    expect(Object.keys(rows[0] ?? {})).toEqual([
      ...["set_id", "session_id", "session_date", "session_name", "exercise_id", "exercise_name"],
      ...["set_index", "side", "reps", "hold_s", "weight", "weight_unit", "weight_kg", "rpe"],
      ...["started_at", "ended_at"],
    ]);
    expect(rows.length).toBe(doc.sets.length);
    const sessions = new Map(doc.sessions.map((s: Doc) => [s.id, s]));
    const warsawDay = (iso: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(Date.parse(iso));
    doc.sets.forEach((set: Doc, i: number) => {
      const session = sessions.get(set.session_id) as Doc;
      const kg = set.weight_kg;
      expect(rows[i]).toEqual({
        set_id: set.id,
        session_id: set.session_id,
        session_date: warsawDay(session.started_at),
        session_name: cell(session.name),
        exercise_id: set.exercise_id,
        exercise_name: exerciseById(set.exercise_id)?.name,
        set_index: cell(set.set_index),
        side: cell(set.side),
        reps: cell(set.reps),
        hold_s: cell(set.hold_s),
        weight: kg === null ? "" : String(Math.round(kg * 2.20462 * 10) / 10),
        weight_unit: kg === null ? "" : "lb",
        weight_kg: cell(kg),
        rpe: cell(set.rpe),
        started_at: set.started_at,
        ended_at: set.ended_at,
      });
    });
    expect(rows.some((r) => r.session_name === TRICKY.sessionName)).toBe(true);
    expect(rows.some((r) => r.weight_kg !== "" && r.side !== "" && r.hold_s === "")).toBe(true);
  });

  it("writes kilograms for a metric account", async () => {
    const metric = await signUp();
    const watch = await pairDevice(metric);
    await push(watch, [
      {
        seq: 1,
        op: "session.start",
        args: { id: "m1", started_at: "2026-02-01T23:30:00Z", name: "ランニング後" },
      },
      {
        seq: 2,
        op: "set.log",
        args: {
          ...{ id: "m1-1", session_id: "m1", exercise_id: "goblet-squat", set_index: 0, reps: 8 },
          ...{
            weight_kg: 16,
            started_at: "2026-02-01T23:31:00Z",
            ended_at: "2026-02-01T23:31:30Z",
          },
        },
      },
    ]);
    const [row] = await csvRows(metric, "sets");
    // No time zone setting: days are UTC days.
    expect(row).toMatchObject({
      session_date: "2026-02-01",
      session_name: "ランニング後",
      weight: "16",
      weight_unit: "kg",
      weight_kg: "16",
    });
  });
});

describe("GET /export/runs.csv", () => {
  it("has one row per run: both distances, duration, both paces, heart rate, notes", async () => {
    const rows = await csvRows(user, "runs");
    expect(rows.length).toBe(doc.runs.length);
    const clock = (s: number) => {
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const sec = String(s % 60).padStart(2, "0");
      return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
    };
    doc.runs.forEach((run: Doc, i: number) => {
      const km = run.distance_m / 1000;
      const mi = run.distance_m / 1609.344;
      expect(rows[i]).toEqual({
        run_id: run.id,
        date: run.date,
        kind: run.kind,
        distance_km: String(Math.round(km * 1000) / 1000),
        distance_mi: String(Math.round(mi * 1000) / 1000),
        duration_s: String(run.duration_s),
        duration: clock(run.duration_s),
        pace_per_km: clock(Math.round(run.duration_s / km)),
        pace_per_mi: clock(Math.round(run.duration_s / mi)),
        avg_hr: cell(run.avg_hr),
        notes: cell(run.notes),
      });
    });
    expect(rows.map((r) => r.notes)).toContain(TRICKY.runNotes);
  });
});

describe("GET /export/assessments.csv", () => {
  it("has one row per assessment with the test's name and unit; a formula stays text", async () => {
    const rows = await csvRows(user, "assessments");
    expect(rows.length).toBe(doc.assessments.length);
    const names: Record<string, [string, string]> = {
      plank_hold: ["Plank hold", "s"],
      time_5k: ["5 km time trial", "s"],
      push_up_max: ["Push-ups in one go", "reps"],
    };
    doc.assessments.forEach((a: Doc, i: number) => {
      expect(rows[i]).toEqual({
        assessment_id: a.id,
        date: a.date,
        test_id: a.test,
        test_name: names[a.test]?.[0],
        value: String(a.value),
        unit: names[a.test]?.[1],
        // Notes starting with "=" would run as a formula in a spreadsheet: an apostrophe first.
        notes: a.notes === null ? "" : a.notes.startsWith("=") ? `'${a.notes}` : a.notes,
      });
    });
    expect(rows.map((r) => r.notes)).toContain(`'${TRICKY.assessmentNotes}`);
  });

  it("answers 401 without a sign-in and only the caller's rows otherwise", async () => {
    expect((await call("GET", "/export/assessments.csv")).status).toBe(401);
    const other = await signUp();
    expect(await csvRows(other, "assessments")).toEqual([]);
    expect(await csvRows(other, "sets")).toEqual([]);
  });
});

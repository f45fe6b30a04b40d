// The run form's rules: how times and distances are read, a sentence for each bad field, and the
// promise that whatever the form accepts the server's RunLogArgs accepts too.
import { RunLogArgs } from "@runstrong/shared/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRun, explainRejection, parseDuration, type RunInput } from "./runForm.ts";

const TODAY = "2026-11-30";
const good: RunInput = {
  date: TODAY,
  distance: "8.5",
  duration: "45:00",
  kind: "tempo",
  avgHr: "",
  notes: "",
};
const check = (extra: Partial<RunInput>, units: "metric" | "imperial" = "metric") =>
  checkRun({ ...good, ...extra }, { today: TODAY, units });
const errorsOf = (extra: Partial<RunInput>) => {
  const r = check(extra);
  return r.ok ? {} : r.errors;
};

describe("run form", () => {
  it("reads times as h:mm:ss, mm:ss or minutes", () => {
    expect(parseDuration("1:05:30")).toBe(3930);
    expect(parseDuration("45:00")).toBe(2700);
    expect(parseDuration("90:15")).toBe(5415);
    expect(parseDuration("45")).toBe(2700);
    expect(parseDuration("45,5")).toBe(2730);
    for (const bad of ["", "an hour", "1:75:00", "45:60", "4:5", "-5", "1h"])
      expect(parseDuration(bad), bad).toBeNull();
  });

  it("property: every h:mm:ss reads back as its seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 * 3600 }), (t) => {
        const text = `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
        expect(parseDuration(text)).toBe(t);
      }),
    );
  });

  it("turns km or miles into metres and keeps the optional fields", () => {
    expect(check({ avgHr: "152", notes: " Hilly loop " })).toEqual({
      ok: true,
      values: {
        date: TODAY,
        distance_m: 8500,
        duration_s: 2700,
        kind: "tempo",
        avg_hr: 152,
        notes: "Hilly loop",
      },
    });
    const miles = check({ distance: "5" }, "imperial");
    expect(miles.ok && miles.values.distance_m).toBe(8046.7);
    // An edit that leaves the distance text alone keeps the exact stored metres.
    const kept = checkRun(
      { ...good, distance: "5" },
      { today: TODAY, units: "imperial", kept: { text: "5", meters: 8050 } },
    );
    expect(kept.ok && kept.values.distance_m).toBe(8050);
  });

  it("says in a sentence what is wrong with each bad field", () => {
    expect(errorsOf({ distance: "-3" }).distance).toBe("A distance cannot be negative.");
    expect(errorsOf({ distance: "0" }).distance).toMatch(/more than 0 km/);
    expect(errorsOf({ distance: "5000" }).distance).toMatch(/at most 1000 km/);
    expect(errorsOf({ distance: "ten" }).distance).toMatch(/as a number/);
    expect(errorsOf({ duration: "0" }).duration).toMatch(/more than 0/);
    expect(errorsOf({ duration: "24:00:01" }).duration).toBe("A run can last at most 24 hours.");
    expect(errorsOf({ duration: "soon" }).duration).toMatch(/h:mm:ss, mm:ss or minutes/);
    expect(errorsOf({ distance: "42", duration: "10:00" }).duration).toMatch(/faster than any/);
    expect(errorsOf({ date: "2026-12-02" }).date).toMatch(/more than a day ahead/);
    expect(errorsOf({ date: "2026-12-01" }).date).toBeUndefined();
    expect(errorsOf({ date: "" }).date).toBe("Enter the day you ran.");
    expect(errorsOf({ avgHr: "19" }).avg_hr).toMatch(/from 20 to 260/);
    expect(errorsOf({ avgHr: "261" }).avg_hr).toMatch(/from 20 to 260/);
    expect(errorsOf({ avgHr: "150.5" }).avg_hr).toMatch(/whole number/);
    expect(errorsOf({ notes: "x".repeat(2001) }).notes).toMatch(/under 2000 characters/);
    expect(errorsOf({ kind: "jog" }).kind).toMatch(/kind of run/);
  });

  it("property: whatever the form accepts, the server's RunLogArgs accepts", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.float({ min: -10, max: 2000, noNaN: true }).map(String),
      fc.integer({ min: -5, max: 2000 }).map(String),
    );
    fc.assert(
      fc.property(
        fc.record({
          date: fc.oneof(
            fc.constantFrom(TODAY, "2026-12-01", "2026-12-02", "1899-12-31", "2026-02-30", "x"),
            fc.string({ maxLength: 10 }),
          ),
          distance: text,
          duration: fc.oneof(text, fc.constantFrom("45:00", "23:59:59", "24:00:01", "0:00")),
          kind: fc.constantFrom("easy", "long", "race", "other", "jog", ""),
          avgHr: fc.oneof(text, fc.constant("")),
          notes: fc.string({ maxLength: 2100 }),
        }),
        fc.constantFrom("metric" as const, "imperial" as const),
        (input, units) => {
          const r = checkRun(input, { today: TODAY, units });
          if (r.ok) expect(RunLogArgs.safeParse({ id: "r1", ...r.values }).success).toBe(true);
          else expect(Object.values(r.errors).every((m) => m?.endsWith("."))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("puts a server rejection back by its field in words", () => {
    const one = explainRejection("distance_m: Too big: expected number to be <=1000000");
    expect(one.fields.distance).toMatch(/^The server did not accept this distance/);
    expect(one.form).toBeNull();
    const two = explainRejection("avg_hr: Too small; date: Invalid ISO date");
    expect(Object.keys(two.fields).sort()).toEqual(["avg_hr", "date"]);
    const other = explainRejection("id: id may hold letters, digits, '-' and '_' only");
    expect(other.fields).toEqual({});
    expect(other.form).toMatch(/nothing was saved/);
  });
});

// Reading typed assessment results: seconds or m:ss, reps, distances in the runner's units, and
// a plain sentence for every kind of bad input.
import { formatClock } from "@runstrong/shared/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateProblem, parseAssessmentValue, parseSeconds, todayIn } from "./assessmentInput.ts";

const ok = (value: number) => ({ ok: true, value });
const refused = (pattern: RegExp) => ({ ok: false, message: expect.stringMatching(pattern) });

describe("parseSeconds", () => {
  it("reads seconds, m:ss and h:mm:ss", () => {
    expect(parseSeconds("75")).toBe(75);
    expect(parseSeconds(" 75 s ")).toBe(75);
    expect(parseSeconds("1:15")).toBe(75);
    expect(parseSeconds("24:30")).toBe(1470);
    expect(parseSeconds("1:02:03")).toBe(3723);
  });

  it("refuses what it cannot read", () => {
    for (const text of ["", "1:7", "1:75", "abc", "1.5:00", "1::00", "12:3x"]) {
      expect(parseSeconds(text), text).toBeNull();
    }
  });

  it("reads back every clock the app writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 3600 }), (s) => {
        expect(parseSeconds(formatClock(s))).toBe(s);
      }),
    );
  });
});

describe("parseAssessmentValue", () => {
  it("holds: seconds or m:ss, at most an hour", () => {
    expect(parseAssessmentValue("hold", "1:15", "metric")).toEqual(ok(75));
    expect(parseAssessmentValue("hold", "3600", "metric")).toEqual(ok(3600));
    expect(parseAssessmentValue("hold", "1:00:01", "metric")).toEqual(refused(/More than an hour/));
    expect(parseAssessmentValue("hold", "1:7", "metric")).toEqual(refused(/seconds \(75\)/));
  });

  it("5 km: between 12 minutes and 3 hours", () => {
    expect(parseAssessmentValue("time", "24:30", "metric")).toEqual(ok(1470));
    expect(parseAssessmentValue("time", "12:00", "metric")).toEqual(ok(720));
    expect(parseAssessmentValue("time", "11:59", "metric")).toEqual(refused(/world record/));
    expect(parseAssessmentValue("time", "3:00:01", "metric")).toEqual(refused(/Over 3 hours/));
  });

  it("reps: whole numbers", () => {
    expect(parseAssessmentValue("reps", "0", "metric")).toEqual(ok(0));
    expect(parseAssessmentValue("reps", "22", "metric")).toEqual(ok(22));
    expect(parseAssessmentValue("reps", "2.5", "metric")).toEqual(refused(/whole reps/));
    expect(parseAssessmentValue("reps", "5000", "metric")).toEqual(refused(/1,000/));
  });

  it("distance: in km or mi, stored as metres", () => {
    expect(parseAssessmentValue("distance", "2.8", "metric")).toEqual(ok(2800));
    expect(parseAssessmentValue("distance", "2,85 km", "metric")).toEqual(ok(2850));
    expect(parseAssessmentValue("distance", "1.75", "imperial")).toEqual(ok(2816));
    expect(parseAssessmentValue("distance", "2800", "metric")).toEqual(refused(/not in metres/));
    expect(parseAssessmentValue("distance", "7", "metric")).toEqual(refused(/world record/));
    expect(parseAssessmentValue("distance", "0", "metric")).toEqual(
      refused(/distance you covered/),
    );
  });

  it("empty and negative are refused for every kind", () => {
    for (const kind of ["hold", "time", "reps", "distance"] as const) {
      expect(parseAssessmentValue(kind, "  ", "metric")).toEqual(refused(/Enter your result/));
      expect(parseAssessmentValue(kind, "-5", "metric")).toEqual(refused(/negative/));
    }
  });
});

describe("dates", () => {
  it("refuses empty, malformed and future dates", () => {
    expect(dateProblem("2026-03-20", "2026-03-20")).toBeNull();
    expect(dateProblem("", "2026-03-20")).toMatch(/Enter the date/);
    expect(dateProblem("2026-02-30", "2026-03-20")).toMatch(/YYYY-MM-DD/);
    expect(dateProblem("20/03/2026", "2026-03-20")).toMatch(/YYYY-MM-DD/);
    expect(dateProblem("2026-03-21", "2026-03-20")).toMatch(/future/);
  });

  it("today is the date in the runner's zone", () => {
    const late = new Date("2026-03-20T23:30:00Z");
    expect(todayIn("UTC", late)).toBe("2026-03-20");
    expect(todayIn("Europe/Berlin", late)).toBe("2026-03-21");
    expect(todayIn("America/New_York", late)).toBe("2026-03-20");
  });
});

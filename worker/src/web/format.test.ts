// Date arithmetic of the web view inside workerd: local days and weeks in the viewer's zone.
import { describe, expect, it } from "vitest";
import {
  addDays,
  formatDuration,
  isIsoDate,
  isoWeekday,
  localDate,
  mondayOf,
  safeTimeZone,
  startOfLocalDay,
} from "./format.ts";

describe("web view dates", () => {
  it("finds local midnight in zones east and west of Greenwich, across DST", () => {
    expect(new Date(startOfLocalDay("2026-01-05", "UTC")).toISOString()).toBe(
      "2026-01-05T00:00:00.000Z",
    );
    expect(new Date(startOfLocalDay("2026-01-05", "Australia/Sydney")).toISOString()).toBe(
      "2026-01-04T13:00:00.000Z",
    );
    expect(new Date(startOfLocalDay("2026-07-05", "America/New_York")).toISOString()).toBe(
      "2026-07-05T04:00:00.000Z",
    );
    // The day clocks go forward in Europe.
    expect(new Date(startOfLocalDay("2026-03-29", "Europe/Berlin")).toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
  });

  it("dates an instant by the viewer's calendar, not UTC's", () => {
    const sevenAmInSydney = Date.parse("2026-01-04T20:00:00Z");
    expect(localDate(sevenAmInSydney, "Australia/Sydney")).toBe("2026-01-05");
    expect(localDate(sevenAmInSydney, "UTC")).toBe("2026-01-04");
  });

  it("counts ISO weeks from Monday", () => {
    expect(isoWeekday("2026-01-05")).toBe(1);
    expect(isoWeekday("2026-01-11")).toBe(7);
    expect(mondayOf("2026-01-11")).toBe("2026-01-05");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });

  it("accepts only real calendar dates and known zones", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("yesterday")).toBe(false);
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone("Europe/Paris")).toBe("Europe/Paris");
  });

  it("writes durations as the watch counts them, without rounding seconds away", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(14 * 60 + 37)).toBe("14 min 37 s");
    expect(formatDuration(3600 + 25 * 60)).toBe("1 h 25 min");
  });
});

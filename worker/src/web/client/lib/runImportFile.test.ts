// The run import's file rules and sentences, without a browser.
import { describe, expect, it } from "vitest";
import { importAnswer, MAX_FILE_BYTES, runFileType } from "./runImportFile.ts";

const RUN = {
  id: "imp-1",
  date: "2026-06-14",
  distance_m: 8421,
  duration_s: 2700,
  kind: "easy",
  notes: null,
  avg_hr: null,
  version: 3,
  deleted: false,
};

describe("run file type", () => {
  it("sends .fit and .gpx (any case) with their media types", () => {
    expect(runFileType("Morning Run.FIT", 10)).toEqual({
      ok: true,
      type: "application/vnd.ant.fit",
    });
    expect(runFileType("loop.gpx", 10)).toEqual({ ok: true, type: "application/gpx+xml" });
  });

  it("says why it sends nothing for another file or one over 10 MB", () => {
    expect(runFileType("photo.jpg", 10)).toEqual({
      ok: false,
      message: "photo.jpg is not a .fit or .gpx file: choose a FIT or GPX run.",
    });
    expect(runFileType("huge.gpx", MAX_FILE_BYTES + 1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/over 10 MB/),
    });
  });
});

describe("import answer", () => {
  it("says what was imported, in the runner's units", () => {
    expect(importAnswer(201, { run: RUN }, "metric")).toMatchObject({
      ok: true,
      duplicate: false,
      message: "Imported 8.4 km on 2026-06-14. Its kind is a guess: edit the run if it is wrong.",
    });
    expect(
      importAnswer(201, { run: RUN }, "imperial").ok &&
        importAnswer(201, { run: RUN }, "imperial").message,
    ).toContain("5.2 mi");
  });

  it("says a duplicate was there before", () => {
    expect(importAnswer(200, { run: RUN, duplicate: true }, "metric")).toMatchObject({
      ok: true,
      duplicate: true,
      message: expect.stringMatching(/^You imported this file before/),
    });
  });

  it("passes the server's sentence on, and words the offline and unreadable cases", () => {
    expect(
      importAnswer(400, { error: "invalid_file", message: "This FIT file is damaged." }, "metric"),
    ).toEqual({ ok: false, message: "This FIT file is damaged." });
    expect(importAnswer(0, null, "metric")).toEqual({
      ok: false,
      message: "You seem to be offline; nothing was sent.",
    });
    expect(importAnswer(502, null, "metric")).toEqual({
      ok: false,
      message: "The import failed (the server answered 502); nothing was stored.",
    });
  });
});

import { describe, expect, it } from "vitest";
import { importSentence } from "./importSentence.ts";

const none = { plans: 0, sessions: 0, sets: 0, runs: 0, assessments: 0, settings: 0 };

describe("importSentence", () => {
  it("lists what was imported and counts what was already here", () => {
    expect(
      importSentence({
        imported: { ...none, plans: 1, sessions: 12, sets: 130, runs: 1, settings: 1 },
        skipped: { ...none, assessments: 3, settings: 1 },
      }),
    ).toBe("Imported 1 plan, 12 sessions, 130 sets, 1 run and your settings. 3 were already here.");
    expect(importSentence({ imported: { ...none, runs: 2 }, skipped: { ...none, runs: 1 } })).toBe(
      "Imported 2 runs. 1 was already here.",
    );
  });

  it("says when nothing was new", () => {
    expect(importSentence({ imported: none, skipped: { ...none, sets: 40, settings: 1 } })).toBe(
      "Nothing new to import: all 40 items were already here.",
    );
    expect(importSentence({ imported: none, skipped: none })).toBe(
      "The file holds nothing to import.",
    );
  });
});

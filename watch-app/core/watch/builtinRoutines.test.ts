// The watch's zod-free copy of the built-in routines must equal the catalog's own expansion.
import { exerciseById, expandRoutine, routines } from "@runstrong/shared/catalog";
import { startSession } from "@runstrong/shared/engine";
import { describe, expect, it } from "vitest";
import { BUILTIN_CUES, BUILTIN_ROUTINES } from "./builtinRoutines.ts";

describe("built-in routines", () => {
  it("match the catalog routine for routine, item for item", () => {
    expect(BUILTIN_ROUTINES).toEqual(
      routines.map((r) => ({ id: r.id, name: r.name, items: expandRoutine(r) })),
    );
  });

  it("carry the first catalog cue of every hold they use (the intro screen before a hold shows it)", () => {
    const holds = BUILTIN_ROUTINES.flatMap((r) => r.items.filter((i) => i.mode === "hold"));
    const ids = new Set(holds.map((i) => i.exercise_id));
    expect(ids.size).toBeGreaterThan(0);
    expect(Object.keys(BUILTIN_CUES).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(BUILTIN_CUES[id]).toBe(exerciseById(id)?.cues[0]);
  });

  it("are runnable by the session engine", () => {
    for (const r of BUILTIN_ROUTINES) {
      expect(() => startSession({ sessionId: "S", items: r.items, nowMs: 0 })).not.toThrow();
    }
  });
});

// Example tests of the screen view model: one per screen, plus clock formatting.
import { describe, expect, it } from "vitest";
import type { EngineEventType, EngineItem, EngineState } from "./index.ts";
import { dispatch, formatClock, startSession, view } from "./index.ts";

const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);
const at = (s: number) => T0 + s * 1000;

const bridge: EngineItem = {
  exercise_id: "glute_bridge",
  name: "Glute bridge",
  mode: "reps",
  per_side: false,
  sets: 3,
  target_reps: 12,
  rest_s: 45,
};
const sidePlank: EngineItem = {
  exercise_id: "side_plank",
  name: "Side plank",
  mode: "hold",
  per_side: true,
  sets: 2,
  target_hold_s: 30,
  rest_s: 60,
};

function after(items: EngineItem[], script: [number, EngineEventType][], name?: string) {
  let s: EngineState = startSession({
    sessionId: "v1",
    items,
    nowMs: T0,
    ...(name ? { name } : {}),
  }).state;
  for (const [sec, type] of script) s = dispatch(s, { type }, at(sec)).state;
  return s;
}

describe("view", () => {
  it("reps: the count, ring towards the target, undo once something is counted", () => {
    expect(view(after([bridge, sidePlank], []), at(1))).toStrictEqual({
      screen: "reps",
      title: "Glute bridge",
      big: "0",
      target: "12 reps",
      set_label: "Set 1 of 3",
      ring: 0,
      next_up: "Side plank",
      can_undo: false,
    });
    const s = after(
      [bridge],
      [
        [1, "rep_tap"],
        [2, "rep_tap"],
        [3, "rep_tap"],
      ],
    );
    expect(view(s, at(4))).toMatchObject({ big: "3", ring: 0.25, can_undo: true });
    expect(view(s, at(4))).not.toHaveProperty("next_up");
  });

  it("reps ring is clamped at 1 past the target", () => {
    const s = after(
      [{ ...bridge, target_reps: 1 }],
      [
        [1, "rep_tap"],
        [2, "rep_tap"],
      ],
    );
    expect(view(s, at(3)).ring).toBe(1);
    expect(view(s, at(3)).target).toBe("1 rep");
  });

  it("amrap shows max as the target", () => {
    const s = after([{ ...bridge, mode: "amrap", target_reps: undefined }], []);
    expect(view(s, at(0))).toMatchObject({ target: "max", ring: 0 });
  });

  it("intro: the hold target, left side first", () => {
    expect(view(after([sidePlank], []), at(0))).toStrictEqual({
      screen: "intro",
      title: "Side plank",
      big: "0:30",
      target: "30 s",
      side: "left",
      set_label: "Set 1 of 2",
      ring: 0,
      can_undo: false,
    });
  });

  it("hold: seconds left rounded up, ring from elapsed time", () => {
    const s = after([sidePlank], [[10, "hold_start"]]);
    expect(view(s, at(10))).toMatchObject({ screen: "hold", big: "0:30", ring: 0 });
    expect(view(s, at(17.5))).toMatchObject({ big: "0:23", ring: 0.25 });
    expect(view(s, at(39.01))).toMatchObject({ big: "0:01" });
  });

  it("switch_side: prompts for the right side once the left hold ran out, even without a tick", () => {
    const s = after([sidePlank], [[0, "hold_start"]]);
    expect(view(s, at(31))).toMatchObject({ screen: "switch_side", big: "Switch", side: "right" });
  });

  it("rest: time left and what comes next", () => {
    const s = after([bridge], [[5, "set_done"]]);
    expect(view(s, at(20))).toStrictEqual({
      screen: "rest",
      title: "Glute bridge",
      big: "0:30",
      target: "12 reps",
      set_label: "Set 2 of 3",
      ring: 1 / 3,
      can_undo: false,
    });
  });

  it("paused: the screen underneath, frozen, without undo", () => {
    const s = after(
      [bridge],
      [
        [1, "rep_tap"],
        [5, "set_done"],
        [20, "pause"],
      ],
    );
    const frozen = view(s, at(20));
    expect(frozen).toMatchObject({ screen: "paused", big: "0:30", can_undo: false });
    expect(view(s, at(900))).toStrictEqual(frozen);
  });

  it("summary: duration and totals", () => {
    const s = after(
      [bridge],
      [
        [1, "rep_tap"],
        [2, "rep_tap"],
        [3725, "finish"],
      ],
      "Thursday",
    );
    expect(view(s, at(9999))).toStrictEqual({
      screen: "summary",
      title: "Thursday",
      big: "1:02:05",
      target: "1 set",
      set_label: "Done",
      ring: 1,
      can_undo: false,
      summary: { duration_s: 3725, sets: 1, total_reps: 2, total_hold_s: 0 },
    });
  });
});

describe("formatClock", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [65, "1:05"],
    [600, "10:00"],
    [3600, "1:00:00"],
    [-3, "0:00"],
  ])("%d s → %s", (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});

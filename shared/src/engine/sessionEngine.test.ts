// Example tests of the session engine: every event, timer cues, and one full session walk with
// the exact mutations it must emit.
import { describe, expect, it } from "vitest";
import type { MutationBody } from "../schemas/mutations.ts";
import type { EngineEventType, EngineItem, EngineState, Step } from "./index.ts";
import { dispatch, startSession, summary, tick, view } from "./index.ts";

const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);
const at = (s: number) => T0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();

const squat: EngineItem = {
  exercise_id: "goblet_squat",
  name: "Goblet squat",
  mode: "reps",
  per_side: false,
  sets: 2,
  target_reps: 3,
  rest_s: 30,
  weight_kg: 16,
};
const plank: EngineItem = {
  exercise_id: "plank",
  name: "Plank",
  mode: "hold",
  per_side: false,
  sets: 1,
  target_hold_s: 20,
  rest_s: 0,
};
const splitSquat: EngineItem = {
  exercise_id: "split_squat",
  name: "Split squat",
  mode: "reps",
  per_side: true,
  sets: 2,
  target_reps: 5,
  rest_s: 60,
};
const sidePlank: EngineItem = {
  exercise_id: "side_plank",
  name: "Side plank",
  mode: "hold",
  per_side: true,
  sets: 1,
  target_hold_s: 10,
  rest_s: 15,
};
const pushups: EngineItem = {
  exercise_id: "pushup",
  name: "Push-up",
  mode: "amrap",
  per_side: false,
  sets: 1,
  rest_s: 0,
};

function start(items: EngineItem[], name?: string): EngineState {
  return startSession({ sessionId: "sess1", items, nowMs: T0, ...(name ? { name } : {}) }).state;
}

/** Runs events (or "tick") at the given seconds from T0, collecting everything emitted. */
function run(state: EngineState, script: [number, EngineEventType | "tick"][]) {
  let s = state;
  const steps: Step[] = [];
  for (const [sec, type] of script) {
    const step = type === "tick" ? tick(s, at(sec)) : dispatch(s, { type }, at(sec));
    steps.push(step);
    s = step.state;
  }
  return {
    state: s,
    steps,
    mutations: steps.flatMap((st) => st.mutations),
    cues: steps.flatMap((st) => st.cues),
  };
}

function setLogs(mutations: MutationBody[]) {
  return mutations.flatMap((m) => (m.op === "set.log" ? [m.args] : []));
}

describe("startSession", () => {
  it("emits session.start with the metadata given and opens the first set", () => {
    const step = startSession({
      sessionId: "sess1",
      items: [squat],
      nowMs: T0,
      name: "Monday strength",
      planId: "plan7",
      planDay: 3,
      source: "watch",
    });
    expect(step.mutations).toEqual([
      {
        op: "session.start",
        args: {
          id: "sess1",
          started_at: iso(0),
          plan_id: "plan7",
          plan_day: 3,
          source: "watch",
          name: "Monday strength",
        },
      },
    ]);
    expect(step.cues).toEqual([]);
    expect(step.state.phase).toBe("reps");
  });

  it("omits absent metadata instead of sending undefined", () => {
    const { mutations } = startSession({ sessionId: "sess1", items: [squat], nowMs: T0 });
    expect(mutations[0]?.args).toStrictEqual({ id: "sess1", started_at: iso(0) });
  });

  it("starts a hold exercise in intro, waiting for hold_start", () => {
    expect(start([plank]).phase).toBe("intro");
  });

  it.each([
    ["a too-long session id", { sessionId: "x".repeat(36), items: [squat] }, /sessionId/],
    ["a session id with bad characters", { sessionId: "a b", items: [squat] }, /sessionId/],
    ["no items", { sessionId: "s", items: [] }, /items must be a non-empty array/],
    ["a bad mode", { sessionId: "s", items: [{ ...squat, mode: "jog" }] }, /items\[0\]\.mode/],
    ["zero sets", { sessionId: "s", items: [{ ...squat, sets: 0 }] }, /items\[0\]\.sets/],
  ])("rejects %s", (_label, opts, message) => {
    expect(() =>
      startSession({ ...(opts as { sessionId: string; items: EngineItem[] }), nowMs: T0 }),
    ).toThrow(message);
  });

  it("rejects an unusable clock", () => {
    expect(() => startSession({ sessionId: "s", items: [squat], nowMs: Number.NaN })).toThrow(
      /nowMs/,
    );
  });
});

describe("reps sets", () => {
  it("counts taps and undo restores the previous count, never below zero", () => {
    const { state, steps } = run(start([squat]), [
      [1, "rep_tap"],
      [2, "rep_tap"],
      [3, "undo_tap"],
      [4, "undo_tap"],
      [5, "undo_tap"],
    ]);
    expect(steps.map((s) => s.state.count)).toEqual([1, 2, 1, 0, 0]);
    expect(steps[4]?.state).toBe(steps[3]?.state);
    expect(state.count).toBe(0);
  });

  it("set_done logs the counted reps with the target and weight, then rests", () => {
    const { state, mutations, cues } = run(start([squat]), [
      [2, "rep_tap"],
      [4, "rep_tap"],
      [9, "set_done"],
    ]);
    expect(mutations).toEqual([
      {
        op: "set.log",
        args: {
          id: "sess1-1",
          session_id: "sess1",
          exercise_id: "goblet_squat",
          set_index: 0,
          started_at: iso(0),
          ended_at: iso(9),
          reps: 2,
          weight_kg: 16,
          target_reps: 3,
        },
      },
    ]);
    expect(cues).toEqual([{ kind: "set_done" }]);
    expect(state.phase).toBe("rest");
    expect(state.setIndex).toBe(1);
  });

  it("set_done with nothing counted logs a zero-rep set", () => {
    const { mutations } = run(start([squat]), [[5, "set_done"]]);
    expect(setLogs(mutations)[0]?.reps).toBe(0);
  });

  it("amrap logs reps without a target when none was planned", () => {
    const { mutations } = run(start([pushups]), [
      [1, "rep_tap"],
      [2, "set_done"],
    ]);
    const [log] = setLogs(mutations);
    expect(log?.reps).toBe(1);
    expect(log).not.toHaveProperty("target_reps");
    expect(log).not.toHaveProperty("hold_s");
  });

  it("amrap keeps a planned target", () => {
    const { mutations } = run(start([{ ...pushups, target_reps: 20 }]), [[2, "set_done"]]);
    expect(setLogs(mutations)[0]?.target_reps).toBe(20);
  });
});

describe("hold sets", () => {
  it("hold_start starts a countdown that ends by itself with hold_s = target", () => {
    const { state, steps, mutations } = run(start([plank, squat]), [
      [5, "hold_start"],
      [22, "tick"],
      [23, "tick"],
      [24, "tick"],
      [25, "tick"],
      [26, "tick"],
    ]);
    expect(steps.map((s) => s.cues)).toEqual([
      [],
      [{ kind: "countdown", n: 3 }],
      [{ kind: "countdown", n: 2 }],
      [{ kind: "countdown", n: 1 }],
      [{ kind: "hold_end" }],
      [],
    ]);
    expect(setLogs(mutations)).toEqual([
      {
        id: "sess1-1",
        session_id: "sess1",
        exercise_id: "plank",
        set_index: 0,
        started_at: iso(5),
        ended_at: iso(25),
        hold_s: 20,
        target_hold_s: 20,
      },
    ]);
    // rest_s 0: straight into the next exercise, which began when the hold ended.
    expect(state.phase).toBe("reps");
    expect(state.setStartedAtMs).toBe(at(25));
  });

  it("hold_complete ends early with the whole seconds held", () => {
    const { mutations, cues } = run(start([plank, squat]), [
      [5, "hold_start"],
      [17.9, "hold_complete"],
    ]);
    expect(setLogs(mutations)[0]).toMatchObject({
      hold_s: 12,
      ended_at: new Date(at(17.9)).toISOString(),
    });
    expect(cues).toEqual([{ kind: "set_done" }]);
  });

  it("excludes paused time from the hold", () => {
    const { mutations, steps } = run(start([plank, squat]), [
      [5, "hold_start"],
      [10, "pause"],
      [100, "tick"],
      [100, "resume"],
      [114, "tick"],
      [115, "tick"],
    ]);
    expect(steps[2]?.cues).toEqual([]);
    expect(setLogs(mutations)).toHaveLength(1);
    expect(setLogs(mutations)[0]).toMatchObject({
      hold_s: 20,
      started_at: iso(5),
      ended_at: iso(115),
    });
  });

  it("an open-ended hold (no target) counts up until hold_complete", () => {
    const openHold: EngineItem = { ...plank, target_hold_s: undefined };
    const { mutations } = run(start([openHold]), [
      [0, "hold_start"],
      [500, "tick"],
      [754.5, "hold_complete"],
    ]);
    const [log] = setLogs(mutations);
    expect(log?.hold_s).toBe(754);
    expect(log).not.toHaveProperty("target_hold_s");
  });

  it("hold_start means nothing outside intro; hold_complete nothing outside a hold", () => {
    const s = start([squat]);
    expect(dispatch(s, { type: "hold_start" }, at(1))).toEqual({
      state: s,
      mutations: [],
      cues: [],
    });
    expect(dispatch(s, { type: "hold_complete" }, at(1)).state).toBe(s);
  });
});

describe("timer cues", () => {
  it("a late tick announces only the second still ahead", () => {
    const { steps } = run(start([plank]), [
      [0, "hold_start"],
      [18.5, "tick"],
      [18.7, "tick"],
      [19.5, "tick"],
    ]);
    expect(steps.map((s) => s.cues)).toEqual([
      [],
      [{ kind: "countdown", n: 2 }],
      [],
      [{ kind: "countdown", n: 1 }],
    ]);
  });

  it("a tick after the end emits the end cue once and no countdown", () => {
    const { steps } = run(start([plank, squat]), [
      [0, "hold_start"],
      [40, "tick"],
      [41, "tick"],
    ]);
    expect(steps[1]?.cues).toEqual([{ kind: "hold_end" }]);
    expect(steps[2]?.cues).toEqual([]);
  });

  it("a rest running out moves on with rest_end, timed from the rest's real end", () => {
    const { state, steps } = run(start([squat]), [
      [10, "set_done"],
      [37, "tick"],
      [39.5, "tick"],
      [41, "tick"],
    ]);
    expect(steps[1]?.cues).toEqual([{ kind: "countdown", n: 3 }]);
    expect(steps[2]?.cues).toEqual([{ kind: "countdown", n: 1 }]);
    expect(steps[3]?.cues).toEqual([{ kind: "rest_end" }]);
    expect(state.phase).toBe("reps");
    expect(state.setIndex).toBe(1);
    expect(state.setStartedAtMs).toBe(at(40));
  });

  it("one late tick can end a hold and the rest after it", () => {
    const { state, cues, mutations } = run(start([{ ...plank, sets: 2, rest_s: 10 }]), [
      [0, "hold_start"],
      [300, "tick"],
    ]);
    expect(cues).toEqual([{ kind: "hold_end" }, { kind: "rest_end" }]);
    expect(setLogs(mutations)).toHaveLength(1);
    expect(state.phase).toBe("intro");
    expect(state.setIndex).toBe(1);
  });
});

describe("rest", () => {
  const resting = () => run(start([squat]), [[10, "set_done"]]).state;

  it("rest_skip moves to the next set at once", () => {
    const step = dispatch(resting(), { type: "rest_skip" }, at(12));
    expect(step.state.phase).toBe("reps");
    expect(step.state.setStartedAtMs).toBe(at(12));
    expect(step.cues).toEqual([]);
  });

  it("rest_add_15 lengthens the rest and re-arms the countdown", () => {
    const { steps } = run(resting(), [
      [38, "tick"],
      [39, "rest_add_15"],
      [52, "tick"],
      [54, "tick"],
      [55, "tick"],
    ]);
    expect(steps[0]?.cues).toEqual([{ kind: "countdown", n: 2 }]);
    expect(steps[2]?.cues).toEqual([{ kind: "countdown", n: 3 }]);
    expect(steps[3]?.cues).toEqual([{ kind: "countdown", n: 1 }]);
    expect(steps[4]?.cues).toEqual([{ kind: "rest_end" }]);
  });

  it("rest_s 0 skips the rest", () => {
    const { state } = run(start([{ ...squat, rest_s: 0 }]), [[10, "set_done"]]);
    expect(state.phase).toBe("reps");
    expect(state.setIndex).toBe(1);
  });
});

describe("per-side exercises", () => {
  it("runs left, waits for switch_side, runs right, then rests", () => {
    const { state, mutations, cues, steps } = run(start([splitSquat]), [
      [1, "rep_tap"],
      [5, "set_done"],
      [6, "rep_tap"],
      [9, "switch_side"],
      [10, "rep_tap"],
      [20, "set_done"],
    ]);
    expect(steps[1]?.state.phase).toBe("switch_side");
    expect(steps[2]?.state).toBe(steps[1]?.state);
    expect(cues).toEqual([{ kind: "set_done" }, { kind: "switch_side" }, { kind: "set_done" }]);
    expect(
      setLogs(mutations).map((l) => [l.id, l.side, l.set_index, l.reps, l.started_at]),
    ).toEqual([
      ["sess1-1", "left", 0, 1, iso(0)],
      ["sess1-2", "right", 0, 1, iso(9)],
    ]);
    expect(state.phase).toBe("rest");
  });

  it("switch_side on a hold starts the right side's hold at once", () => {
    const { state, mutations } = run(start([sidePlank]), [
      [0, "hold_start"],
      [10, "tick"],
      [13, "switch_side"],
      [23, "tick"],
    ]);
    expect(setLogs(mutations).map((l) => [l.side, l.hold_s, l.started_at, l.ended_at])).toEqual([
      ["left", 10, iso(0), iso(10)],
      ["right", 10, iso(13), iso(23)],
    ]);
    expect(state.phase).toBe("summary");
  });
});

describe("skip_exercise", () => {
  it("drops the current exercise without logging and opens the next one's first set", () => {
    const { state, mutations } = run(start([squat, plank]), [
      [1, "rep_tap"],
      [2, "skip_exercise"],
    ]);
    expect(mutations).toEqual([]);
    expect(state).toMatchObject({ phase: "intro", itemIndex: 1, setIndex: 0 });
  });

  it("during a rest it skips the exercise that comes next", () => {
    const { state } = run(start([{ ...squat, sets: 1 }, plank, splitSquat]), [
      [5, "set_done"],
      [6, "skip_exercise"],
    ]);
    expect(state).toMatchObject({ phase: "reps", itemIndex: 2, side: "left" });
  });

  it("skipping the last exercise finishes the session", () => {
    const { state, mutations } = run(start([squat]), [[3, "skip_exercise"]]);
    expect(mutations).toEqual([{ op: "session.finish", args: { id: "sess1", ended_at: iso(3) } }]);
    expect(state.phase).toBe("summary");
  });
});

describe("pause and resume", () => {
  it("freezes a rest countdown and ignores other events while paused", () => {
    const s = run(start([squat]), [
      [10, "set_done"],
      [20, "pause"],
    ]).state;
    for (const type of ["rep_tap", "rest_skip", "skip_exercise", "pause", "set_done"] as const) {
      expect(dispatch(s, { type }, at(25)).state).toBe(s);
    }
    expect(tick(s, at(500))).toEqual({ state: s, mutations: [], cues: [] });
    const { state } = run(s, [
      [200, "resume"],
      [219, "tick"],
    ]);
    expect(state.phase).toBe("rest");
    expect(tick(state, at(220)).cues).toEqual([{ kind: "rest_end" }]);
  });

  it("resume without pause is ignored", () => {
    const s = start([squat]);
    expect(dispatch(s, { type: "resume" }, at(1)).state).toBe(s);
  });
});

describe("finish", () => {
  it("logs counted reps first, then finishes", () => {
    const { mutations, state } = run(start([squat]), [
      [1, "rep_tap"],
      [7, "finish"],
    ]);
    expect(mutations.map((m) => m.op)).toEqual(["set.log", "session.finish"]);
    expect(state.phase).toBe("summary");
  });

  it("logs a hold under way, paused time excluded", () => {
    const { mutations } = run(start([plank]), [
      [0, "hold_start"],
      [4, "pause"],
      [60, "finish"],
    ]);
    expect(setLogs(mutations)[0]).toMatchObject({ hold_s: 4, ended_at: iso(60) });
  });

  it("logs nothing when the current set has no progress", () => {
    const { mutations } = run(start([plank]), [[9, "finish"]]);
    expect(mutations).toEqual([{ op: "session.finish", args: { id: "sess1", ended_at: iso(9) } }]);
  });

  it("ignores every event and tick once over", () => {
    const s = run(start([squat]), [[1, "finish"]]).state;
    for (const type of ["rep_tap", "finish", "resume", "skip_exercise"] as const) {
      expect(dispatch(s, { type }, at(2))).toEqual({ state: s, mutations: [], cues: [] });
    }
    expect(tick(s, at(3)).state).toBe(s);
  });
});

describe("robustness", () => {
  it("ignores unknown events and unusable clocks without throwing", () => {
    const s = start([squat]);
    expect(dispatch(s, { type: "dance" } as unknown as { type: "pause" }, at(1)).state).toBe(s);
    expect(dispatch(s, null as unknown as { type: "pause" }, at(1)).state).toBe(s);
    expect(dispatch(s, { type: "rep_tap" }, Number.NaN).state).toBe(s);
    expect(tick(s, Number.POSITIVE_INFINITY).state).toBe(s);
  });

  it("an event after an unnoticed timer end acts on the phase that followed", () => {
    const s = run(start([squat]), [[10, "set_done"]]).state;
    const step = dispatch(s, { type: "rep_tap" }, at(45));
    expect(step.cues).toEqual([{ kind: "rest_end" }]);
    expect(step.state).toMatchObject({ phase: "reps", count: 1, setStartedAtMs: at(40) });
  });

  it("a clock stepped backwards never makes a set end before it starts", () => {
    const { mutations } = run(start([squat]), [[-30, "set_done"]]);
    const [log] = setLogs(mutations);
    expect(log?.ended_at).toBe(log?.started_at);
  });

  it("does not mutate the state it is given", () => {
    const s = run(start([squat]), [[1, "rep_tap"]]).state;
    const copy = JSON.parse(JSON.stringify(s));
    dispatch(s, { type: "set_done" }, at(2));
    tick(s, at(100));
    view(s, at(100));
    expect(s).toStrictEqual(copy);
  });
});

describe("full session walk", () => {
  it("emits exactly the expected mutations and summary", () => {
    const first = startSession({
      sessionId: "walk_01",
      items: [{ ...squat, sets: 1 }, plank, splitSquat],
      nowMs: T0,
      name: "Tuesday",
    });
    let s = first.state;
    const all: MutationBody[] = [...first.mutations];
    const cues: unknown[] = [];
    const script: [number, EngineEventType | "tick"][] = [
      // Goblet squat: 4 taps, one undone, done at 10 s; 30 s rest runs out via ticks.
      [2, "rep_tap"],
      [3, "rep_tap"],
      [4, "rep_tap"],
      [4.5, "rep_tap"],
      [5, "undo_tap"],
      [10, "set_done"],
      [37, "tick"],
      [38.2, "tick"],
      [41, "tick"],
      // Plank: 20 s hold from 45 s, completes by itself; rest_s 0 goes straight on.
      [45, "hold_start"],
      [62, "tick"],
      [66, "tick"],
      // Split squat set 1: left 5 reps, switch, right 4 reps, then skip the rest.
      ...Array.from({ length: 5 }, (_, i): [number, "rep_tap"] => [70 + i, "rep_tap"]),
      [80, "set_done"],
      [85, "switch_side"],
      ...Array.from({ length: 4 }, (_, i): [number, "rep_tap"] => [90 + i, "rep_tap"]),
      [100, "set_done"],
      [110, "rest_skip"],
      // Set 2 left: 2 reps, then the runner calls it a day.
      [115, "rep_tap"],
      [116, "rep_tap"],
      [125, "finish"],
    ];
    for (const [sec, type] of script) {
      const step = type === "tick" ? tick(s, at(sec)) : dispatch(s, { type }, at(sec));
      all.push(...step.mutations);
      cues.push(...step.cues);
      s = step.state;
    }
    const base = { session_id: "walk_01" };
    expect(all).toEqual([
      { op: "session.start", args: { id: "walk_01", started_at: iso(0), name: "Tuesday" } },
      {
        op: "set.log",
        args: {
          ...base,
          id: "walk_01-1",
          exercise_id: "goblet_squat",
          set_index: 0,
          started_at: iso(0),
          ended_at: iso(10),
          reps: 3,
          weight_kg: 16,
          target_reps: 3,
        },
      },
      {
        op: "set.log",
        args: {
          ...base,
          id: "walk_01-2",
          exercise_id: "plank",
          set_index: 0,
          started_at: iso(45),
          ended_at: iso(65),
          hold_s: 20,
          target_hold_s: 20,
        },
      },
      {
        op: "set.log",
        args: {
          ...base,
          id: "walk_01-3",
          exercise_id: "split_squat",
          set_index: 0,
          started_at: iso(65),
          ended_at: iso(80),
          reps: 5,
          side: "left",
          target_reps: 5,
        },
      },
      {
        op: "set.log",
        args: {
          ...base,
          id: "walk_01-4",
          exercise_id: "split_squat",
          set_index: 0,
          started_at: iso(85),
          ended_at: iso(100),
          reps: 4,
          side: "right",
          target_reps: 5,
        },
      },
      {
        op: "set.log",
        args: {
          ...base,
          id: "walk_01-5",
          exercise_id: "split_squat",
          set_index: 1,
          started_at: iso(110),
          ended_at: iso(125),
          reps: 2,
          side: "left",
          target_reps: 5,
        },
      },
      { op: "session.finish", args: { id: "walk_01", ended_at: iso(125) } },
    ]);
    expect(cues).toEqual([
      { kind: "set_done" },
      { kind: "countdown", n: 3 },
      { kind: "countdown", n: 2 },
      { kind: "rest_end" },
      { kind: "countdown", n: 3 },
      { kind: "hold_end" },
      { kind: "set_done" },
      { kind: "switch_side" },
      { kind: "set_done" },
    ]);
    expect(summary(s)).toEqual({ duration_s: 125, sets: 5, total_reps: 14, total_hold_s: 20 });
    expect(view(s, at(999)).screen).toBe("summary");
  });
});

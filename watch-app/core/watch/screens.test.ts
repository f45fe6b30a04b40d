// Screen models: home with plan, rest day and fallback routines, the sync line, every session
// screen, and pairing.
import {
  dispatch,
  type EngineItem,
  type EngineState,
  startSession,
  tick,
  view,
} from "@runstrong/shared/engine";
import { describe, expect, it } from "vitest";
import type { TodayPlan } from "../link/todayPlan.ts";
import { T0 } from "../testSupport/fakes.ts";
import { BUILTIN_ROUTINES } from "./builtinRoutines.ts";
import {
  agoText,
  homeScreen,
  pairingScreen,
  sessionScreen,
  syncLine,
  type WatchScreen,
  WHY_MAX_CHARS,
} from "./screens.ts";
import type { SyncStatus } from "./watchSync.ts";

const synced: SyncStatus = {
  pendingItems: 0,
  pendingSets: 0,
  paired: true,
  lastSyncAtMs: T0 - 120_000,
  problem: null,
  rejected: [],
  canStartSession: true,
};

const lunge: EngineItem = {
  exercise_id: "lunge",
  name: "Lunge",
  mode: "reps",
  per_side: true,
  sets: 2,
  target_reps: 10,
  rest_s: 45,
};
const plank: EngineItem = {
  exercise_id: "plank",
  name: "Plank",
  mode: "hold",
  per_side: false,
  sets: 1,
  target_hold_s: 30,
  rest_s: 0,
};
const today: TodayPlan = {
  weekday: 1,
  planId: "P1",
  planName: "Marathon base",
  title: "Lower body",
  items: [lunge, plank],
  cues: { lunge: "Long stride", plank: "Squeeze glutes" },
};

describe("home screen", () => {
  it("offers today's planned session first, then the built-in routines", () => {
    const home = homeScreen({ nowMs: T0, today, routines: BUILTIN_ROUTINES, sync: synced });
    expect(home.today).toEqual({
      choice: "today",
      title: "Lower body",
      // Each side of the one-sided lunge is a set of its own, as it is logged.
      detail: "2 exercises · 5 sets",
    });
    expect(home.todayNote).toBeNull();
    expect(home.routines[0]).toEqual({
      choice: "routine:bare-minimum",
      title: "Bare minimum",
      detail: "3 exercises · 14 sets",
    });
    expect(home.routines).toHaveLength(BUILTIN_ROUTINES.length);
    expect(home.sync).toEqual({ text: "Synced 2 min ago", tone: "ok" });
    expect(home.pair).toBeNull();
  });

  it("says rest day, or no plan, and offers pairing when not paired", () => {
    const rest = homeScreen({
      nowMs: T0,
      today: { ...today, title: "Easy run", items: [] },
      routines: BUILTIN_ROUTINES,
      sync: synced,
    });
    expect(rest.today).toBeNull();
    expect(rest.todayNote).toBe("Rest day · Easy run");
    const noPlan = homeScreen({
      nowMs: T0,
      today: { ...today, planId: null, planName: null, title: null, items: [] },
      routines: BUILTIN_ROUTINES,
      sync: { ...synced, paired: false },
    });
    expect(noPlan.todayNote).toBe("No plan yet: pick a routine");
    expect(noPlan.pair?.action).toEqual({ type: "open_pairing" });
  });

  it("lists today's progressed targets, says why they moved, and tags lighter, taper and adjusted days", () => {
    const progressed: TodayPlan = {
      ...today,
      items: [
        { ...lunge, weight_kg: 8 },
        { ...plank, target_hold_s: 40, sets: 3 },
        { ...lunge, exercise_id: "push-up", name: "Push-up", mode: "amrap", per_side: false },
      ],
      why: "All sets done last week, so two more reps and a heavier dumbbell from today on.",
    };
    const home = homeScreen({ nowMs: T0, today: progressed, routines: [], sync: synced });
    expect(home.todayTargets).toEqual(["Lunge 2×10/side · 8 kg", "Plank 3×40 s", "Push-up 2×max"]);
    expect(home.todayWhy).toHaveLength(WHY_MAX_CHARS);
    expect(home.todayWhy).toMatch(/^All sets done last week, .*…$/);
    expect(home.todayTag).toBeNull();
    const tag = (over: Partial<TodayPlan>) =>
      homeScreen({ nowMs: T0, today: { ...today, ...over }, routines: [], sync: synced }).todayTag;
    expect(tag({ deload: true })).toBe("Lighter week");
    expect(tag({ taper: true, deload: true })).toBe("Taper");
    expect(tag({ adjusted: true, title: "Core & upper body", deload: true })).toBe(
      "Adjusted: core & upper body",
    );
    // A rest day has no targets and no why, but keeps the week's tag.
    const rest = homeScreen({
      nowMs: T0,
      today: { ...progressed, items: [], taper: true },
      routines: [],
      sync: synced,
    });
    expect(rest).toMatchObject({ todayTargets: [], todayWhy: null, todayTag: "Taper" });
  });

  it("tells a runner without a plan where to build one, and still offers the routines", () => {
    const noPlan = homeScreen({
      nowMs: T0,
      today: {
        weekday: 1,
        planId: null,
        planName: null,
        title: null,
        items: [],
        cues: {},
        planAt: "runstrong.example/plan",
      },
      routines: BUILTIN_ROUTINES,
      sync: synced,
    });
    expect(noPlan.todayNote).toBe("No plan yet — build one at runstrong.example/plan");
    expect(noPlan.today).toBeNull();
    expect(noPlan.routines).toHaveLength(BUILTIN_ROUTINES.length);
  });

  it("phrases the sync state for a glance", () => {
    expect(
      syncLine({ ...synced, pendingItems: 5, pendingSets: 3, problem: "phone_away" }, T0),
    ).toEqual({
      text: "3 sets waiting for phone",
      tone: "waiting",
    });
    expect(
      syncLine({ ...synced, pendingItems: 2, pendingSets: 1, problem: "offline" }, T0).text,
    ).toBe("1 set waiting for phone · phone offline");
    expect(syncLine({ ...synced, pendingItems: 1 }, T0).text).toBe("Session waiting for phone");
    expect(syncLine({ ...synced, paired: false }, T0)).toEqual({
      text: "Not paired",
      tone: "warning",
    });
    expect(syncLine({ ...synced, paired: false, pendingItems: 3, pendingSets: 2 }, T0).text).toBe(
      "Not paired · 2 sets waiting",
    );
    expect(syncLine({ ...synced, lastSyncAtMs: null }, T0).text).toBe("Not synced yet");
    expect([0, 59_000, 60_000, 3_600_000, 2 * 86_400_000].map(agoText)).toEqual([
      "just now",
      "just now",
      "1 min ago",
      "1 h ago",
      "2 d ago",
    ]);
  });

  it("warns when storage is full or the server refused items", () => {
    const full = homeScreen({
      nowMs: T0,
      today,
      routines: [],
      sync: { ...synced, canStartSession: false },
    });
    expect(full.canStart).toBe(false);
    expect(full.notice).toMatch(/Storage full/);
    const refused = homeScreen({
      nowMs: T0,
      today,
      routines: [],
      sync: {
        ...synced,
        rejected: [{ seq: 3, op: "set.log", entityId: "S-1", status: "rejected", error: "bad" }],
      },
    });
    expect(refused.notice).toBe("1 item refused by the server");
  });
});

describe("session screens", () => {
  const cues = (id: string) => today.cues[id];
  const screenAt = (state: EngineState, at: number): WatchScreen =>
    sessionScreen(view(state, at), state, at, cues);

  it("walks reps, switch side, rest with what comes next, hold with 3-2-1, and the summary", () => {
    let s = startSession({
      sessionId: "S1",
      items: [lunge, plank],
      nowMs: T0,
      name: "Lower body",
    }).state;
    let t = T0;
    const advance = (ms: number): number => {
      t += ms;
      return t;
    };
    const reps = screenAt(s, t);
    expect(reps).toMatchObject({
      kind: "reps",
      exercise: "Lunge",
      count: 0,
      target: "10 reps",
      setLabel: "Set 1 of 2",
      side: "left",
      sideLabel: "Left side",
      tap: { action: { type: "rep_tap" } },
      undo: null,
      done: { action: { type: "set_done" } },
    });
    s = dispatch(s, { type: "rep_tap" }, advance(1000)).state;
    expect(screenAt(s, t)).toMatchObject({
      kind: "reps",
      count: 1,
      ring: 0.1,
      undo: { label: "Undo" },
    });
    s = dispatch(s, { type: "set_done" }, advance(1000)).state;
    expect(screenAt(s, t)).toMatchObject({
      kind: "switch_side",
      text: "Switch to right side",
      confirm: { action: { type: "switch_side" } },
    });
    s = dispatch(s, { type: "switch_side" }, t).state;
    s = dispatch(s, { type: "set_done" }, advance(1000)).state;
    expect(screenAt(s, t)).toMatchObject({
      kind: "rest",
      time: "0:45",
      countdown: null,
      next: { exercise: "Lunge", setLabel: "Set 2 of 2", side: "left", target: "10 reps" },
      addTime: { action: { type: "rest_add_15" }, label: "+15 s" },
      skip: { action: { type: "rest_skip" } },
    });
    expect(screenAt(s, t + 42_500)).toMatchObject({ kind: "rest", countdown: 3, time: "0:03" });
    s = dispatch(s, { type: "rest_skip" }, advance(2000)).state;
    s = dispatch(s, { type: "set_done" }, advance(1000)).state;
    s = dispatch(s, { type: "switch_side" }, t).state;
    s = dispatch(s, { type: "set_done" }, advance(1000)).state;
    expect(screenAt(s, t)).toMatchObject({ kind: "rest", next: { exercise: "Plank", side: null } });
    s = dispatch(s, { type: "rest_skip" }, advance(1000)).state;
    expect(screenAt(s, t)).toMatchObject({
      kind: "intro",
      exercise: "Plank",
      target: "30 s",
      cue: "Squeeze glutes",
      start: { action: { type: "hold_start" } },
    });
    s = dispatch(s, { type: "hold_start" }, t).state;
    expect(screenAt(s, t + 10_000)).toMatchObject({
      kind: "hold",
      time: "0:20",
      countdown: null,
      openEnded: false,
    });
    expect(screenAt(s, t + 28_200)).toMatchObject({ kind: "hold", countdown: 2 });
    s = tick(s, t + 31_000).state;
    expect(screenAt(s, t + 31_000)).toEqual({
      kind: "summary",
      title: "Lower body",
      duration: "0:38",
      sets: 5,
      totalReps: 1,
      totalHold: "0:30",
      close: { action: { type: "close_summary" }, label: "Done" },
    });
  });

  it("freezes under a pause with resume and finish, and counts an open hold up", () => {
    let s = startSession({
      sessionId: "S1",
      items: [{ ...plank, target_hold_s: undefined } as EngineItem],
      nowMs: T0,
    }).state;
    s = dispatch(s, { type: "hold_start" }, T0).state;
    expect(screenAt(s, T0 + 65_000)).toMatchObject({
      kind: "hold",
      time: "1:05",
      openEnded: true,
      countdown: null,
    });
    s = dispatch(s, { type: "pause" }, T0 + 70_000).state;
    expect(screenAt(s, T0 + 90_000)).toEqual({
      kind: "paused",
      exercise: "Plank",
      big: "1:10",
      resume: { action: { type: "resume" }, label: "Resume" },
      finish: { action: { type: "finish" }, label: "Finish" },
    });
  });
});

describe("pairing screen", () => {
  it("shows the code in large type with a local expiry countdown", () => {
    const progress = {
      state: "pending" as const,
      userCode: "ACDE-FGHJ",
      expiresInS: 600,
      verificationUri: "http://127.0.0.1:8787/pair",
      receivedAtMs: T0,
    };
    expect(
      pairingScreen({ nowMs: T0 + 48_000, progress, waiting: false, problem: null }),
    ).toMatchObject({
      kind: "pairing",
      state: "pending",
      code: "ACDE-FGHJ",
      expires: "Expires in 9:12",
      url: "http://127.0.0.1:8787/pair",
    });
    expect(
      pairingScreen({ nowMs: T0 + 601_000, progress, waiting: false, problem: null }).state,
    ).toBe("expired");
  });

  it("says when the phone is away, and offers a new code after a refusal", () => {
    expect(pairingScreen({ nowMs: T0, progress: null, waiting: true, problem: null }).state).toBe(
      "starting",
    );
    const away = pairingScreen({
      nowMs: T0,
      progress: null,
      waiting: false,
      problem: "phone_away",
    });
    expect(away.state).toBe("phone_away");
    const denied = pairingScreen({
      nowMs: T0,
      progress: { state: "denied", receivedAtMs: T0 },
      waiting: false,
      problem: null,
    });
    expect(denied.actions.map((a) => a.action.type)).toEqual(["open_pairing", "close_pairing"]);
  });
});

// The display during a session (held, may sleep in a long rest, the system's) and the background
// buzz at a long rest's end: scheduled once, dropped when the rest ends another way, and never a
// second buzz from a relaunched app for a rest the background buzz already ended.

import type { EngineItem } from "@runstrong/shared/engine";
import {
  HEART_RATE_REST_NOTE,
  HOLD_RENEW_MS,
  NO_BACKGROUND_BUZZ_NOTE,
  type RestEndRecord,
  restEndKey,
  SessionDriver,
  type SessionDriverDeps,
  type SessionPlan,
} from "@runstrong/shared/sessionDriver";
import { describe, expect, it } from "vitest";
import {
  FakeClock,
  RecordingHaptics,
  RecordingRestAlarm,
  RecordingScreen,
  ScriptedHeartRate,
  seededRandom,
} from "../testSupport/fakes.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { HandOffQueue, outboxUsage } from "./handOffQueue.ts";

const KEY = "runstrong.session";
const squat = (rest_s: number): EngineItem => ({
  exercise_id: "squat",
  name: "Squat",
  mode: "reps",
  per_side: false,
  sets: 3,
  target_reps: 3,
  rest_s,
});
const planWithRest = (rest_s: number): SessionPlan => ({ name: "Test", items: [squat(rest_s)] });

/** A watch: storage, clock and alarm outlive the app; `open` is one run of the app. */
function watch(alarmOrNone: RecordingRestAlarm | null = new RecordingRestAlarm()) {
  const alarm = alarmOrNone ?? undefined;
  const store = new MemoryLocalStore();
  const clock = new FakeClock();
  const queue = new HandOffQueue(store, seededRandom());
  const open = (extra: Partial<SessionDriverDeps> = {}) => {
    const haptics = new RecordingHaptics();
    const screen = new RecordingScreen();
    const session = SessionDriver.resume({
      store,
      queue,
      canStartSession: () => outboxUsage(queue.bytes).canStartSession,
      clock,
      haptics,
      screen,
      random: seededRandom(),
      ...(alarm === undefined ? {} : { restAlarm: alarm }),
      ...extra,
    });
    return { session, haptics, screen };
  };
  const record = (): RestEndRecord | null => {
    const text = store.getItem(restEndKey(KEY));
    return text == null ? null : (JSON.parse(text) as RestEndRecord);
  };
  /** What zepp/app-service/restEnd.ts does when its alarm fires: buzz once, mark the record. */
  const backgroundBuzz = (): boolean => {
    const r = record();
    if (r === null || r.b !== undefined || clock.now() < r.at - 2_000) return false;
    store.setItem(restEndKey(KEY), JSON.stringify({ ...r, b: clock.now() }));
    return true;
  };
  return { store, clock, alarm, open, record, backgroundBuzz };
}

/** Three taps and Done: the first set ends and its rest starts. */
function finishSet(app: { session: SessionDriver }, clock: FakeClock): void {
  for (let i = 0; i < 3; i++) {
    clock.advance(1_000);
    app.session.dispatch("rep_tap");
  }
  app.session.dispatch("set_done");
}

describe("the display during a session", () => {
  it("holds the screen in sets, lets it sleep in a long rest with the end scheduled, holds it again after", () => {
    const w = watch();
    const app = w.open();
    expect(app.screen.calls).toEqual([]);
    app.session.start(planWithRest(60));
    expect(app.screen.calls.at(-1)).toEqual({ mode: "held", sessionOpen: true });
    finishSet(app, w.clock);
    expect(app.screen.mode).toBe("may_sleep");
    const rest = app.session.engineState?.timer;
    const end = (rest?.startMs ?? 0) + (rest?.durationMs ?? 0);
    expect(w.alarm?.pending).toEqual({
      atMs: end,
      sessionId: app.session.engineState?.sessionId,
    });
    expect(w.record()).toEqual({ s: app.session.engineState?.sessionId, at: end });
    expect(app.session.screenNote).toBeNull();
    w.clock.ms = end + 100;
    app.session.tick();
    expect(app.session.engineState?.phase).toBe("reps");
    expect(app.haptics.buzzes).toContain("rest_end");
    expect(app.screen.mode).toBe("held");
    // The page buzzed itself: the alarm and its record are gone, so nothing buzzes twice.
    expect(w.alarm?.pending).toBeNull();
    expect(w.record()).toBeNull();
  });

  it("keeps a rest under 20 s held and schedules nothing", () => {
    const w = watch();
    const app = w.open();
    app.session.start(planWithRest(15));
    finishSet(app, w.clock);
    expect(app.session.engineState?.phase).toBe("rest");
    expect(app.screen.mode).toBe("held");
    expect(w.alarm?.scheduled).toBe(0);
    expect(app.session.screenNote).toBeNull();
  });

  it("gives the screen back to the system when paused and on the summary, and closes the session after", async () => {
    const w = watch();
    const app = w.open();
    app.session.start(planWithRest(60));
    app.session.dispatch("pause");
    expect(app.screen.calls.at(-1)).toEqual({ mode: "system", sessionOpen: true });
    app.session.dispatch("resume");
    expect(app.screen.mode).toBe("held");
    app.session.dispatch("finish");
    expect(app.screen.calls.at(-1)).toEqual({ mode: "system", sessionOpen: true });
    await app.session.settled();
    app.session.close();
    expect(app.session.active).toBe(false);
    expect(app.screen.calls.at(-1)).toEqual({ mode: "system", sessionOpen: false });
  });

  it("asks for the held screen again about every 20 s, and not on every tick", () => {
    const w = watch();
    const app = w.open();
    app.session.start(planWithRest(60));
    const before = app.screen.calls.length;
    for (let t = 0; t < 4 * 60; t++) {
      w.clock.advance(250);
      app.session.tick();
    }
    // 60 s of ticks: three renewals of the held screen.
    const renewals = app.screen.calls.slice(before);
    expect(renewals.length).toBe(Math.floor(60_000 / HOLD_RENEW_MS));
    expect(renewals.every((c) => c.mode === "held")).toBe(true);
  });

  it("drops the alarm when the rest ends early, and schedules a new one when it is extended", () => {
    const w = watch();
    const app = w.open();
    app.session.start(planWithRest(60));
    finishSet(app, w.clock);
    const first = w.alarm?.pending?.atMs ?? 0;
    app.session.dispatch("rest_add_15");
    expect(w.alarm?.pending?.atMs).toBe(first + 15_000);
    expect(w.record()?.at).toBe(first + 15_000);
    app.session.dispatch("pause");
    expect(w.alarm?.pending).toBeNull();
    expect(w.record()).toBeNull();
    expect(app.screen.mode).toBe("system");
    app.session.dispatch("resume");
    expect(app.screen.mode).toBe("may_sleep");
    expect(w.alarm?.pending).not.toBeNull();
    app.session.dispatch("rest_skip");
    expect(w.alarm?.pending).toBeNull();
    expect(w.record()).toBeNull();
    expect(app.screen.mode).toBe("held");
  });

  it("keeps the rest held and says so where the watch refuses the alarm", () => {
    const w = watch(new RecordingRestAlarm(true));
    const app = w.open();
    app.session.start(planWithRest(60));
    finishSet(app, w.clock);
    expect(app.screen.mode).toBe("held");
    expect(app.session.screenNote).toBe(NO_BACKGROUND_BUZZ_NOTE);
    expect(w.record()).toBeNull();
    w.clock.advance(61_000);
    app.session.tick();
    expect(app.haptics.buzzes).toContain("rest_end");
    expect(app.session.screenNote).toBeNull();
  });

  it("keeps the rest held and says so on a shell without a RestAlarm", () => {
    const w = watch(null);
    const app = w.open();
    app.session.start(planWithRest(60));
    finishSet(app, w.clock);
    expect(app.screen.mode).toBe("held");
    expect(app.session.screenNote).toBe(NO_BACKGROUND_BUZZ_NOTE);
  });

  it("keeps the heart-rate rest held (only a running app reads heart rate) and says so", () => {
    const w = watch();
    const app = w.open({ heartRate: new ScriptedHeartRate() });
    app.session.start({ ...planWithRest(60), heartRate: { restReadyBpm: 100 } });
    finishSet(app, w.clock);
    expect(app.session.engineState?.phase).toBe("rest");
    expect(app.screen.mode).toBe("held");
    expect(app.session.screenNote).toBe(HEART_RATE_REST_NOTE);
    expect(w.alarm?.scheduled).toBe(0);
  });
});

describe("one buzz per rest", () => {
  it("a relaunch after the background buzz resumes the same session without buzzing again", async () => {
    const w = watch();
    const first = w.open();
    first.session.start(planWithRest(60));
    const sessionId = first.session.engineState?.sessionId;
    finishSet(first, w.clock);
    expect(first.screen.mode).toBe("may_sleep");
    const end = w.alarm?.pending?.atMs ?? 0;
    // The screen sleeps and the system ends the app (no onDestroy); the alarm fires at the end.
    w.clock.ms = end + 400;
    expect(w.backgroundBuzz()).toBe(true);
    expect(w.backgroundBuzz()).toBe(false);
    // The wrist turns minutes later: the app opens again from storage.
    w.clock.advance(3 * 60_000);
    const second = w.open();
    expect(second.session.engineState?.sessionId).toBe(sessionId);
    second.session.tick();
    expect(second.session.engineState?.phase).toBe("reps");
    expect(second.haptics.buzzes).not.toContain("rest_end");
    expect(second.screen.calls.at(-1)).toEqual({ mode: "held", sessionOpen: true });
    expect(w.record()).toBeNull();
    // The next rest buzzes again as usual.
    finishSet(second, w.clock);
    expect(second.screen.mode).toBe("may_sleep");
    w.clock.advance(61_000);
    second.session.tick();
    expect(second.haptics.buzzes).toContain("rest_end");
  });

  it("a relaunch before the alarm fired buzzes the rest's end itself, once", () => {
    const w = watch();
    const first = w.open();
    first.session.start(planWithRest(60));
    finishSet(first, w.clock);
    const end = w.alarm?.pending?.atMs ?? 0;
    // Woken 30 s into the rest: the rest still sleeps on the same alarm, nothing rescheduled.
    w.clock.advance(30_000);
    const second = w.open();
    expect(second.screen.mode).toBe("may_sleep");
    expect(w.alarm?.scheduled).toBe(1);
    w.clock.ms = end + 100;
    second.session.tick();
    expect(second.haptics.buzzes.filter((k) => k === "rest_end")).toHaveLength(1);
    // The record is gone, so the alarm, should it still fire, buzzes nothing.
    expect(w.backgroundBuzz()).toBe(false);
  });

  it("the page wins a race with the alarm at the same instant: still one buzz", () => {
    const w = watch();
    const app = w.open();
    app.session.start(planWithRest(60));
    finishSet(app, w.clock);
    const end = w.alarm?.pending?.atMs ?? 0;
    w.clock.ms = end;
    // The alarm fires first, the page's tick a moment later.
    expect(w.backgroundBuzz()).toBe(true);
    w.clock.advance(200);
    app.session.tick();
    expect(app.session.engineState?.phase).toBe("reps");
    expect(app.haptics.buzzes).not.toContain("rest_end");
  });
});

// The watch app facade: home from the phone's plan, starting today's session or a routine,
// pairing from the watch, and the refusals a user can meet.
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import type { TodayPlan } from "../link/todayPlan.ts";
import {
  FakeClock,
  RecordingHaptics,
  RecordingScreen,
  seededRandom,
} from "../testSupport/fakes.ts";
import { settle } from "../testSupport/manualScheduler.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { queuedMutations } from "../testSupport/queued.ts";
import { StubPhone, takesAll } from "../testSupport/stubPhone.ts";
import { WatchApp } from "./watchApp.ts";

// T0 is Monday 2025-01-06 07:00 UTC; with the clock's +60 min offset still Monday.
const monday: TodayPlan = {
  weekday: 1,
  planId: "P1",
  planName: "Marathon base",
  title: "Lower body",
  items: [
    {
      exercise_id: "squat",
      name: "Squat",
      mode: "reps",
      per_side: false,
      sets: 2,
      target_reps: 8,
      rest_s: 60,
    },
  ],
  cues: { squat: "Sit back" },
};

function rig(opts: { outboxMaxBytes?: number } = {}) {
  const phone = new StubPhone();
  const clock = new FakeClock();
  const store = new MemoryLocalStore();
  let changes = 0;
  const open = () =>
    WatchApp.open({
      store,
      haptics: new RecordingHaptics(),
      screen: new RecordingScreen(),
      clock,
      link: phone,
      random: seededRandom(),
      deviceName: "Amazfit Balance",
      onChange: () => {
        changes++;
      },
      ...opts,
    });
  return { phone, clock, store, open, changes: () => changes };
}

describe("WatchApp", () => {
  it("fetches today's plan for the local weekday and starts it as a plan session", async () => {
    const r = rig();
    r.phone.answer = (req) =>
      req.type === "get_today"
        ? { type: "today", stale: false, today: { ...monday, weekday: req.weekday } }
        : req.type === "status"
          ? { type: "status", paired: true, lastSyncAgoS: 30 }
          : null;
    const app = r.open();
    expect(app.screen()).toMatchObject({ kind: "home", today: null });
    app.tick();
    await settle();
    expect(r.phone.received).toContainEqual({ type: "get_today", weekday: 1, date: "2025-01-06" });
    expect(r.changes()).toBeGreaterThan(0);
    expect(app.screen()).toMatchObject({
      kind: "home",
      today: { choice: "today", title: "Lower body", detail: "1 exercise · 2 sets" },
      sync: { text: "Synced just now", tone: "ok" },
    });
    app.act({ type: "start", choice: "today" });
    expect(app.screen()).toMatchObject({ kind: "reps", exercise: "Squat", target: "8 reps" });
    const start = (await queuedMutations(app))[0] as Extract<MutationBody, { op: "session.start" }>;
    expect(start.args).toMatchObject({
      plan_id: "P1",
      plan_day: 1,
      source: "plan",
      name: "Lower body",
    });
  });

  it("starts a built-in routine with its cues when no plan is known", async () => {
    const r = rig();
    const app = r.open();
    app.act({ type: "start", choice: "today" });
    expect(app.screen()).toMatchObject({ kind: "home", notice: "That session is not available" });
    app.act({ type: "start", choice: "routine:core-day" });
    expect(app.screen()).toMatchObject({
      kind: "intro",
      exercise: "Plank",
      cue: expect.any(String),
    });
    expect((await queuedMutations(app))[0]?.args).toMatchObject({ source: "routine:core-day" });
  });

  it("refuses to start when unsynced sets fill the storage, and says why", () => {
    const r = rig({ outboxMaxBytes: 2000 });
    const app = r.open();
    app.act({ type: "start", choice: "routine:bare-minimum" });
    const home = app.screen();
    expect(home).toMatchObject({ kind: "home", canStart: false });
    expect(home.kind === "home" && home.notice).toMatch(/storage is full/i);
  });

  it("pairs from the watch: shows the code, polls, and shows success", async () => {
    const r = rig();
    let approved = false;
    r.phone.answer = (req) => {
      if (req.type === "pair_start") {
        return { type: "pairing", state: "pending", userCode: "ACDE-FGHJ", expiresInS: 600 };
      }
      if (req.type === "pair_poll") {
        return approved
          ? { type: "pairing", state: "paired" }
          : { type: "pairing", state: "pending", userCode: "ACDE-FGHJ", expiresInS: 590 };
      }
      return null;
    };
    const app = r.open();
    app.act({ type: "open_pairing" });
    expect(app.screen()).toMatchObject({ kind: "pairing", state: "starting" });
    await settle();
    expect(app.screen()).toMatchObject({
      kind: "pairing",
      state: "pending",
      code: "ACDE-FGHJ",
      expires: "Expires in 10:00",
    });
    r.clock.advance(3_000);
    app.tick();
    await settle();
    expect(r.phone.received.filter((q) => q.type === "pair_poll")).toHaveLength(1);
    approved = true;
    r.clock.advance(3_000);
    app.tick();
    await settle();
    expect(app.screen()).toMatchObject({ kind: "pairing", state: "paired" });
    app.act({ type: "close_pairing" });
    expect(app.screen()).toMatchObject({ kind: "home", pair: null });
  });

  it("fetches today's plan as soon as pairing closes, not 15 minutes later", async () => {
    const r = rig();
    let paired = false;
    r.phone.answer = (req) => {
      if (req.type === "pair_start") return { type: "pairing", state: "paired" };
      if (req.type === "get_today") {
        return paired
          ? { type: "today", stale: false, today: { ...monday, weekday: req.weekday } }
          : { type: "error", code: "unpaired" };
      }
      return null;
    };
    const app = r.open();
    app.tick();
    await settle();
    expect(app.screen()).toMatchObject({ kind: "home", today: null });
    paired = true;
    app.act({ type: "open_pairing" });
    await settle();
    r.clock.advance(1_000);
    app.act({ type: "close_pairing" });
    app.tick();
    await settle();
    // The first refresh stopped at the phone's "unpaired"; after pairing, the week is asked.
    expect(r.phone.received.filter((q) => q.type === "get_today")).toHaveLength(8);
    expect(app.screen()).toMatchObject({ kind: "home", today: { title: "Lower body" } });
  });

  it("finishes only on a second tap, and says so after the first", () => {
    const r = rig();
    const app = r.open();
    app.act({ type: "start", choice: "routine:core-day" });
    app.act({ type: "finish" });
    const armed = app.screen();
    expect(armed.kind).not.toBe("summary");
    expect("menu" in armed && armed.menu.find((b) => b.action.type === "finish")?.label).toBe(
      "Tap again to finish",
    );
    // Any other action disarms it: the next finish tap only arms again.
    app.act({ type: "pause" });
    app.act({ type: "finish" });
    expect(app.screen().kind).not.toBe("summary");
    app.act({ type: "finish" });
    expect(app.screen().kind).toBe("summary");
  });

  it("pushes as soon as a finished session's summary is closed", async () => {
    const r = rig();
    const app = r.open();
    app.act({ type: "start", choice: "routine:core-day" });
    app.act({ type: "finish" });
    app.act({ type: "finish" });
    r.phone.answer = (req) => takesAll(req);
    await settle();
    app.act({ type: "close_summary" });
    await settle();
    expect(app.sync.queue.waiting().items).toBe(0);
    expect(app.screen()).toMatchObject({ kind: "home", sync: { text: "Synced just now" } });
  });
});

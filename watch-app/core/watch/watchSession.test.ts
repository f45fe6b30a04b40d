// The watch session controller: persistence across kills, exactly-once hand-over to the outbox
// at every possible crash point, haptics and the screen keeper.

import type { EngineEventType, EngineItem } from "@runstrong/shared/engine";
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import {
  FakeClock,
  RecordingHaptics,
  RecordingScreen,
  seededRandom,
} from "../testSupport/fakes.ts";
import { MemoryKeyValueStore } from "../testSupport/memoryStore.ts";
import { queuedItems } from "../testSupport/queued.ts";
import { HandOffQueue, outboxUsage } from "./handOffQueue.ts";
import { type SessionPlan, WatchSession } from "./watchSession.ts";

/** The queue for the phone over watch storage, as the app opens it, with its room test. */
function watchQueue(store: MemoryKeyValueStore, maxBytes?: number) {
  const queue = new HandOffQueue(store, seededRandom());
  return { queue, canStartSession: () => outboxUsage(queue.bytes, maxBytes).canStartSession };
}

const squat: EngineItem = {
  exercise_id: "squat",
  name: "Squat",
  mode: "reps",
  per_side: false,
  sets: 2,
  target_reps: 3,
  rest_s: 30,
};
const sidePlank: EngineItem = {
  exercise_id: "side-plank",
  name: "Side plank",
  mode: "hold",
  per_side: true,
  sets: 1,
  target_hold_s: 10,
  rest_s: 0,
};
const plan: SessionPlan = {
  name: "Test day",
  items: [squat, sidePlank],
  cues: { squat: "Sit back", "side-plank": "Hips high" },
  source: "routine:test",
};

function rig(store = new MemoryKeyValueStore(), clock = new FakeClock()) {
  const haptics = new RecordingHaptics();
  const screen = new RecordingScreen();
  const { queue, canStartSession } = watchQueue(store);
  const session = WatchSession.resume({
    store,
    queue,
    canStartSession,
    clock,
    haptics,
    screen,
    random: seededRandom(),
  });
  return { store, clock, haptics, screen, queue, session };
}

type Rig = ReturnType<typeof rig>;

/** The mutations in the outbox once the session's journal has reached it. */
async function queued(r: Rig): Promise<MutationBody[]> {
  await r.session.settled();
  return queuedItems(r.queue).map((i) => i.mutation);
}
const ops = async (r: Rig) => (await queued(r)).map((m) => m.op);
const ids = async (r: Rig) =>
  (await queued(r)).map((m) => `${m.op}:${(m.args as { id: string }).id}`);

/** Plays a whole session with realistic pauses between taps. */
function playThrough(r: ReturnType<typeof rig>): void {
  const { session, clock } = r;
  for (let guard = 0; guard < 200 && session.engineState?.phase !== "summary"; guard++) {
    const phase = session.engineState?.phase;
    const event: EngineEventType | "wait" =
      phase === "reps"
        ? (session.engineState?.count ?? 0) < 3
          ? "rep_tap"
          : "set_done"
        : phase === "intro"
          ? "hold_start"
          : phase === "switch_side"
            ? "switch_side"
            : "wait";
    clock.advance(1_700);
    if (event === "wait") session.tick();
    else session.dispatch(event);
  }
}

describe("WatchSession", () => {
  it("starts a session: session.start queued, state saved, screen kept on", async () => {
    const r = rig();
    const result = r.session.start(plan);
    expect(result.ok).toBe(true);
    expect(await ops(r)).toEqual(["session.start"]);
    expect(r.store.getItem("runstrong.session")).not.toBeNull();
    expect(r.screen.on).toBe(true);
    expect(r.session.view()?.screen).toBe("reps");
    expect(r.session.cueFor("squat")).toBe("Sit back");
    const start = (await queued(r))[0] as Extract<MutationBody, { op: "session.start" }>;
    expect(start.args).toMatchObject({ name: "Test day", source: "routine:test" });
    expect(start.args.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it("refuses a second start while a session runs", async () => {
    const r = rig();
    r.session.start(plan);
    expect(r.session.start(plan)).toMatchObject({ ok: false, reason: "session_active" });
    expect(await ops(r)).toEqual(["session.start"]);
  });

  it("refuses to start when the outbox is nearly full, and on an invalid plan", async () => {
    const store = new MemoryKeyValueStore();
    const session = WatchSession.resume({
      store,
      ...watchQueue(store, 1000),
      clock: new FakeClock(),
      haptics: new RecordingHaptics(),
      screen: new RecordingScreen(),
      random: seededRandom(),
    });
    expect(session.start(plan)).toMatchObject({ ok: false, reason: "storage_full" });
    const r = rig();
    expect(r.session.start({ name: "Empty", items: [] })).toMatchObject({
      ok: false,
      reason: "invalid_plan",
    });
    expect(r.session.active).toBe(false);
  });

  it("resumes the same session after the app is killed mid-set", async () => {
    const r = rig();
    r.session.start(plan);
    r.clock.advance(2_000);
    r.session.dispatch("rep_tap");
    r.session.dispatch("rep_tap");
    // The app dies; a new run opens the same storage.
    const again = rig(r.store, r.clock);
    expect(again.session.engineState).toEqual(r.session.engineState);
    expect(again.session.view()?.big).toBe("2");
    expect(again.screen.on).toBe(true);
    again.session.dispatch("rep_tap");
    again.session.dispatch("set_done");
    expect(await ops(again)).toEqual(["session.start", "set.log"]);
    expect((await queued(again))[1]?.args).toMatchObject({ reps: 3, set_index: 0 });
  });

  it("completes a hold that ran out while the watch was off, at the moment it ended", async () => {
    const r = rig();
    r.session.start({ name: "Plank", items: [sidePlank] });
    r.session.dispatch("hold_start");
    const startedAt = r.clock.now();
    r.clock.advance(60_000);
    const again = rig(r.store, r.clock);
    again.session.tick();
    const log = (await queued(again))[1];
    expect(log?.op).toBe("set.log");
    expect(log?.args).toMatchObject({
      hold_s: 10,
      side: "left",
      ended_at: new Date(startedAt + 10_000).toISOString(),
    });
    expect(again.session.engineState?.phase).toBe("switch_side");
  });

  it("hands every mutation to the outbox exactly once, whatever write a crash interrupts", async () => {
    const r = rig();
    r.store.snapshots = [];
    r.session.start(plan);
    playThrough(r);
    expect(r.session.engineState?.phase).toBe("summary");
    const complete = await ids(r);
    expect(complete.filter((id) => id.startsWith("set.log"))).toHaveLength(4);
    const snapshots = r.store.snapshots;
    expect(snapshots.length).toBeGreaterThan(20);
    for (const snapshot of snapshots) {
      // Restart from the storage a crash right after this write would leave.
      const after = rig(MemoryKeyValueStore.from(snapshot), new FakeClock(r.clock.now()));
      const state = after.session.engineState;
      const queued = await ids(after);
      expect(new Set(queued).size).toBe(queued.length);
      // The outbox holds exactly what the saved state has emitted: no more, no less.
      expect(queued.filter((id) => id.startsWith("set.log"))).toHaveLength(state?.logged.sets ?? 4);
      expect(complete.slice(0, queued.length)).toEqual(queued);
    }
  });

  it("keeps a journal entry when the outbox write fails and queues it once storage recovers", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    await r.session.settled();
    r.store.failKey = "runstrong.outbox";
    for (let i = 0; i < 3; i++) r.session.dispatch("rep_tap");
    r.session.dispatch("set_done");
    await r.session.settled();
    expect(r.session.storageError).toBe("storage full");
    expect(await ops(r)).toEqual(["session.start"]);
    r.store.failKey = null;
    const again = rig(r.store, r.clock);
    expect(await ops(again)).toEqual(["session.start", "set.log"]);
    const third = rig(r.store, r.clock);
    expect(await ops(third)).toEqual(["session.start", "set.log"]);
  });

  it("buzzes for rep taps and engine cues, one buzz per step", async () => {
    const r = rig();
    r.session.start({ name: "Plank", items: [sidePlank] });
    r.session.dispatch("rep_tap");
    expect(r.haptics.buzzes).toEqual([]);
    r.session.dispatch("hold_start");
    for (let i = 0; i < 44; i++) {
      r.clock.advance(250);
      r.session.tick();
    }
    // 3-2-1, then the hold ends into a side switch: one buzz, the switch.
    expect(r.haptics.buzzes).toEqual(["countdown", "countdown", "countdown", "switch_side"]);
    const squats = rig();
    squats.session.start({ name: "Squats", items: [squat] });
    squats.session.dispatch("rep_tap");
    squats.session.dispatch("undo_tap");
    squats.session.dispatch("set_done");
    expect(squats.haptics.buzzes).toEqual(["rep_tap", "set_done"]);
  });

  it("lets the screen sleep while paused, on the summary and after closing", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    r.session.dispatch("pause");
    expect(r.screen.on).toBe(false);
    r.session.dispatch("resume");
    expect(r.screen.on).toBe(true);
    r.session.dispatch("finish");
    expect(r.screen.on).toBe(false);
    expect(r.session.view()?.screen).toBe("summary");
    expect(rig(r.store, r.clock).session.view()?.screen).toBe("summary");
    await r.session.settled();
    r.session.close();
    expect(r.session.active).toBe(false);
    expect(r.store.getItem("runstrong.session")).toBeNull();
    expect(await ops(r)).toEqual(["session.start", "session.finish"]);
  });

  it("writes set times to the whole second and only writes storage on change", async () => {
    const r = rig(new MemoryKeyValueStore(), new FakeClock(Date.UTC(2025, 0, 6, 7, 0, 0, 740)));
    r.session.start({ name: "Squats", items: [squat] });
    const writes = r.store.writes;
    for (let i = 0; i < 20; i++) {
      r.clock.advance(250);
      r.session.tick();
    }
    expect(r.store.writes).toBe(writes);
    r.session.dispatch("set_done");
    const times = (await queued(r)).flatMap((m) => {
      const a = m.args as { started_at?: string; ended_at?: string };
      return [a.started_at, a.ended_at].filter((t) => t !== undefined);
    });
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t).toMatch(/:\d\d\.000Z$/);
  });

  it("moves an unreadable session aside and still queues its journal", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    const record = JSON.parse(r.store.getItem("runstrong.session") ?? "");
    r.store.setItem("runstrong.session", JSON.stringify({ ...record, state: { version: 99 } }));
    // Pretend the outbox never took the session.start.
    r.store.removeItem("runstrong.outbox");
    const again = rig(r.store, r.clock);
    expect(again.session.active).toBe(false);
    expect(await ops(again)).toEqual(["session.start"]);
    expect(r.store.getItem("runstrong.session.unreadable")).not.toBeNull();
  });
});

describe("WatchSession and the asynchronous outbox", () => {
  it("a summary closed while its last entries are still on their way closes once they are in", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    r.session.dispatch("finish");
    // Closed at once, before the outbox took session.finish: the record must stay until it has.
    r.session.close();
    expect(r.store.getItem("runstrong.session")).not.toBeNull();
    await r.session.settled();
    expect(r.session.active).toBe(false);
    expect(r.store.getItem("runstrong.session")).toBeNull();
    expect(await ops(r)).toEqual(["session.start", "session.finish"]);
  });
});

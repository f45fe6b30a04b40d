// The session driver on the sync client's Outbox over one localStorage-like store, as the phone's
// browser runner uses it: persistence across kills and reloads, exactly-once hand-over to the
// outbox at every write a crash could interrupt, buzzes and the display.

import { describe, expect, it } from "vitest";
import { Outbox, waiting } from "../client/outbox.ts";
import { createLocalLock, type KeyValueStore } from "../client/ports.ts";
import type { MutationBody } from "../client/protocol.ts";
import type { EngineEventType } from "../engine/index.ts";
import { SessionDriver } from "./sessionDriver.ts";
import {
  MemoryLocalStore,
  RecordingHaptics,
  RecordingScreen,
  seededRandom,
} from "./testing/devicePorts.ts";
import { sidePlank, squat, testDay } from "./testing/sessionItems.ts";

const KEY = "rs.run.u1";
const OUTBOX_KEY = "rs.outbox.v2.u1";

const plan = testDay("web");

/** The sync client's storage port over the same store, as the browser's over localStorage. */
function asyncStore(store: MemoryLocalStore): KeyValueStore {
  return {
    get: async (k) => store.getItem(k) ?? null,
    set: async (k, v) => store.setItem(k, v),
    remove: async (k) => store.removeItem(k),
  };
}

function rig(store = new MemoryLocalStore(), start = Date.UTC(2026, 10, 30, 7)) {
  const clock = { ms: start, now: () => clock.ms };
  const haptics = new RecordingHaptics();
  const screen = new RecordingScreen();
  const outbox = new Outbox({
    store: asyncStore(store),
    lock: createLocalLock(),
    clock,
    key: OUTBOX_KEY,
  });
  const session = SessionDriver.resume({
    store,
    queue: outbox,
    canStartSession: () => true,
    clock,
    haptics,
    screen,
    random: seededRandom(),
    key: KEY,
  });
  return { store, clock, haptics, screen, outbox, session };
}
type Rig = ReturnType<typeof rig>;

async function queued(r: Rig): Promise<MutationBody[]> {
  await r.session.settled();
  return waiting(await r.outbox.read()).map((i) => ({ op: i.op, args: i.args }) as MutationBody);
}
const ops = async (r: Rig) => (await queued(r)).map((m) => m.op);
const ids = async (r: Rig) =>
  (await queued(r)).map((m) => `${m.op}:${(m.args as { id: string }).id}`);

/** Plays a whole session with realistic pauses; `settle` lets the outbox catch up between steps. */
async function playThrough(r: Rig, settle: boolean): Promise<void> {
  const { session, clock } = r;
  for (let guard = 0; guard < 200 && session.engineState?.phase !== "summary"; guard++) {
    const s = session.engineState;
    const event: EngineEventType | "wait" =
      s?.phase === "reps"
        ? s.count < 3
          ? "rep_tap"
          : "set_done"
        : s?.phase === "intro"
          ? "hold_start"
          : s?.phase === "switch_side"
            ? "switch_side"
            : "wait";
    clock.ms += 1_700;
    if (event === "wait") session.tick();
    else session.dispatch(event);
    if (settle) await session.settled();
  }
}

describe("SessionDriver on the sync client's outbox", () => {
  it("starts a session: session.start queued with a ULID, the record saved, the screen held", async () => {
    const r = rig();
    expect(r.session.start(plan)).toMatchObject({ ok: true });
    expect(await ops(r)).toEqual(["session.start"]);
    const start = (await queued(r))[0] as Extract<MutationBody, { op: "session.start" }>;
    expect(start.args).toMatchObject({ name: "Test day", source: "web" });
    expect(start.args.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(r.store.getItem(KEY)).not.toBeNull();
    expect(r.screen.on).toBe(true);
    expect(r.session.cueFor("squat")).toBe("Sit back");
    expect(r.session.start(plan)).toMatchObject({ ok: false, reason: "session_active" });
  });

  it("refuses a plan with nothing to do and starts nothing", async () => {
    const r = rig();
    expect(r.session.start({ name: "Empty", items: [] })).toMatchObject({
      ok: false,
      reason: "invalid_plan",
    });
    expect(r.session.active).toBe(false);
    expect(await ops(r)).toEqual([]);
  });

  it("resumes the same session after a reload mid-set, on the same storage", async () => {
    const r = rig();
    r.session.start(plan);
    r.clock.ms += 2_000;
    r.session.dispatch("rep_tap");
    r.session.dispatch("rep_tap");
    await r.session.settled();
    const again = rig(r.store, r.clock.ms);
    expect(again.session.engineState).toEqual(r.session.engineState);
    expect(again.session.view()?.big).toBe("2");
    again.session.dispatch("rep_tap");
    again.session.dispatch("set_done");
    expect(await ops(again)).toEqual(["session.start", "set.log"]);
    expect((await queued(again))[1]?.args).toMatchObject({ reps: 3, set_index: 0 });
  });

  it("completes a hold that ran out while the device was off, at the moment it ended", async () => {
    const r = rig();
    r.session.start({ name: "Plank", items: [sidePlank] });
    r.session.dispatch("hold_start");
    const startedAt = r.clock.ms;
    r.clock.ms += 60_000;
    const again = rig(r.store, r.clock.ms);
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

  for (const settle of [true, false]) {
    it(`hands every mutation to the outbox exactly once, whatever write a crash interrupts (${settle ? "outbox kept up" : "outbox behind"})`, async () => {
      const r = rig();
      r.store.snapshots = [];
      r.session.start(plan);
      await playThrough(r, settle);
      expect(r.session.engineState?.phase).toBe("summary");
      const complete = await ids(r);
      expect(complete.filter((id) => id.startsWith("set.log"))).toHaveLength(4);
      const snapshots = r.store.snapshots;
      expect(snapshots.length).toBeGreaterThan(20);
      for (const snapshot of snapshots) {
        // Reopen on the storage a crash right after this write would leave.
        const after = rig(MemoryLocalStore.from(snapshot), r.clock.ms);
        const state = after.session.engineState;
        const held = await ids(after);
        expect(new Set(held).size).toBe(held.length);
        expect(held.filter((id) => id.startsWith("set.log"))).toHaveLength(state?.logged.sets ?? 4);
        expect(complete.slice(0, held.length)).toEqual(held);
      }
    });
  }

  it("keeps a journal entry the outbox could not store and queues it once storage recovers", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    await r.session.settled();
    r.store.failKey = OUTBOX_KEY;
    for (let i = 0; i < 3; i++) r.session.dispatch("rep_tap");
    r.session.dispatch("set_done");
    await r.session.settled();
    expect(r.session.storageError).toBe("storage full");
    expect(await ops(r)).toEqual(["session.start"]);
    r.store.failKey = null;
    expect(await ops(rig(r.store, r.clock.ms))).toEqual(["session.start", "set.log"]);
    expect(await ops(rig(r.store, r.clock.ms))).toEqual(["session.start", "set.log"]);
  });

  it("buzzes once per step, the side switch before the hold's end, and counts rep taps", () => {
    const r = rig();
    r.session.start({ name: "Plank", items: [sidePlank] });
    r.session.dispatch("hold_start");
    for (let i = 0; i < 44; i++) {
      r.clock.ms += 250;
      r.session.tick();
    }
    expect(r.haptics.buzzes).toEqual(["countdown", "countdown", "countdown", "switch_side"]);
    const squats = rig();
    squats.session.start({ name: "Squats", items: [squat] });
    squats.session.dispatch("rep_tap");
    squats.session.dispatch("undo_tap");
    squats.session.dispatch("set_done");
    expect(squats.haptics.buzzes).toEqual(["rep_tap", "set_done"]);
  });

  it("holds the screen in a set, keeps it in every rest without a rest alarm, frees it when paused", () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    expect(r.screen.mode).toBe("held");
    r.session.dispatch("set_done");
    expect(r.session.engineState?.phase).toBe("rest");
    // A browser cannot buzz with the page asleep: the long rest stays lit.
    expect(r.screen.mode).toBe("held");
    r.session.dispatch("pause");
    expect(r.screen.mode).toBe("system");
    r.session.dispatch("resume");
    r.session.dispatch("finish");
    expect(r.screen.mode).toBe("system");
    expect(r.screen.sessionOpen).toBe(true);
  });

  it("closes the summary only once the outbox holds its last entries, then forgets the session", async () => {
    const r = rig();
    r.session.start({ name: "Squats", items: [squat] });
    r.session.dispatch("finish");
    r.session.close();
    expect(r.store.getItem(KEY)).not.toBeNull();
    await r.session.settled();
    expect(r.session.active).toBe(false);
    expect(r.store.getItem(KEY)).toBeNull();
    expect(r.screen.sessionOpen).toBe(false);
    expect(await ops(r)).toEqual(["session.start", "session.finish"]);
  });

  it("moves an unreadable record aside, queues what its journal held, and starts clean", async () => {
    const r = rig();
    r.store.failKey = OUTBOX_KEY;
    r.session.start({ name: "Squats", items: [squat] });
    await r.session.settled();
    r.store.failKey = null;
    const record = JSON.parse(r.store.getItem(KEY) ?? "");
    expect(record.journal).toHaveLength(1);
    r.store.setItem(KEY, JSON.stringify({ ...record, state: { version: 99 } }));
    const again = rig(r.store, r.clock.ms);
    expect(again.session.active).toBe(false);
    expect(await ops(again)).toEqual(["session.start"]);
    expect(r.store.getItem(`${KEY}.unreadable`)).not.toBeNull();
  });
});

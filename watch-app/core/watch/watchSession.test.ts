// The session driver as the watch runs it, on its hand-off queue in the same watch storage: the
// room check before a start, exactly-once hand-over at every write a crash could interrupt, a
// failed queue write, and times kept to the whole second. (The driver's own tests, on the sync
// client's outbox, are in shared/src/sessionDriver.)

import type { EngineEventType } from "@runstrong/shared/engine";
import type { MutationBody } from "@runstrong/shared/schemas";
import { SessionDriver } from "@runstrong/shared/sessionDriver";
import { squat, testDay } from "@runstrong/shared/sessionDriver/testing";
import { describe, expect, it } from "vitest";
import {
  FakeClock,
  RecordingHaptics,
  RecordingScreen,
  seededRandom,
} from "../testSupport/fakes.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { queuedItems } from "../testSupport/queued.ts";
import { HandOffQueue, outboxUsage } from "./handOffQueue.ts";

/** The queue for the phone over watch storage, as the app opens it, with its room test. */
function watchQueue(store: MemoryLocalStore, maxBytes?: number) {
  const queue = new HandOffQueue(store, seededRandom());
  return { queue, canStartSession: () => outboxUsage(queue.bytes, maxBytes).canStartSession };
}

const plan = testDay("routine:test");

function rig(store = new MemoryLocalStore(), clock = new FakeClock()) {
  const haptics = new RecordingHaptics();
  const screen = new RecordingScreen();
  const { queue, canStartSession } = watchQueue(store);
  const session = SessionDriver.resume({
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

describe("the watch's session on its hand-off queue", () => {
  it("refuses to start when the outbox is nearly full, and on an invalid plan", async () => {
    const store = new MemoryLocalStore();
    const session = SessionDriver.resume({
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
      const after = rig(MemoryLocalStore.from(snapshot), new FakeClock(r.clock.now()));
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

  it("writes set times to the whole second and only writes storage on change", async () => {
    const r = rig(new MemoryLocalStore(), new FakeClock(Date.UTC(2025, 0, 6, 7, 0, 0, 740)));
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
});

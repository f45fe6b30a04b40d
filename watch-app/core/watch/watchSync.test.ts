// The watch side of the link: the outbox handed to the phone (removed only once the phone holds
// it, the phone's backlog and refusals shown, backoff on the app's tick, at once when the phone
// answers again), pairing and the week cache.
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import { type LocalDay, localDays, type TodayPlan } from "../link/todayPlan.ts";
import type { PhoneReply, ReceivedWatchRequest } from "../link/watchLink.ts";
import { FakeClock, seededRandom } from "../testSupport/fakes.ts";
import { settle } from "../testSupport/manualScheduler.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { queuedIds } from "../testSupport/queued.ts";
import { StubPhone, takesAll } from "../testSupport/stubPhone.ts";
import { WatchSync } from "./watchSync.ts";

const finish = (n: number): MutationBody => ({
  op: "session.finish",
  args: { id: `S${n}`, ended_at: "2025-01-06T07:30:00.000Z" },
});

async function rig(count = 3) {
  const store = new MemoryLocalStore();
  const clock = new FakeClock();
  const phone = new StubPhone();
  const sync = new WatchSync({ link: phone, store, clock, random: seededRandom() });
  await sync.queue.enqueue(Array.from({ length: count }, (_, i) => finish(i + 1)));
  return { store, clock, phone, sync };
}

/** A phone that takes the hand-off but cannot reach the server (`why`). */
const takesButWaits =
  (why: "offline" | "server" | "unpaired") =>
  (req: ReceivedWatchRequest): PhoneReply | null => {
    if (req.type !== "hand_off") return null;
    const n = req.items.length;
    const upTo = req.items[n - 1]?.seq ?? 0;
    return { type: "taken", upTo, waitingItems: 3, waitingSets: 0, refused: [], why };
  };

describe("WatchSync", () => {
  it("hands the outbox to the phone, forgets it once taken, and records the sync", async () => {
    const r = await rig();
    r.phone.answer = takesAll;
    await r.sync.pushAll();
    expect(r.sync.queue.waiting().items).toBe(0);
    const sent = r.phone.received.filter((q) => q.type === "hand_off");
    expect(sent.map((q) => q.type === "hand_off" && q.items.map((i) => i.seq))).toEqual([
      [1, 2, 3],
    ]);
    expect(r.sync.status()).toMatchObject({ pendingItems: 0, paired: true, problem: null });
    expect(r.sync.status().lastSyncAtMs).toBe(r.clock.now());
  });

  it("keeps every item while the phone is away, and resends what a lost reply left", async () => {
    const r = await rig();
    await r.sync.pushAll();
    expect(r.sync.status()).toMatchObject({ pendingItems: 3, problem: "phone_away" });
    // The phone takes two of them and the reply says so: only the third stays.
    r.phone.answer = (req) =>
      req.type === "hand_off"
        ? { type: "taken", upTo: 2, waitingItems: 0, waitingSets: 0, refused: [] }
        : null;
    await r.sync.pushAll();
    expect(queuedIds(r.sync.queue)).toEqual([3]);
    // Every hand-off names the same stream: the phone tells a resend from new items by it.
    const streams = new Set(r.phone.received.map((q) => (q.type === "hand_off" ? q.stream : "")));
    expect(streams.size).toBe(1);
  });

  it("counts what waits on the phone and says why, then clears when the phone has pushed it", async () => {
    const r = await rig();
    r.phone.answer = takesButWaits("offline");
    await r.sync.pushAll();
    expect(r.sync.queue.waiting().items).toBe(0);
    expect(r.sync.status()).toMatchObject({ pendingItems: 3, problem: "offline" });
    r.phone.answer = takesAll;
    await r.sync.pushAll();
    expect(r.sync.status()).toMatchObject({ pendingItems: 0, problem: null });
  });

  it("retries after the backoff on the app's tick (15 s, jittered), at once when the phone is back", async () => {
    const r = await rig();
    await r.sync.pushAll();
    const tries = () => r.phone.received.length;
    expect(tries()).toBe(1);
    r.clock.advance(7_000);
    r.sync.tick();
    await settle();
    expect(tries()).toBe(1);
    r.clock.advance(30_000);
    r.sync.tick();
    await settle();
    expect(tries()).toBe(2);
    // The phone answers something else: what waits goes at once.
    r.phone.answer = (req) =>
      req.type === "status" ? { type: "status", paired: true, lastSyncAgoS: 5 } : takesAll(req);
    await r.sync.refreshStatus();
    await settle();
    expect(r.sync.queue.waiting().items).toBe(0);
  });

  it("shows the phone's refusals as the watch's", async () => {
    const r = await rig();
    r.phone.answer = (req) =>
      req.type === "hand_off"
        ? {
            type: "taken",
            upTo: 3,
            waitingItems: 0,
            waitingSets: 0,
            refused: [
              { seq: 7, op: "set.log", entityId: "S1-2", status: "rejected", error: "reps" },
            ],
          }
        : null;
    await r.sync.pushAll();
    expect(r.sync.status().rejected).toEqual([
      { seq: 7, op: "set.log", entityId: "S1-2", status: "rejected", error: "reps" },
    ]);
  });

  it("shows unpaired when the phone has no token, and hands off at once when pairing completes", async () => {
    const r = await rig();
    r.phone.answer = takesButWaits("unpaired");
    await r.sync.pushAll();
    expect(r.sync.status()).toMatchObject({ paired: false, problem: "unpaired", pendingItems: 3 });
    r.phone.answer = (req) =>
      req.type === "pair_start"
        ? { type: "pairing", state: "pending", userCode: "ACDE-FGHJ", expiresInS: 600 }
        : req.type === "hand_off"
          ? takesAll(req)
          : { type: "pairing", state: "paired" };
    expect(await r.sync.startPairing("Balance")).toMatchObject({
      state: "pending",
      receivedAtMs: r.clock.now(),
    });
    expect(r.phone.received[r.phone.received.length - 1]).toEqual({
      type: "pair_start",
      name: "Balance",
    });
    await r.sync.pollPairing();
    await settle();
    expect(r.sync.status()).toMatchObject({ paired: true, pendingItems: 0 });
  });

  it("keeps the weekday cache of older phones: by weekday, dropped when the plan changes", async () => {
    const r = await rig(0);
    const day = (weekday: number, planId: string): TodayPlan => ({
      weekday,
      planId,
      planName: "Plan",
      title: `Day ${weekday}`,
      items: [],
      cues: {},
    });
    // An older phone answers by weekday, without a date or a rev.
    r.phone.answer = (req) =>
      req.type === "get_today"
        ? { type: "today", stale: false, today: day(req.weekday, "P1") }
        : null;
    await r.sync.refreshWeek(localDays(r.clock.now(), 60, 7));
    expect(r.phone.received).toHaveLength(7);
    expect(r.sync.cachedDay({ date: "2025-01-08", weekday: 3 })?.title).toBe("Day 3");
    // Survives a restart, and a week later still answers by weekday.
    const again = new WatchSync({
      link: r.phone,
      store: r.store,
      clock: r.clock,
      random: seededRandom(),
    });
    expect(again.cachedDay({ date: "2025-01-13", weekday: 1 })?.title).toBe("Day 1");
    r.phone.answer = (req) =>
      req.type === "get_today"
        ? { type: "today", stale: false, today: day(req.weekday, "P2") }
        : null;
    await again.refreshWeek(localDays(r.clock.now(), 60, 1));
    expect(again.cachedDay({ date: "2025-01-08", weekday: 3 })).toBeNull();
    expect(again.cachedDay({ date: "2025-01-06", weekday: 1 })?.planId).toBe("P2");
  });

  it("keeps a week by date, asks only today while the phone's rev is unchanged, and drops past dates", async () => {
    const r = await rig(0);
    let rev = 11;
    const dated = (d: LocalDay): TodayPlan => ({
      weekday: d.weekday,
      date: d.date,
      planId: "P1",
      planName: "Plan",
      title: `Session of ${d.date}`,
      items: [],
      cues: {},
    });
    r.phone.answer = (req) =>
      req.type === "get_today" && req.date !== undefined
        ? {
            type: "today",
            stale: false,
            rev,
            today: dated({ date: req.date, weekday: req.weekday }),
          }
        : null;
    const week = localDays(r.clock.now(), 60, 7);
    await r.sync.refreshWeek(week);
    expect(r.phone.received.map((q) => q.type === "get_today" && q.date)).toEqual(
      week.map((d) => d.date),
    );
    expect(r.sync.cachedDay({ date: "2025-01-11", weekday: 6 })?.title).toBe(
      "Session of 2025-01-11",
    );
    // Same rev: today alone is asked.
    await r.sync.refreshWeek(week);
    expect(r.phone.received).toHaveLength(8);
    // Another rev: the whole week again.
    rev = 12;
    await r.sync.refreshWeek(week);
    expect(r.phone.received).toHaveLength(15);
    // A day later Monday is dropped and the new Monday is not held: the whole week is asked.
    r.clock.advance(86_400_000);
    await r.sync.refreshWeek(localDays(r.clock.now(), 60, 7));
    expect(r.sync.cachedDay({ date: "2025-01-06", weekday: 1 })).toBeNull();
    expect(r.sync.cachedDay({ date: "2025-01-13", weekday: 1 })?.title).toBe(
      "Session of 2025-01-13",
    );
    // The phone goes away in the middle: what was fetched stays, the rest is asked next time.
    rev = 13;
    let answers = 3;
    r.phone.answer = (req) =>
      req.type === "get_today" && req.date !== undefined && answers-- > 0
        ? {
            type: "today",
            stale: false,
            rev,
            today: dated({ date: req.date, weekday: req.weekday }),
          }
        : null;
    const before = r.phone.received.length;
    await r.sync.refreshWeek(localDays(r.clock.now(), 60, 7));
    expect(r.phone.received.length - before).toBe(4);
    expect(r.sync.lastProblem).toBe("phone_away");
    expect(r.sync.cachedDay({ date: "2025-01-12", weekday: 7 })?.title).toBe(
      "Session of 2025-01-12",
    );
  });

  it("keeps one no-plan answer for every day, and drops it when a plan arrives", async () => {
    const r = await rig(0);
    r.phone.answer = (req) =>
      req.type === "get_today"
        ? {
            type: "today",
            stale: false,
            rev: 1,
            today: {
              weekday: req.weekday,
              date: req.date as string,
              planId: null,
              planName: null,
              title: null,
              items: [],
              cues: {},
              planAt: "runstrong.example/plan",
            },
          }
        : null;
    await r.sync.refreshWeek(localDays(r.clock.now(), 60, 7));
    // No plan: the other days need not be asked.
    expect(r.phone.received).toHaveLength(1);
    expect(r.sync.cachedDay({ date: "2025-01-10", weekday: 5 })).toMatchObject({
      planId: null,
      planAt: "runstrong.example/plan",
    });
  });
});

// The watch side of the link: acks only in the current numbering, rebases only for the push
// they answer, retry advice and backoff, pairing and the today cache.
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import { Outbox } from "./outbox.ts";
import { FakeClock, seededRandom } from "./testSupport/fakes.ts";
import { MemoryKeyValueStore } from "./testSupport/memoryStore.ts";
import { StubPhone } from "./testSupport/stubPhone.ts";
import { type LocalDay, localDays, type TodayPlan } from "./todayPlan.ts";
import { WatchSync } from "./watchSync.ts";

const finish = (n: number): MutationBody => ({
  op: "session.finish",
  args: { id: `S${n}`, ended_at: "2025-01-06T07:30:00.000Z" },
});

function rig(count = 3) {
  const store = new MemoryKeyValueStore();
  const clock = new FakeClock();
  const outbox = Outbox.open(store, { newId: () => "OB" });
  outbox.append(Array.from({ length: count }, (_, i) => finish(i + 1)));
  const phone = new StubPhone();
  const sync = new WatchSync({ link: phone, outbox, store, clock, random: seededRandom() });
  return { store, clock, outbox, phone, sync };
}

describe("WatchSync", () => {
  it("removes acknowledged items and records when it last synced", async () => {
    const r = rig();
    r.phone.answer = (req) =>
      req.type === "push" ? { type: "acks", generation: 0, upToSeq: 3, problems: [] } : null;
    await r.sync.pushAll();
    expect(r.outbox.size).toBe(0);
    expect(r.sync.status()).toMatchObject({
      paired: true,
      lastSyncAtMs: r.clock.now(),
      problem: null,
    });
    expect(r.phone.received).toHaveLength(1);
  });

  it("keeps a push's server problem on screen while sets wait, even when status answers", async () => {
    const r = rig();
    r.phone.answer = (req) =>
      req.type === "push" ? { type: "error", code: "server", message: "down" } : null;
    await r.sync.pushAll();
    expect(r.sync.status().problem).toBe("server");
    r.phone.answer = (req) =>
      req.type === "status" ? { type: "status", paired: true, lastSyncAgoS: null } : null;
    await r.sync.refreshStatus();
    expect(r.sync.status().problem).toBe("server");
    r.clock.advance(3_600_000);
    r.phone.answer = (req) =>
      req.type === "push" ? { type: "acks", generation: 0, upToSeq: 3, problems: [] } : null;
    await r.sync.pushAll();
    expect(r.sync.status().problem).toBeNull();
    // With nothing waiting, a status answer clears a stale server problem.
    r.phone.answer = () => ({ type: "error", code: "server", message: "down" });
    await r.sync.refreshStatus();
    expect(r.sync.status().problem).toBe("server");
    r.phone.answer = () => ({ type: "status", paired: true, lastSyncAgoS: 5 });
    await r.sync.refreshStatus();
    expect(r.sync.status().problem).toBeNull();
  });

  it("ignores acks about another numbering and rebases only the push it answers", async () => {
    const r = rig();
    r.phone.answer = () => ({ type: "acks", generation: 7, upToSeq: 3, problems: [] });
    await r.sync.pushAll();
    expect(r.outbox.size).toBe(3);
    r.clock.advance(3_600_000);
    r.phone.answer = () => ({ type: "rebase", generation: 0, firstSeq: 2, expectedSeq: 1 });
    await r.sync.pushAll();
    expect(r.outbox.stream.generation).toBe(0);
    r.clock.advance(3_600_000);
    const answers = [
      { type: "rebase" as const, generation: 0, firstSeq: 1, expectedSeq: 11 },
      { type: "acks" as const, generation: 1, upToSeq: 13, problems: [] },
    ];
    r.phone.answer = () => answers.shift() ?? null;
    await r.sync.pushAll();
    expect(r.outbox.stream.generation).toBe(1);
    expect(r.outbox.size).toBe(0);
    const lastPush = r.phone.received[r.phone.received.length - 1];
    expect(lastPush?.type === "push" && lastPush.items.map((i) => i.seq)).toEqual([11, 12, 13]);
  });

  it("waits as the phone advises, and backs off while it is away", async () => {
    const r = rig();
    r.phone.answer = () => ({
      type: "acks",
      generation: 0,
      upToSeq: 1,
      problems: [],
      retry: { reason: "server", afterS: 20 },
    });
    await r.sync.pushAll();
    expect(r.outbox.size).toBe(2);
    expect(r.sync.status().problem).toBe("server");
    expect(r.sync.due()).toBe(false);
    r.clock.advance(20_000);
    expect(r.sync.due()).toBe(true);
    r.phone.answer = () => null;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = r.clock.now();
      await r.sync.pushAll();
      while (!r.sync.due()) r.clock.advance(500);
      waits.push(r.clock.now() - before);
    }
    expect(r.sync.status().problem).toBe("phone_away");
    // 15 s doubling, jittered into the upper half of each step.
    expect(waits[0]).toBeGreaterThanOrEqual(7_500);
    expect(waits[3]).toBeGreaterThanOrEqual(60_000);
    expect(waits[3]).toBeLessThanOrEqual(120_500);
  });

  it("shows unpaired after an unpaired error, and paired again once pairing completes", async () => {
    const r = rig();
    r.phone.answer = () => ({ type: "error", code: "unpaired", message: "Pair the watch first." });
    await r.sync.pushAll();
    expect(r.sync.status()).toMatchObject({ paired: false, problem: "unpaired", pendingItems: 3 });
    r.phone.answer = (req) =>
      req.type === "pair_start"
        ? { type: "pairing", state: "pending", userCode: "ACDE-FGHJ", expiresInS: 600 }
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
    expect(r.sync.status().paired).toBe(true);
    expect(r.sync.due()).toBe(true);
  });

  it("keeps the weekday cache of older phones: by weekday, dropped when the plan changes", async () => {
    const r = rig(0);
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
      outbox: r.outbox,
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
    const r = rig(0);
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
    const r = rig(0);
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

// The phone's week of sessions against a scripted server: GET /plans/today for today and the six
// following local dates, one at a time; answers by date with the progressed targets; a 404 is
// "no plan"; refreshes after a plan change, every few minutes and when the app opens; the pulled
// plan stands in only while the endpoint is out of reach.
import type { PlanDay } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import {
  decodePhoneReply,
  encodeWatchRequest,
  messageBytes,
  type PhoneReply,
  type WatchRequest,
} from "../link/watchLink.ts";
import { FakeClock } from "../testSupport/fakes.ts";
import { ManualScheduler } from "../testSupport/manualScheduler.ts";
import { MemorySettingsStore } from "../testSupport/memoryStore.ts";
import { json, ScriptedHttp } from "../testSupport/scriptedHttp.ts";
import {
  answerFor,
  EXERCISES,
  firstPull,
  PLAN,
  planRecord,
  pullPage,
  scriptWeek,
  settingsRecord,
  WEEK,
} from "../testSupport/weekFixtures.ts";
import { TOKEN_KEY } from "./phonePairing.ts";
import { PhoneRelay } from "./phoneRelay.ts";

async function rig(opts: { maxMessageBytes?: number } = {}) {
  const clock = new FakeClock();
  const scheduler = new ManualScheduler(clock);
  const http = new ScriptedHttp();
  const settings = new MemorySettingsStore();
  await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-1", device_id: "dev-1" }));
  const open = () =>
    PhoneRelay.open({
      http: http.client,
      settings,
      scheduler,
      clock,
      platform: "zepp",
      random: () => 0.5,
      ...(opts.maxMessageBytes === undefined ? {} : { maxMessageBytes: opts.maxMessageBytes }),
    });
  let relay = await open();
  const send = async (req: WatchRequest): Promise<PhoneReply> =>
    decodePhoneReply(await relay.handle(encodeWatchRequest(req)));
  const reopen = async () => {
    relay = await open();
  };
  return { clock, scheduler, http, settings, send, reopen, relay: () => relay };
}

const getDay = (date: string, weekday: number, sync?: true) => ({
  type: "get_today" as const,
  weekday,
  date,
  ...(sync ? { sync } : {}),
});

describe("PhoneRelay week of sessions", () => {
  it("asks /plans/today for today and the six following dates in turn, and answers each date with its progressed session", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    const monday = await r.send(getDay(WEEK[0] as string, 1));
    expect(r.http.requests.map((q) => q.url.replace(/^.*\/api\/v1/, ""))).toEqual([
      "/sync/pull?limit=500&kinds=plans,settings",
      ...WEEK.map((d) => `/plans/today?date=${d}`),
      "/exercises",
    ]);
    expect(monday).toEqual({
      type: "today",
      stale: false,
      rev: expect.any(Number),
      today: {
        weekday: 1,
        date: "2025-01-06",
        planId: "P1",
        planName: "Marathon base",
        title: "Lower body",
        items: [
          {
            exercise_id: "squat",
            name: "Squat",
            mode: "reps",
            per_side: false,
            sets: 3,
            rest_s: 90,
            target_reps: 10,
            weight_kg: 20,
          },
          {
            // The variation's name is what the runner does.
            exercise_id: "side-plank",
            name: "Side plank, leg lift",
            mode: "hold",
            per_side: true,
            sets: 2,
            rest_s: 30,
            target_hold_s: 35,
          },
        ],
        cues: { squat: "Sit back and down", "side-plank": "Hips high" },
        why: "All sets done last week: two more reps.",
      },
    });
    // The rest of the week is answered from the phone's copy, without the server.
    const asked = r.http.requests.length;
    const thursday = await r.send(getDay(WEEK[3] as string, 4));
    expect(thursday).toMatchObject({
      type: "today",
      stale: false,
      rev: (monday as { rev: number }).rev,
      today: { date: "2025-01-09", title: "Core & upper body", items: [{ name: "Push-up" }] },
    });
    const tuesday = await r.send(getDay(WEEK[1] as string, 2));
    expect(tuesday).toMatchObject({ today: { date: "2025-01-07", planId: "P1", items: [] } });
    // A watch that sends no date gets the day of this week with its weekday.
    expect(await r.send({ type: "get_today", weekday: 4 })).toMatchObject({
      today: { date: "2025-01-09", title: "Core & upper body" },
    });
    expect(r.http.requests).toHaveLength(asked);
  });

  it("sends the account's max heart rate and rest threshold with the day, pulling once from scratch after an app that kept no heart rate", async () => {
    const r = await rig();
    // What an earlier phone app kept: the plans and a cursor, but no heart-rate settings.
    await r.settings.set(
      "runstrong.pull",
      JSON.stringify({ activePlanId: "P1", plans: { P1: { rev: 1, plan: PLAN } }, pulledAtMs: 0 }),
    );
    await r.settings.set(
      "runstrong.mirror.pull.plans+settings",
      JSON.stringify({ cursor: "v1", resetting: false }),
    );
    await r.reopen();
    const settings = { ...settingsRecord("P1"), max_hr: 190, rest_hr_ready: 115 };
    r.http.on(
      "GET",
      "/api/v1/sync/pull?limit=500&kinds=plans,settings",
      pullPage({ plans: [planRecord("P1", PLAN)], settings: [settings] }, "v2"),
    );
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    const monday = await r.send(getDay(WEEK[0] as string, 1));
    expect(r.http.requests[0]?.url).toMatch(/\/sync\/pull\?limit=500&kinds=plans,settings$/);
    expect(monday).toMatchObject({ type: "today", today: { maxHr: 190, restHrReady: 115 } });
  });

  it("says there is no plan on a 404, forgets the week and names where to build one", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    await r.send(getDay(WEEK[0] as string, 1));
    expect(await r.settings.get("runstrong.week")).toContain("Lower body");

    r.clock.advance(6 * 60_000);
    r.http.on(
      "GET",
      `/api/v1/plans/today?date=${WEEK[0]}`,
      json(404, { error: "not_found", message: "No active plan." }),
    );
    const none = await r.send(getDay(WEEK[0] as string, 1));
    expect(none).toEqual({
      type: "today",
      stale: false,
      rev: expect.any(Number),
      today: {
        weekday: 1,
        date: "2025-01-06",
        planId: null,
        planName: null,
        title: null,
        items: [],
        cues: {},
        planAt: "127.0.0.1:8787/plan",
      },
    });
    // One request was enough; the stored week is gone and "no plan" is remembered.
    expect(r.http.remaining).toBe(0);
    expect(await r.settings.get("runstrong.week")).not.toContain("Lower body");
    expect(await r.send(getDay(WEEK[2] as string, 3))).toMatchObject({
      today: { planId: null, planAt: "127.0.0.1:8787/plan" },
    });
  });

  it("asks again when a pull brings a plan change, at most every few minutes otherwise, and when the app opens", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    const first = await r.send(getDay(WEEK[0] as string, 1));

    // Two minutes on: the copy is fresh, nothing is asked.
    r.clock.advance(2 * 60_000);
    await r.send(getDay(WEEK[0] as string, 1));
    expect(r.http.remaining).toBe(0);
    const asked = r.http.requests.length;

    // Eleven minutes on, the pull notices the plan changed: the week is asked again.
    r.clock.advance(9 * 60_000);
    r.http.on(
      "GET",
      "/api/v1/sync/pull?cursor=v1&limit=500&kinds=plans,settings",
      pullPage({ plans: [planRecord("P1", { ...PLAN, name: "Marathon build" })] }, "v2"),
    );
    scriptWeek(r.http, (d) =>
      json(200, answerFor(d, d === WEEK[0] ? { deload: true, week: 4 } : {})),
    );
    const changed = await r.send(getDay(WEEK[0] as string, 1));
    expect(r.http.requests).toHaveLength(asked + 8);
    expect(changed).toMatchObject({
      today: { planName: "Marathon build", deload: true },
    });
    expect((changed as { rev: number }).rev).not.toBe((first as { rev: number }).rev);

    // Six minutes on, nothing changed on the server: asked again because it is old.
    r.clock.advance(6 * 60_000);
    scriptWeek(r.http, (d) =>
      json(200, answerFor(d, d === WEEK[0] ? { deload: true, week: 4 } : {})),
    );
    const same = await r.send(getDay(WEEK[0] as string, 1));
    expect(r.http.remaining).toBe(0);
    expect((same as { rev: number }).rev).toBe((changed as { rev: number }).rev);

    // The runner taps sync on the watch: the phone pulls at once (not within seconds of the
    // last pull), and asks the week again only because the pull brought a change.
    r.clock.advance(40_000);
    r.http.on(
      "GET",
      "/api/v1/sync/pull?cursor=v2&limit=500&kinds=plans,settings",
      pullPage({ settings: [settingsRecord("P1")] }, "v3"),
    );
    scriptWeek(r.http, (d) => json(200, answerFor(d, { taper: d === WEEK[0] })));
    expect(await r.send(getDay(WEEK[0] as string, 1, true))).toMatchObject({
      today: { taper: true },
    });
    r.clock.advance(3_000);
    await r.send(getDay(WEEK[0] as string, 1, true));
    r.clock.advance(5_000);
    r.http.on(
      "GET",
      "/api/v1/sync/pull?cursor=v3&limit=500&kinds=plans,settings",
      pullPage({}, "v4"),
    );
    await r.send(getDay(WEEK[0] as string, 1, true));
    expect(r.http.remaining).toBe(0);

    // The phone app opens again a minute later: it asks at once.
    r.clock.advance(60_000);
    await r.reopen();
    scriptWeek(r.http, (d) =>
      json(200, answerFor(d, { adjusted: d === WEEK[0], deload: d === WEEK[0] })),
    );
    expect(await r.send(getDay(WEEK[0] as string, 1))).toMatchObject({
      today: { adjusted: true, deload: true },
    });
    expect(r.http.remaining).toBe(0);
  });

  it("stands in with the pulled plan only while the endpoint is out of reach and nothing is stored", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    r.http.on("GET", `/api/v1/plans/today?date=${WEEK[0]}`, "network");
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    expect(await r.send(getDay(WEEK[0] as string, 1))).toEqual({
      type: "today",
      stale: true,
      today: {
        weekday: 1,
        date: "2025-01-06",
        planId: "P1",
        planName: "Marathon base",
        title: "Lower body",
        items: [
          {
            exercise_id: "squat",
            name: "Squat",
            mode: "reps",
            per_side: false,
            sets: 3,
            rest_s: 90,
            target_reps: 8,
          },
        ],
        cues: { squat: "Sit back and down" },
      },
    });
    // Within the retry pause nothing is asked; after it, the week comes through.
    r.clock.advance(10_000);
    await r.send(getDay(WEEK[0] as string, 1));
    r.clock.advance(30_000);
    scriptWeek(r.http);
    expect(await r.send(getDay(WEEK[0] as string, 1))).toMatchObject({
      stale: false,
      today: { items: [{ target_reps: 10 }, {}] },
    });
    // Down again later: the stored answer is served (stale), not the plan's unprogressed day.
    r.clock.advance(6 * 60_000);
    r.http.on("GET", `/api/v1/plans/today?date=${WEEK[0]}`, "network");
    expect(await r.send(getDay(WEEK[0] as string, 1))).toMatchObject({
      stale: true,
      today: { items: [{ target_reps: 10 }, {}] },
    });
    expect(r.http.remaining).toBe(0);
  });

  it("asks for a date beyond the stored week on its own", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/plans/today?date=2025-01-13", json(200, answerFor("2025-01-13")));
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    expect(await r.send(getDay("2025-01-13", 1))).toMatchObject({
      today: { date: "2025-01-13", weekday: 1, items: [] },
    });
    expect(r.http.remaining).toBe(0);
  });

  it("says unpaired when there is neither a token nor a stored week or plan", async () => {
    const r = await rig();
    await r.settings.remove(TOKEN_KEY);
    expect(await r.send(getDay(WEEK[1] as string, 2))).toMatchObject({
      type: "error",
      code: "unpaired",
    });
  });

  it("fits each day within Fitbit's message budget, shortening cues and the reason first", async () => {
    const budget = 952;
    const r = await rig({ maxMessageBytes: budget });
    const long = (n: number) => `${"Exercise with a long descriptive name ".repeat(2)}${n}`;
    const heavy: PlanDay = {
      weekday: 1,
      title: "Full body",
      items: Array.from({ length: 8 }, (_, i) => ({
        exercise_id: `ex-${i}`,
        variation: long(i),
        mode: "reps" as const,
        per_side: i % 2 === 0,
        sets: 3,
        target_reps: 12,
        rest_s: 60,
        weight_kg: 12.5,
      })),
    };
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http, (d) =>
      json(
        200,
        answerFor(d, {
          day: { ...heavy, weekday: 1 },
          progression: [{ exercise_id: "ex-0", from: {}, to: {}, reason: "Because ".repeat(40) }],
        }),
      ),
    );
    r.http.on(
      "GET",
      "/api/v1/exercises",
      json(200, {
        exercises: Array.from({ length: 8 }, (_, i) => ({
          id: `ex-${i}`,
          name: `Ex ${i}`,
          cues: ["A cue that goes on and on about form. ".repeat(4)],
        })),
      }),
    );
    for (const [i, date] of WEEK.entries()) {
      const wire = await r.relay().handle(encodeWatchRequest(getDay(date, i + 1)));
      expect(messageBytes(wire)).toBeLessThanOrEqual(budget);
      expect(decodePhoneReply(wire)).toMatchObject({ type: "today", today: { date } });
    }
  });
});

// The week of sessions end to end in the core: WatchApp and PhoneRelay over the watch link (at
// Fitbit's message budget) and a scripted server. The watch carries seven dated sessions away,
// offers each day's own while the phone is gone for days, starts it with its progressed
// targets, follows a plan change, and says where to build a plan once there is none.
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import { messageBytes } from "./link/watchLink.ts";
import { TOKEN_KEY } from "./phone/phonePairing.ts";
import { PhoneRelay } from "./phone/phoneRelay.ts";
import type { PhoneLink } from "./ports.ts";
import { FakeClock, RecordingHaptics, RecordingScreen, seededRandom } from "./testSupport/fakes.ts";
import { ManualScheduler, settle } from "./testSupport/manualScheduler.ts";
import { MemoryLocalStore, MemorySettingsStore } from "./testSupport/memoryStore.ts";
import { queuedMutations } from "./testSupport/queued.ts";
import { json, ScriptedHttp } from "./testSupport/scriptedHttp.ts";
import {
  answerFor,
  EXERCISES,
  firstPull,
  PLAN,
  planRecord,
  pullPage,
  scriptWeek,
  settingsRecord,
  THURSDAY,
  WEEK,
} from "./testSupport/weekFixtures.ts";
import type { HomeScreen } from "./watch/screens.ts";
import { WatchApp } from "./watch/watchApp.ts";

/** Fitbit's peerSocket message (1024) less the frame header (fitbit/common/peerFraming.ts). */
const BUDGET = 1024 - 48;
const DAY_MS = 86_400_000;

/** The phone as the watch reaches it, recording the size of every message both ways. */
class MeasuredLink implements PhoneLink {
  away = false;
  readonly sizes: number[] = [];
  /** How many days the watch asked for. */
  dayRequests = 0;

  constructor(private readonly relay: PhoneRelay) {}

  async request(message: string): Promise<string> {
    if (this.away) throw new Error("phone not connected");
    if (message.includes('"get_today"')) this.dayRequests++;
    this.sizes.push(messageBytes(message));
    const reply = await this.relay.handle(message);
    this.sizes.push(messageBytes(reply));
    return reply;
  }
}

async function rig() {
  const clock = new FakeClock();
  const settings = new MemorySettingsStore();
  await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-1", device_id: "dev-1" }));
  const http = new ScriptedHttp();
  const relay = await PhoneRelay.open({
    http: http.client,
    settings,
    scheduler: new ManualScheduler(clock),
    clock,
    platform: "fitbit",
    random: () => 0.5,
    maxMessageBytes: BUDGET,
  });
  const link = new MeasuredLink(relay);
  const app = WatchApp.open({
    store: new MemoryLocalStore(),
    haptics: new RecordingHaptics(),
    screen: new RecordingScreen(),
    clock,
    link,
    random: seededRandom(3),
    deviceName: "Versa 3",
    maxMessageBytes: BUDGET,
  });
  const home = () => {
    const screen = app.screen();
    expect(screen.kind).toBe("home");
    return screen as HomeScreen;
  };
  const syncNow = async () => {
    app.act({ type: "sync_now" });
    await settle();
  };
  return { clock, http, link, app, home, syncNow };
}

/** Saturday's session: the runner accepted a fatigue adjustment for it. */
const saturday = (date: string) =>
  json(
    200,
    date === WEEK[5]
      ? answerFor(date, { day: { ...THURSDAY, weekday: 6 }, adjusted: true })
      : answerFor(date),
  );

describe("the week of sessions on the watch", () => {
  it("carries seven dated sessions away and offers each day's own while the phone is gone for days", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http, saturday);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    r.app.tick();
    await settle();
    expect(r.http.remaining).toBe(0);
    expect(r.home()).toMatchObject({
      // 3 squat sets and 2 side-plank sets on each side: counted as they will be logged.
      today: { choice: "today", title: "Lower body", detail: "2 exercises · 7 sets" },
      todayTargets: ["Squat 3×10 · 20 kg", "Side plank, leg lift 2×35 s/side"],
      todayWhy: "All sets done last week: two more reps.",
      todayTag: null,
    });
    // Every message of the exchange fits one Fitbit message.
    expect(r.link.dayRequests).toBe(7);
    expect(Math.max(...r.link.sizes)).toBeLessThanOrEqual(BUDGET);

    // The phone goes away for five days; the watch keeps ticking and trying.
    r.link.away = true;
    for (let hour = 0; hour < 5 * 24; hour++) {
      r.clock.advance(3_600_000);
      r.app.tick();
      await settle();
    }
    expect(r.home()).toMatchObject({
      today: { title: "Core & upper body", detail: "1 exercise · 2 sets" },
      todayTargets: ["Push-up 2×12"],
      todayTag: "Adjusted: core & upper body",
      todayNote: null,
    });
    // Sunday, the sixth day away: a rest day, by its own date.
    r.clock.advance(DAY_MS);
    expect(r.home()).toMatchObject({ today: null, todayNote: "Rest day" });
    r.clock.advance(-DAY_MS);

    // Started from the plan: the plan and ISO weekday on the session, the progressed target on
    // each logged set.
    r.app.act({ type: "start", choice: "today" });
    expect(r.app.screen()).toMatchObject({ kind: "reps", exercise: "Push-up", target: "12 reps" });
    r.app.act({ type: "rep_tap" });
    r.app.act({ type: "set_done" });
    const ops = await queuedMutations(r.app);
    const start = ops[0] as Extract<MutationBody, { op: "session.start" }>;
    expect(start.args).toMatchObject({
      plan_id: "P1",
      plan_day: 6,
      source: "plan",
      name: "Core & upper body",
    });
    const set = ops.find((m) => m.op === "set.log") as Extract<MutationBody, { op: "set.log" }>;
    expect(set.args).toMatchObject({ exercise_id: "push-up", reps: 1, target_reps: 12 });
  });

  it("follows a plan change at the next refresh, and says where to build a plan once there is none", async () => {
    const r = await rig();
    r.http.on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", firstPull());
    scriptWeek(r.http);
    r.http.on("GET", "/api/v1/exercises", EXERCISES);
    await r.syncNow();
    expect(r.home().todayTag).toBeNull();

    // A quarter of an hour later the plan changed: the pull notices, the week is asked again,
    // and the new rev makes the watch fetch every day.
    r.clock.advance(15 * 60_000);
    r.http.on(
      "GET",
      "/api/v1/sync/pull?cursor=v1&limit=500&kinds=plans,settings",
      pullPage({ plans: [planRecord("P1", { ...PLAN, name: "Marathon build" })] }, "v2"),
    );
    scriptWeek(r.http, (d) => json(200, answerFor(d, { deload: true, week: 4 })));
    const before = r.link.dayRequests;
    r.app.tick();
    await settle();
    expect(r.http.remaining).toBe(0);
    expect(r.link.dayRequests - before).toBe(7);
    expect(r.home()).toMatchObject({ today: { title: "Lower body" }, todayTag: "Lighter week" });
    r.clock.advance(3 * DAY_MS);
    expect(r.home()).toMatchObject({
      today: { title: "Core & upper body" },
      todayTag: "Lighter week",
    });
    r.clock.advance(-3 * DAY_MS);

    // Then the runner drops the plan: a 404, and the built-in routines stay on offer.
    r.clock.advance(15 * 60_000);
    r.http.on(
      "GET",
      "/api/v1/sync/pull?cursor=v2&limit=500&kinds=plans,settings",
      pullPage({ settings: [settingsRecord(null)] }, "v3"),
    );
    r.http.on(
      "GET",
      `/api/v1/plans/today?date=${WEEK[0]}`,
      json(404, { error: "not_found", message: "No active plan." }),
    );
    await r.syncNow();
    const home = r.home();
    expect(home.today).toBeNull();
    expect(home.todayNote).toBe("No plan yet — build one at 127.0.0.1:8787/plan");
    expect(home.routines.length).toBeGreaterThan(0);
    r.clock.advance(2 * DAY_MS);
    expect(r.home().todayNote).toBe("No plan yet — build one at 127.0.0.1:8787/plan");
    expect(Math.max(...r.link.sizes)).toBeLessThanOrEqual(BUDGET);
  });
});

import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimServer } from "../../watch-app/sim/server.mjs";
import type { LocalWorker } from "./localWorker.ts";
import { simWatch, tid } from "./simWatch.ts";
import { startWebStack } from "./webStack.ts";

const _root = path.resolve(import.meta.dirname, "../..");
const EMAIL = `watch-${Date.now()}@example.com`;
const PASSWORD = "tempo-run-42";
const WATCH_ID = `e2e-${Date.now().toString(36)}`;
const WATCH_NAME = "Amazfit Balance (simulator)";

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

let worker: LocalWorker;
let sim: Awaited<ReturnType<typeof startSimServer>>;
let browser: Browser;
let watch: Page;
let web: Page;
let cookie = "";

const { textOf, tap, taps, shows, skip } = simWatch(() => watch);

/** A rest's top line: the simulator's sensor reads the slider's 120 bpm, shown in the rest. */
const REST_HEADER = /^Rest · 1[0-9]{2} bpm$/;

/**
 * Taps the sync line until the watch element shows `expected`: the phone pulls on a runner's
 * sync at most every few seconds (its own, real clock), so one tap may come too soon.
 */
async function syncUntil(id: string, expected: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await tap("sync-line");
        return (await watch.isVisible(tid(id))) ? textOf(id) : "";
      },
      { timeout: 20_000, interval: 2_000 },
    )
    .toBe(expected);
}

async function serverMode(mode: "up" | "down" | "lost"): Promise<void> {
  await watch.selectOption(tid("server-mode"), mode);
  await watch.waitForSelector(`${tid("server-mode")}[data-applied="${mode}"]`);
}

async function setPhoneAway(away: boolean): Promise<void> {
  if (away) await watch.check(tid("phone-away"));
  else await watch.uncheck(tid("phone-away"));
}

/** Kills the app (no onDestroy) and waits for it to come back up from storage. */
async function killAndReopen(): Promise<void> {
  await tap("kill-app");
  await shows("app-state", "running");
}

/** The Worker's API with the runner's web cookie (cookie writes need a same-origin Origin). */
async function api(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${worker.url}/api/v1${url}`, {
    method,
    headers: {
      cookie,
      origin: worker.url,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/**
 * Pushes mutations as the runner's browser, numbered after the seqs that browser device already
 * used (the web page may have pushed some of its own, e.g. on sign-up); each must be applied.
 */
async function pushAsRunner(mutations: Json[]): Promise<void> {
  const { last_seq: last } = await api("POST", "/sync/push", { schema: 1, mutations: [] });
  const res = await api("POST", "/sync/push", {
    schema: 1,
    mutations: mutations.map((m, i) => ({ seq: last + 1 + i, ...m })),
  });
  expect(res.acks.map((a: Json) => a.status)).toEqual(mutations.map(() => "applied"));
}

/** Everything the server holds for the runner (a pull from scratch). */
async function serverState(): Promise<{ sessions: Json[]; sets: Json[] }> {
  const sessions: Json[] = [];
  const sets: Json[] = [];
  let cursor = "";
  for (let page = 0; page < 20; page++) {
    const body = await api(
      "GET",
      `/sync/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    sessions.push(...body.changes.sessions);
    sets.push(...body.changes.sets);
    cursor = body.cursor;
    if (!body.has_more) break;
  }
  return { sessions, sets };
}

/** A set as the assertions compare it. */
const brief = (s: Json) => ({
  exercise: s.exercise_id,
  index: s.set_index,
  ...(s.reps === null || s.reps === undefined ? {} : { reps: s.reps }),
  ...(s.hold_s === null || s.hold_s === undefined ? {} : { hold_s: s.hold_s }),
  ...(s.side ? { side: s.side } : {}),
});

async function setsOfSession(sessionId: string): Promise<Json[]> {
  const { sets } = await serverState();
  return sets
    .filter((s) => s.session_id === sessionId)
    .sort((a, b) => String(a.id).localeCompare(String(b.id), "en", { numeric: true }));
}

/** The ids of the watch's sessions on the server, oldest first. */
async function watchSessionIds(): Promise<string[]> {
  const { sessions } = await serverState();
  return sessions
    .filter((s) => s.source !== undefined && s.source !== null)
    .sort((a, b) => String(a.started_at).localeCompare(String(b.started_at)))
    .map((s) => s.id as string);
}

/** The plan the test runs as today's session, the same every weekday. */
const PLAN_ITEMS = [
  { exercise_id: "squat", mode: "reps", per_side: false, sets: 2, target_reps: 5, rest_s: 30 },
  { exercise_id: "plank", mode: "hold", per_side: false, sets: 1, target_hold_s: 20, rest_s: 15 },
  { exercise_id: "lunge", mode: "reps", per_side: true, sets: 1, target_reps: 4, rest_s: 0 },
];

const DAY_MS = 86_400_000;
/** Local calendar date of `ms` on this machine (the simulator's watch and phone share its zone). */
const localDate = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * The runner accepted a one-day change for today (and the days either side, whatever the clock
 * says): only GET /plans/today knows it — the pulled plan's weekday alone would not — so the
 * watch showing it proves today's session comes from that endpoint. The lunge becomes its
 * reverse variation, with the plan's targets.
 */
const ADJUSTED_TODAY = [-1, 0, 1].map((offset) => {
  const date = localDate(Date.now() + offset * DAY_MS);
  const items = PLAN_ITEMS.map((i) =>
    i.exercise_id === "lunge" ? { ...i, variation: "Reverse lunge" } : i,
  );
  return { date, day: { weekday: isoWeekday(date), title: "Strength", items } };
});

beforeAll(async () => {
  // The web approval page needs its client script (built, not committed).
  [worker, browser] = await startWebStack();
  // The phone starts out pointed at a dead server: the test sets the real one in its settings.
  sim = await startSimServer({ server: "http://127.0.0.1:9" });
  watch = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  web = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  for (const p of [watch, web]) p.setDefaultTimeout(10_000);
  watch.on("pageerror", (error) => console.error("simulator page error:", error));
  await watch.goto(`${sim.url}/?watch=${WATCH_ID}`);
  await watch.waitForSelector('body[data-ready="true"]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
  await worker?.stop();
});

describe("Zepp watch app in the simulator", { timeout: 60_000 }, () => {
  it("pairs: the code on the watch, approved on the web page, and the watch shows paired", async () => {
    await shows("sync-line", "Not paired");
    // The phone's settings app: point it at the local Worker.
    await watch.fill(tid("settings-server-url"), worker.url);
    await watch.press(tid("settings-server-url"), "Enter");
    await expect.poll(() => watch.inputValue(tid("settings-server-url"))).toBe(worker.url);

    await tap("action-open_pairing");
    await shows("pairing-code", /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const code = await textOf("pairing-code");
    expect(await textOf("pairing-expires")).toMatch(/^Expires in (9|10):\d\d$/);
    await expect.poll(() => watch.textContent(tid("settings-status"))).toBe(`Pairing code ${code}`);

    // The runner signs up on the approval page itself, then approves the code.
    await web.goto(`${worker.url}/pair`);
    await web.fill("#auth-form #email", EMAIL);
    await web.fill("#auth-form #password", PASSWORD);
    await web.click("#auth-form button[value=signup]");
    await web.waitForSelector("#code-form");
    const session = (await web.context().cookies(worker.url)).find((c) => c.name === "rs_session");
    expect(session).toBeDefined();
    cookie = `rs_session=${session?.value}`;
    // The page pushes the browser's time zone as its first change; the test's own pushes count
    // from the same browser device, so they wait until that one is in.
    await expect
      .poll(async () => (await api("GET", "/sync/pull")).changes?.settings?.[0]?.time_zone ?? null)
      .not.toBeNull();
    // Today's session comes from this plan (every weekday, so the watch's time zone is moot).
    await pushAsRunner([
      {
        op: "plan.put",
        args: {
          id: "plan-e2e",
          base_rev: 0,
          plan: {
            name: "Watch e2e",
            days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
              weekday,
              title: "Strength",
              items: PLAN_ITEMS,
            })),
            overrides: ADJUSTED_TODAY,
          },
        },
      },
      { op: "settings.put", args: { active_plan_id: "plan-e2e" } },
    ]);
    await web.fill("#user_code", code.toLowerCase());
    await web.click("#code-form button[type=submit]");
    await web.waitForSelector("#pending:not([hidden])");
    expect(await web.textContent("#pending-name")).toBe(WATCH_NAME);
    await web.click("#approve");
    await expect.poll(() => web.textContent("#result")).toContain(`Paired ${WATCH_NAME}`);

    await shows("pairing-message", "Paired", 20_000);
    await expect.poll(() => watch.textContent(tid("settings-status"))).toBe("Paired");
    await tap("action-close_pairing");
    // Home: today's session from GET /plans/today with the plan's targets, no pairing button.
    await watch.waitForSelector(tid("action-start-today"));
    expect(await textOf("action-start-today")).toBe("Strength");
    await shows("today-tag", "Adjusted: strength");
    expect(await textOf("today-target-0")).toBe("Squat 2×5");
    expect(await textOf("today-target-1")).toBe("Plank 1×20 s");
    expect(await textOf("today-target-2")).toBe("Reverse lunge 1×4/side");
    expect(await watch.textContent(tid("sim-log"))).toContain("GET /api/v1/plans/today");
    expect(await watch.isVisible(tid("action-open_pairing"))).toBe(false);
    await shows("sync-line", /^(Synced|Not synced yet)/);
  });

  it("runs today's session: taps, undo, a hold, a rest run out, both sides; the server holds exactly those sets", async () => {
    await tap("action-start-today");
    await shows("session-title", "Squat");
    await shows("session-top", "Set 1 of 2");
    expect(await textOf("screen-state")).toBe("kept on");
    const buzzes = Number(await textOf("buzz-count"));
    await taps("big", 5);
    await shows("big", "5");
    expect(Number(await textOf("buzz-count"))).toBe(buzzes + 5);
    await tap("action-undo_tap");
    await shows("big", "4");
    await tap("action-set_done");

    // The rest runs out on the watch clock.
    await shows("session-top", REST_HEADER);
    await shows("session-title", "Squat");
    await skip(31);
    await shows("session-top", "Set 2 of 2");
    await shows("big", "0");
    // The rest's end buzzes on the next tick (the view may show the new set a tick earlier).
    await shows("buzz-last", "DURATION");
    await taps("big", 6);
    await shows("big", "6");
    await tap("action-set_done");
    await shows("session-top", REST_HEADER);
    await tap("action-rest_skip");

    // A hold: start it, and it completes at its 20 s target.
    await shows("session-title", "Plank");
    await shows("big", "20 s");
    await tap("action-hold_start");
    await shows("big", /^0:\d\d$/);
    await skip(21);
    await shows("session-top", REST_HEADER);
    await tap("action-rest_skip");

    // A per-side exercise, by its variation's name: left, switch, right.
    await shows("session-title", "Reverse lunge");
    await shows("session-top", "Set 1 of 1 · Left side");
    await taps("big", 4);
    await tap("action-set_done");
    await shows("session-sub", "Switch to right side");
    await tap("action-switch_side");
    await shows("session-top", "Set 1 of 1 · Right side");
    await taps("big", 3);
    await shows("big", "3");
    await tap("action-set_done");

    await shows("session-top", "Session done");
    await shows("session-sub", "5 sets · 17 reps");
    await shows("session-note", "Held 0:20");
    await tap("action-close_summary");
    await watch.waitForSelector(tid("action-start-today"));
    await shows("sync-line", /^Synced/);
    expect(await textOf("screen-state")).toBe("auto");

    const [sessionId] = await watchSessionIds();
    expect(sessionId).toBeDefined();
    const sets = await setsOfSession(sessionId as string);
    expect(sets.map(brief)).toEqual([
      { exercise: "squat", index: 0, reps: 4 },
      { exercise: "squat", index: 1, reps: 6 },
      { exercise: "plank", index: 0, hold_s: 20 },
      { exercise: "lunge", index: 0, reps: 4, side: "left" },
      { exercise: "lunge", index: 0, reps: 3, side: "right" },
    ]);
    expect(sets.map((s) => s.target_reps ?? s.target_hold_s)).toEqual([5, 5, 20, 4, 4]);
    const { sessions } = await serverState();
    const logged = sessions.find((s) => s.id === sessionId);
    expect(logged).toMatchObject({
      name: "Strength",
      plan_id: "plan-e2e",
      plan_day: isoWeekday(localDate(Date.now())),
      source: "plan",
    });
    expect(logged?.ended_at).toBeTruthy();
  });

  it("phone away for a whole session, the app killed twice mid-session: every set arrives exactly once", async () => {
    await setPhoneAway(true);
    await tap("action-start-today");
    await shows("session-title", "Squat");
    await taps("big", 3);
    await tap("action-set_done");
    await shows("session-top", REST_HEADER);

    await killAndReopen();
    // The session resumes where it was: in the rest.
    await shows("session-top", REST_HEADER);
    await tap("action-rest_skip");
    await shows("session-top", "Set 2 of 2");
    await taps("big", 5);
    await shows("big", "5");

    await killAndReopen();
    await shows("session-top", "Set 2 of 2");
    await shows("big", "5");
    await taps("big", 2);
    await shows("big", "7");
    await tap("action-set_done");
    await shows("session-top", REST_HEADER);
    // Finish from the session menu: the first tap asks again, the second ends the session.
    await tap("open-menu");
    await tap("action-finish");
    await shows("action-finish", "Tap again to finish");
    await tap("action-finish");
    await shows("session-top", "Session done");
    await shows("session-sub", "2 sets · 10 reps");
    await tap("action-close_summary");
    await shows("sync-line", "2 sets waiting for phone");
    expect(await watchSessionIds()).toHaveLength(1);

    await setPhoneAway(false);
    await tap("sync-line");
    await shows("sync-line", /^Synced/);
    const ids = await watchSessionIds();
    expect(ids).toHaveLength(2);
    const sets = await setsOfSession(ids[1] as string);
    expect(sets.map(brief)).toEqual([
      { exercise: "squat", index: 0, reps: 3 },
      { exercise: "squat", index: 1, reps: 7 },
    ]);
    const all = (await serverState()).sets;
    expect(all).toHaveLength(7);
    expect(new Set(all.map((s) => s.id)).size).toBe(7);
  });

  it("server down during sync, then up: nothing lost, nothing duplicated", async () => {
    // The Worker applies the push but the phone never hears back.
    await serverMode("lost");
    await tap("action-start-routine:bare-minimum");
    await shows("session-title", "Eccentric calf raise");
    await taps("big", 2);
    await tap("action-set_done");
    await tap("action-switch_side");
    await taps("big", 3);
    await shows("big", "3");
    await tap("action-set_done");
    await shows("session-top", REST_HEADER);
    await tap("open-menu");
    await tap("action-finish");
    await tap("action-finish");
    await tap("action-close_summary");
    // The server has them already; the watch keeps them until an ack says so. (The "why"
    // after the count is the last exchange's: a status answered by the phone clears it.)
    await shows("sync-line", /^2 sets waiting for phone/);
    await expect.poll(async () => (await serverState()).sets.length).toBe(9);

    // Then the server is down altogether: a sync attempt fails, nothing is dropped.
    await serverMode("down");
    await tap("sync-line");
    await expect.poll(() => watch.textContent(tid("sim-log"))).toContain("ECONNREFUSED");
    await shows("sync-line", /^2 sets waiting for phone/);

    await serverMode("up");
    await tap("sync-line");
    await shows("sync-line", /^Synced/);
    const ids = await watchSessionIds();
    expect(ids).toHaveLength(3);
    const sets = await setsOfSession(ids[2] as string);
    expect(sets.map(brief)).toEqual([
      { exercise: "eccentric-calf-raise", index: 0, reps: 2, side: "left" },
      { exercise: "eccentric-calf-raise", index: 0, reps: 3, side: "right" },
    ]);
    const all = (await serverState()).sets;
    expect(all).toHaveLength(9);
    expect(new Set(all.map((s) => s.id)).size).toBe(9);
  });

  it("heart rate: shown with the set, each set's average and peak reach the server and the session page, and the heart-rate rest ends when the scripted trace comes down", async () => {
    await pushAsRunner([{ op: "settings.put", args: { max_hr: 200, rest_hr_ready: 110 } }]);
    // The phone pulls the settings on a runner's sync and sends them with the day's session.
    await expect
      .poll(
        async () => {
          await tap("sync-line");
          return watch.evaluate(() =>
            Object.entries(window.localStorage).some(
              ([k, v]) => k.endsWith("runstrong.sync") && v.includes('"restHrReady":110'),
            ),
          );
        },
        { timeout: 20_000, interval: 2_000 },
      )
      .toBe(true);
    await watch.selectOption(tid("hr-mode"), "slider");
    await watch.$eval(tid("hr-slider"), (el) => {
      (el as HTMLInputElement).value = "150";
    });
    await tap("action-start-today");
    await shows("session-title", "Squat");
    // The reading under the count, and a second of the set at 150 bpm.
    await shows("session-note", "150 bpm");
    await skip(2);
    await taps("big", 5);
    await tap("action-set_done");

    // The heart-rate rest: 30 s by the clock, over once heart rate is below 110 after 15 s.
    await shows("session-top", "Rest · 150 bpm");
    // The heart-rate rest keeps the screen on (only a running app reads the sensor) and says so.
    await shows("session-cue", /Ready below 110 bpm\nScreen stays on: heart-rate rest$/);
    await watch.selectOption(tid("hr-mode"), "trace");
    await skip(10);
    await shows("session-top", /^Rest · 1[2-5]\d bpm$/);
    await skip(7);
    await shows("session-top", "Set 2 of 2");
    await shows("buzz-last", "DURATION");
    await skip(3);
    await taps("big", 5);
    await tap("action-set_done");
    await tap("open-menu");
    await tap("action-finish");
    await tap("action-finish");
    await shows("session-top", "Session done");
    await tap("action-close_summary");
    await watch.selectOption(tid("hr-mode"), "slider");
    await shows("sync-line", /^Synced/);

    const ids = await watchSessionIds();
    const sessionId = ids[ids.length - 1] as string;
    const sets = await setsOfSession(sessionId);
    expect(sets.map((s) => [s.hr_avg, s.hr_max])).toHaveLength(2);
    expect([sets[0]?.hr_avg, sets[0]?.hr_max]).toEqual([150, 150]);
    expect(sets[1]?.hr_max).toBeGreaterThanOrEqual(sets[1]?.hr_avg);
    const { sessions } = await serverState();
    expect(sessions.find((s) => s.id === sessionId)?.hr_avg).toEqual(expect.any(Number));
    await web.goto(`${worker.url}/history/${encodeURIComponent(sessionId)}`);
    expect(await web.textContent("main")).toContain("150 / 150 bpm");
  });

  it("a runner whose plan is switched off: the watch says where to build one, routines still on offer", async () => {
    await pushAsRunner([{ op: "settings.put", args: { active_plan_id: null } }]);
    // Sync now: the phone pulls, sees the change and asks the week again (404: no plan).
    await syncUntil("today-note", `No plan yet — build one at ${new URL(worker.url).host}/plan`);
    expect(await watch.isVisible(tid("action-start-today"))).toBe(false);
    await watch.waitForSelector(tid("action-start-routine:core-day"));
    // And back: the plan's session returns.
    await pushAsRunner([{ op: "settings.put", args: { active_plan_id: "plan-e2e" } }]);
    await syncUntil("today-tag", "Adjusted: strength");
    await watch.waitForSelector(tid("action-start-today"));
  });

  it("unpairs from the phone's settings app: the watch offers pairing again", async () => {
    await watch.click(tid("settings-unpair"));
    await expect.poll(() => watch.textContent(tid("settings-status"))).toBe("Not paired");
    await tap("sync-line");
    await shows("sync-line", "Not paired");
    await watch.waitForSelector(tid("action-open_pairing"));
  });
});

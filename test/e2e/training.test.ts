import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { startWebStack } from "./webStack.ts";

const _root = path.resolve(import.meta.dirname, "../..");
const ZONE = "UTC";
const PASSWORD = "hill-repeats-8x";
const DAY = 86_400_000;

let worker: LocalWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const watch = { token: "", seq: 1 };

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

async function call(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${worker.url}/api/v1${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, headers: res.headers };
}

async function watchPush(mutations: { op: string; args: Json }[]): Promise<Json[]> {
  const res = await call(
    "POST",
    "/sync/push",
    { schema: 1, mutations: mutations.map((m) => ({ ...m, seq: watch.seq++ })) },
    { authorization: `Bearer ${watch.token}` },
  );
  expect(res.status).toBe(200);
  return res.body.acks;
}

/** Signs a new runner up in the browser and pairs a watch for them through the API. */
async function newRunner(): Promise<void> {
  const email = `training-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  await context.clearCookies();
  await page.goto(`${worker.url}/`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[value=signup]");
  await page.waitForSelector("body.signed-in");
  // On a phone the form sits below the fold; the signed-in page still opens at the top.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const started = await call("POST", "/devices/pair", { name: "Test watch", platform: "sim" });
  const approved = await page.evaluate(async (code) => {
    const res = await fetch("/api/v1/devices/approve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_code: code }),
    });
    return res.status;
  }, started.body.user_code);
  expect(approved).toBe(200);
  const token = await call("POST", "/devices/token", { device_code: started.body.device_code });
  watch.token = token.body.access_token;
  watch.seq = 1;
}

/** Saves `plan` as the active plan from the watch, as any device could. */
async function activate(plan: Json): Promise<string> {
  const id = `plan-${Date.now()}`;
  const acks = await watchPush([
    { op: "plan.put", args: { id, base_rev: 0, plan } },
    { op: "settings.put", args: { active_plan_id: id, time_zone: ZONE } },
  ]);
  expect(acks.map((a) => a.status)).toEqual(["applied", "applied"]);
  return id;
}

function everyDay(items: Json[], title: string): Json[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, title, items }));
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: ZONE });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("training around the running week", { timeout: 60_000 }, () => {
  it("leads a new runner from the dashboard to building a plan", async () => {
    await newRunner();
    await page.goto(`${worker.url}/`);
    const card = page.locator("#build-plan");
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toMatch(/running week/);
    await card.locator("a", { hasText: "Build your plan" }).click();
    await page.waitForURL(`${worker.url}/plan`);
    // Without a plan the watch is told the same.
    const today = await call("GET", "/plans/today", undefined, {
      authorization: `Bearer ${watch.token}`,
    });
    expect(today.status).toBe(404);
    expect(today.body.message).toMatch(/Plan page/);
  });

  it("an open history page shows a session synced from the watch within seconds, untouched", async () => {
    await newRunner();
    await page.goto(`${worker.url}/history`);
    const at = new Date(Date.now() - 600_000).toISOString();
    await watchPush([
      { op: "session.start", args: { id: "live-1", started_at: at, name: "Watch session" } },
      {
        op: "set.log",
        args: {
          id: "live-1-0",
          session_id: "live-1",
          exercise_id: "squat",
          set_index: 0,
          started_at: at,
          ended_at: at,
          reps: 12,
        },
      },
    ]);
    // No reload, no focus change: the page's own change check finds it.
    await expect
      .poll(() => page.textContent("#session-list"), { timeout: 10_000 })
      .toContain("Watch session");
  });

  it("two sessions at the top of the range change the next prescription on /run and for the watch", async () => {
    await newRunner();
    const bridge = {
      exercise_id: "glute-bridge",
      name: "Glute bridge",
      mode: "reps",
      per_side: false,
      sets: 3,
      target_reps: 15,
      rest_s: 60,
    };
    await activate({
      name: "Bridges",
      start_date: day(-14),
      weeks: 8,
      days: everyDay([bridge], "Glutes"),
    });
    await page.goto(`${worker.url}/run`);
    expect(await page.locator(".run-option.selected").textContent()).toMatch(/Glute bridge/);

    const mutations: { op: string; args: Json }[] = [];
    for (const [n, offset] of [
      [1, -3],
      [2, -1],
    ] as const) {
      const sid = `bridge-session-${n}`;
      const at = new Date(Date.now() + offset * DAY).toISOString();
      mutations.push({ op: "session.start", args: { id: sid, started_at: at, plan_day: 1 } });
      for (let i = 0; i < 3; i++) {
        mutations.push({
          op: "set.log",
          args: {
            id: `${sid}-${i}`,
            session_id: sid,
            exercise_id: "glute-bridge",
            set_index: i,
            started_at: at,
            ended_at: at,
            reps: 15,
            target_reps: 15,
          },
        });
      }
    }
    expect((await watchPush(mutations)).every((a) => a.status === "applied")).toBe(true);

    const today = await call("GET", "/plans/today", undefined, {
      authorization: `Bearer ${watch.token}`,
    });
    expect(today.body.day.items[0]).toMatchObject({
      variation: "Single-leg glute bridge",
      target_reps: 15,
    });
    expect(today.body.progression[0].reason).toMatch(/2 sessions at the top of the range/);

    await page.goto(`${worker.url}/run`);
    const selected = page.locator(".run-option.selected");
    expect(await selected.textContent()).toMatch(/targets progressed/);
    await selected.locator("summary").click();
    expect(await selected.textContent()).toMatch(/Single-leg glute bridge/);
    await page.goto(`${worker.url}/`);
    expect(await page.locator("#next-session").textContent()).toMatch(/Single-leg glute bridge/);
    expect(await page.locator("#next-session .why").textContent()).toMatch(/harder variation/);
  });

  it("a long run logged the day before a leg day makes the dashboard offer a swap, saved in one tap", async () => {
    await newRunner();
    const built = await call(
      "POST",
      "/plans/generate",
      {
        running_week: [
          { weekday: 1, run: "rest" },
          { weekday: 2, run: "intervals" },
          { weekday: 3, run: "easy" },
          { weekday: 4, run: "tempo" },
          { weekday: 5, run: "rest" },
          { weekday: 6, run: "long" },
          { weekday: 7, run: "easy" },
        ],
        sessions_per_week: 2,
        minutes: 30,
        equipment: [],
        level: "new",
        start_date: day(-7),
      },
      { authorization: `Bearer ${watch.token}` },
    );
    const lower = built.body.plan.days.find((d: Json) => d.title === "Lower body");
    // Today is a leg day whatever weekday the test runs on.
    const planId = await activate({
      ...built.body.plan,
      days: everyDay(lower.items, "Lower body"),
    });
    await page.goto(`${worker.url}/`);
    expect(await page.locator("#next-session").textContent()).toMatch(/Lower body/);
    expect(await page.locator("[data-accept-adjustment]").count()).toBe(0);

    await watchPush([
      {
        op: "run.log",
        args: {
          id: "long-yesterday",
          date: day(-1),
          distance_m: 24_000,
          duration_s: 8400,
          kind: "long",
        },
      },
    ]);
    await page.goto(`${worker.url}/`);
    const offer = page.locator(".adjustment");
    expect(await offer.textContent()).toMatch(/24 km long run yesterday/);
    await page.click("[data-accept-adjustment]");
    await expect
      .poll(() => page.locator("#next-session").textContent(), { timeout: 10_000 })
      .toMatch(/Adjusted/);
    expect(await page.locator("#next-session").textContent()).toMatch(/Core & upper body/);
    expect(await page.locator(".adjustment").count()).toBe(0);

    // The watch gets the swapped session for today, and the plan everywhere carries the change.
    const today = await call("GET", "/plans/today", undefined, {
      authorization: `Bearer ${watch.token}`,
    });
    expect(today.body).toMatchObject({ plan_id: planId, adjusted: true, adjustment: null });
    expect(today.body.day.items.map((i: Json) => i.exercise_id)).toContain("push-up");
    const pulled = await call("GET", "/sync/pull", undefined, {
      authorization: `Bearer ${watch.token}`,
    });
    const plan = pulled.body.changes.plans.find((p: Json) => p.id === planId);
    expect(plan.rev).toBe(2);
    expect(plan.plan.overrides.map((o: Json) => o.date)).toEqual([day(0)]);
  });
});

import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { startWebStack } from "./webStack.ts";

const _root = path.resolve(import.meta.dirname, "../..");
const shots = screenshotDir();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EMAIL = `tester-${Date.now()}@example.com`;
const PASSWORD = "cooper-test-12";

let worker: LocalWorker;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
/** Every `assessment.log` this browser pushed, as sent. */
const pushedLogs: { test: string; value: number; date: string }[] = [];

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

async function api(method: string, url: string, body?: unknown, token?: string): Promise<Json> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${worker.url}/api/v1${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, ...(await res.json()) };
}

/** Pairs a watch to the signed-in browser's account and returns its token. */
async function pairWatch(): Promise<string> {
  const started = await api("POST", "/devices/pair", { name: "Test Balance", platform: "zepp" });
  const approved = await page.evaluate(async (userCode) => {
    const res = await fetch("/api/v1/devices/approve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_code: userCode }),
    });
    return res.status;
  }, started.user_code as string);
  expect(approved).toBe(200);
  const token = await api("POST", "/devices/token", { device_code: started.device_code });
  return token.access_token as string;
}

/** The browser's own date, the one the page defaults to. */
const browserToday = () => page.evaluate(() => new Intl.DateTimeFormat("en-CA").format(new Date()));

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function chartData(): Promise<Json> {
  return page.evaluate(async () => (await fetch("/assessments/data.json")).json());
}

async function submit(group: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    await page.fill(`#${group}-${name}`, value);
  }
  await page.click(`#log-${group} button[type=submit]`);
}

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: path.join(shots, `${name}.png`) });
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  desktop = await browser.newContext({ viewport: DESKTOP });
  page = await desktop.newPage();
  page.setDefaultTimeout(10_000);
  page.on("request", (req) => {
    if (!req.url().endsWith("/api/v1/sync/push")) return;
    const body = JSON.parse(req.postData() ?? "{}") as { mutations?: Json[] };
    for (const m of body.mutations ?? []) if (m.op === "assessment.log") pushedLogs.push(m.args);
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("assessments page", { timeout: 30_000 }, () => {
  it("signs up from /assessments; a first assessment is due and nothing is logged yet", async () => {
    await page.goto(`${worker.url}/assessments`);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=signup]");
    await page.waitForSelector("h1:has-text('Fitness assessments')");
    expect(await page.getAttribute("#assessment-due", "data-due")).toBe("1");
    expect(await page.textContent("#assessment-due")).toContain("Take your first assessment");
    expect(await page.textContent("#latest-results tr[data-test=plank_hold]")).toContain("not yet");
    // Every test is there with how to do it.
    expect(await page.locator(".assessment-card").count()).toBe(7);
    expect(await page.textContent("#test-single_leg_squat .how")).toContain("on each leg");
    expect(await page.inputValue("#plank_hold-date")).toBe(await browserToday());
  });

  it("refuses bad input with a sentence by the field and pushes nothing", async () => {
    await submit("plank_hold", { value: "" });
    await expect.poll(() => page.textContent("#plank_hold-value-error")).toBe("Enter your result.");
    await submit("plank_hold", { value: "-30" });
    await expect.poll(() => page.textContent("#plank_hold-value-error")).toMatch(/negative/);
    await submit("plank_hold", { value: "1:7x" });
    await expect.poll(() => page.textContent("#plank_hold-value-error")).toMatch(/1:15/);
    await submit("plank_hold", { value: "1:00:01" });
    await expect
      .poll(() => page.textContent("#plank_hold-value-error"))
      .toMatch(/More than an hour/);
    expect(await page.getAttribute("#plank_hold-value", "aria-invalid")).toBe("true");
    expect(await page.inputValue("#plank_hold-value")).toBe("1:00:01");

    await submit("plank_hold", { value: "60", date: addDays(await browserToday(), 3) });
    await expect.poll(() => page.textContent("#plank_hold-date-error")).toMatch(/today or earlier/);
    await page.fill("#plank_hold-date", await browserToday());

    await submit("time_5k", { value: "9:30" });
    await expect.poll(() => page.textContent("#time_5k-value-error")).toMatch(/world record/);
    await submit("time_5k", { value: "3:05:00" });
    await expect.poll(() => page.textContent("#time_5k-value-error")).toMatch(/Over 3 hours/);
    await submit("single_leg_squat", { left: "8", right: "" });
    await expect
      .poll(() => page.textContent("#single_leg_squat-right-error"))
      .toBe("Enter your right leg's result.");

    expect(pushedLogs).toEqual([]);
    const queued = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("rs.outbox."))
        .flatMap((k) => JSON.parse(localStorage.getItem(k) ?? "{}").items ?? []),
    );
    // The account's time zone may still be on its way from sign-up; no result may be queued.
    expect(queued.filter((m: Json) => m.op === "assessment.log")).toEqual([]);
    expect((await chartData()).charts.every((c: Json) => c.t.length === 0)).toBe(true);
  });

  it("logs a plank and a left/right pair: both show in the latest column and the chart data", async () => {
    const today = await browserToday();
    await page.fill("#plank_hold-notes", "Shaky at the end");
    await submit("plank_hold", { value: "1:15" });
    await expect.poll(() => page.textContent("#log-plank_hold .form-ok")).toBe("Logged.");
    await submit("single_leg_squat", { left: "7", right: "9" });
    await expect.poll(() => page.textContent("#log-single_leg_squat .form-ok")).toBe("Logged.");

    expect(pushedLogs.map((l) => [l.test, l.value, l.date])).toEqual([
      ["plank_hold", 75, today],
      ["single_leg_squat_left", 7, today],
      ["single_leg_squat_right", 9, today],
    ]);
    expect(await page.textContent("#latest-results tr[data-test=plank_hold] .latest-value")).toBe(
      "1 min 15 s",
    );
    const pair = page.locator("#latest-results tr[data-test=single_leg_squat] .side-value");
    expect(await pair.allTextContents()).toEqual(["Left 7 reps", "Right 9 reps"]);
    expect(await page.textContent("#test-plank_hold details")).toContain("Shaky at the end");

    const d = await chartData();
    const noon = Date.parse(`${today}T12:00:00Z`) / 1000;
    expect(d.charts.find((c: Json) => c.id === "plank_hold")).toMatchObject({
      t: [noon],
      values: [[75]],
    });
    expect(d.charts.find((c: Json) => c.id === "single_leg_squat")).toMatchObject({
      labels: ["Left", "Right"],
      t: [noon],
      values: [[7], [9]],
    });
    await page.waitForSelector("#tests[data-ready]");
    expect(await page.locator("#chart-plank_hold canvas").count()).toBe(1);
    expect(await page.locator("#chart-single_leg_squat canvas").count()).toBe(1);
    expect(await page.textContent("#chart-single_leg_squat")).toContain("Right");
    // Logged today: nothing is due any more; the pair's gap is flagged.
    expect(await page.getAttribute("#assessment-due", "data-due")).toBe("0");
    expect(await page.textContent("#level-suggestion")).toBe(
      "Log push-ups to get a level suggestion.",
    );
    expect(await page.textContent(".imbalances")).toMatch(/your left leg did 7 against 9/);
    // The JSON is per user: signed out it answers 401.
    expect((await fetch(`${worker.url}/assessments/data.json`)).status).toBe(401);
  });

  it("with a plan at 'new' and older results: a 4-week due card and a level to move to", async () => {
    const today = await browserToday();
    const start = addDays(today, -30);
    const token = await pairWatch();
    const plan = {
      name: "Half marathon base",
      start_date: start,
      weeks: 12,
      days: [],
      inputs: {
        running_week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, run: "easy" })),
        sessions_per_week: 2,
        minutes: 30,
        equipment: [],
        level: "new",
      },
    };
    const older: [number, string, number][] = [
      [0, "plank_hold", 48],
      [0, "push_up_max", 12],
      [0, "single_leg_squat_left", 5],
      [0, "single_leg_squat_right", 7],
      [0, "side_plank_hold_left", 30],
      [0, "side_plank_hold_right", 36],
      [0, "single_leg_calf_raise_left", 15],
      [0, "single_leg_calf_raise_right", 18],
      [0, "time_5k", 1710],
      [0, "cooper_12min", 2650],
      [14, "plank_hold", 60],
      [14, "single_leg_squat_left", 6],
      [14, "single_leg_squat_right", 8],
      [14, "time_5k", 1668],
      [30, "push_up_max", 22],
      [30, "side_plank_hold_left", 38],
      [30, "side_plank_hold_right", 44],
      [30, "single_leg_calf_raise_left", 18],
      [30, "single_leg_calf_raise_right", 19],
      [30, "time_5k", 1630],
      [30, "cooper_12min", 2840],
    ];
    const res = await api(
      "POST",
      "/sync/push",
      {
        schema: 1,
        mutations: [
          { seq: 1, op: "plan.put", args: { id: "plan-hm", base_rev: 0, plan } },
          { seq: 2, op: "settings.put", args: { active_plan_id: "plan-hm" } },
          ...older.map(([day, test, value], i) => ({
            seq: 3 + i,
            op: "assessment.log",
            args: { id: `watch-a${i}`, date: addDays(start, day), test, value },
          })),
        ],
      },
      token,
    );
    expect(res.acks.filter((a: Json) => a.status !== "applied")).toEqual([]);

    await page.reload();
    // Start + 28 days fell due 2 days ago; today's results cover it, start + 56 is next.
    expect(await page.getAttribute("#assessment-due", "data-due")).toBe("0");
    expect(await page.textContent("#assessment-due-title")).toMatch(/^Next assessment/);
    expect(await page.textContent("#level-suggestion")).toMatch(
      /^Your results suggest moving from new to some: Your plank reached 75 s, you did 22 push-ups/,
    );
    expect(await page.getAttribute("#assessment-level a.button", "href")).toBe(
      "/plan/new?level=some",
    );
    const pair = page.locator("#latest-results tr[data-test=side_plank_hold] .side-value");
    expect(await pair.allTextContents()).toEqual(["Left 38 s", "Right 44 s"]);
    const d = await chartData();
    expect(d.charts.find((c: Json) => c.id === "time_5k").values).toEqual([[1710, 1668, 1630]]);
    expect(d.charts.find((c: Json) => c.id === "cooper_12min")).toMatchObject({
      unit: "km",
      values: [[2.65, 2.84]],
    });
    await page.waitForSelector("#tests[data-ready]");
    expect(await page.locator("#tests canvas").count()).toBe(7);
  });

  it("has no serious or critical axe violations", async () => {
    await page.goto(`${worker.url}/assessments`);
    await page.waitForSelector("#tests[data-ready]");
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(serious).toEqual([]);
  });

  it("takes screenshots at phone and desktop sizes", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    // Scrolled to where the charts are: the cards above them are checked by the tests above.
    for (const [size, tab, anchor] of [
      ["phone", p, "#test-single_leg_squat"],
      ["desktop", page, "#latest"],
    ] as const) {
      await tab.goto(`${worker.url}/assessments`);
      await tab.waitForSelector("#tests[data-ready]");
      // Below the sticky header, which would otherwise cover the anchor's top.
      await tab.locator(anchor).evaluate((el) => {
        const header = document.querySelector("header")?.getBoundingClientRect().height ?? 0;
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header - 12);
      });
      await shot(tab, `assessments-${size}`);
    }
    await phone.close();
  });
});

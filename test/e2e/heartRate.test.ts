// Heart rate in the real web view: the account page saves a max heart rate and the heart rate
// that ends a rest (and refuses bad ones in words) through the outbox; a watch pushes sets with
// and without heart rate, and the session page shows each set's average / highest with its zone
// named, and the session average.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { seriousViolations, signUp, startWebStack } from "./webStack.ts";

const shots = screenshotDir();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EMAIL = `pulse-${Date.now()}@example.com`;
const PASSWORD = "threshold-thursday-9";
const SESSION_ID = "hr-e2e-session";

let worker: LocalWorker;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

async function api(method: string, url: string, body?: unknown, token?: string): Promise<Json> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${worker.url}/api/v1${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** Pairs a watch to the signed-in runner (approved from the browser) and returns its token. */
async function pairWatch(): Promise<string> {
  const started = await api("POST", "/devices/pair", { name: "Pulse watch", platform: "zepp" });
  const approved = await page.evaluate(async (code) => {
    const res = await fetch("/api/v1/devices/approve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_code: code }),
    });
    return res.status;
  }, started.user_code);
  expect(approved).toBe(200);
  return (await api("POST", "/devices/token", { device_code: started.device_code })).access_token;
}

/** The browser's own pull of the account's settings record. */
async function pulledSettings(): Promise<Json> {
  const body = await page.evaluate(async () => (await fetch("/api/v1/sync/pull")).json());
  return body.changes.settings[0] ?? {};
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  desktop = await browser.newContext({ viewport: DESKTOP, timezoneId: "Europe/Berlin" });
  page = await desktop.newPage();
  page.setDefaultTimeout(15_000);
  await signUp(page, worker.url, EMAIL, PASSWORD);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("heart rate in the web view", { timeout: 45_000 }, () => {
  it("the account page refuses a max heart rate out of range with a sentence and saves nothing", async () => {
    await page.goto(`${worker.url}/account`);
    expect(await page.textContent("#hr-summary")).toBe(
      "Add your max heart rate or your year of birth to see heart-rate zones.",
    );
    await page.fill("#max_hr", "90");
    await page.click("#heart-rate-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#max_hr-error"))
      .toBe("Enter your max heart rate as a whole number from 100 to 230.");
    expect(await page.getAttribute("#max_hr", "aria-invalid")).toBe("true");
    expect(await pulledSettings()).not.toHaveProperty("max_hr");
  });

  it("the account page saves a max heart rate with settings.put and shows its zones", async () => {
    await page.fill("#max_hr", "190");
    await page.click("#heart-rate-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#heart-rate-form .form-ok"))
      .toBe("Saved. Your watch gets it on its next sync.");
    expect(await page.textContent("#hr-summary")).toBe("Zones use your max heart rate of 190 bpm.");
    // 70 % of 190 is 133, 80 % is 152.
    expect(await page.textContent("#hr-legend")).toContain("Zone 3 · Moderate 133–151 bpm");
    expect(await pulledSettings()).toMatchObject({ max_hr: 190 });

    await page.reload();
    expect(await page.inputValue("#max_hr")).toBe("190");
    expect(await page.textContent("#hr-summary")).toBe("Zones use your max heart rate of 190 bpm.");
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .locator("#heart-rate")
      .screenshot({ path: path.join(shots, "heart-rate-account.png") });
  });

  it("the account page sets and clears the heart rate that ends a rest, one outcome at a time", async () => {
    await page.goto(`${worker.url}/account`);
    expect(await page.inputValue("#rest_hr_ready")).toBe("");
    expect(await page.textContent("#rest_hr_ready-hint")).toContain(
      "Rest ends early when your heart rate drops below this; leave empty to rest by time only.",
    );

    // Out of range: a sentence by the field, no "Saved.", nothing sent.
    await page.fill("#rest_hr_ready", "59");
    await page.click("#heart-rate-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#rest_hr_ready-error"))
      .toBe(
        "Enter the heart rate that ends a rest as a whole number from 60 to 180, or leave it empty.",
      );
    expect(await page.getAttribute("#rest_hr_ready", "aria-invalid")).toBe("true");
    expect(await page.textContent("#heart-rate-form .form-ok")).toBe("");
    expect(await pulledSettings()).not.toHaveProperty("rest_hr_ready");

    // In range: saved through settings.put, the error gone, max_hr kept.
    await page.fill("#rest_hr_ready", "115");
    await page.click("#heart-rate-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#heart-rate-form .form-ok"))
      .toBe("Saved. Your watch gets it on its next sync.");
    expect(await page.textContent("#rest_hr_ready-error")).toBe("");
    expect(await page.getAttribute("#rest_hr_ready", "aria-invalid")).toBeNull();
    expect(await pulledSettings()).toMatchObject({ max_hr: 190, rest_hr_ready: 115 });
    await page.reload();
    expect(await page.inputValue("#rest_hr_ready")).toBe("115");

    // A bad value after a save shows only the error, never the old "Saved." beside it.
    await page.fill("#rest_hr_ready", "181");
    await page.click("#heart-rate-form button[type=submit]");
    await expect.poll(() => page.getAttribute("#rest_hr_ready", "aria-invalid")).toBe("true");
    expect(await page.textContent("#heart-rate-form .form-ok")).toBe("");

    // Empty clears it: rests go by time only again, the other settings stay.
    await page.fill("#rest_hr_ready", "");
    await page.click("#heart-rate-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#heart-rate-form .form-ok"))
      .toBe("Saved. Your watch gets it on its next sync.");
    const cleared = await pulledSettings();
    expect(cleared).toMatchObject({ max_hr: 190 });
    expect(cleared).not.toHaveProperty("rest_hr_ready");
    await page.reload();
    expect(await page.inputValue("#rest_hr_ready")).toBe("");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the account page's heart-rate card fits a phone and passes axe in dark mode", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      colorScheme: "dark",
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    await p.goto(`${worker.url}/account`);
    await p.waitForSelector("#rest_hr_ready");
    const sticking = await p.evaluate(() =>
      Array.from(document.querySelectorAll("#heart-rate *"))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(sticking).toEqual([]);
    expect(await seriousViolations(p)).toEqual([]);
    await p
      .locator("#heart-rate")
      .screenshot({ path: path.join(shots, "heart-rate-account-phone.png") });
    await phone.close();
  });

  it("the session page shows a set's average / highest heart rate with its zone, and the session average", async () => {
    const token = await pairWatch();
    const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 6, min)).toISOString();
    const set = (id: string, exercise: string, i: number, extra: Json = {}) => ({
      op: "set.log",
      args: {
        id,
        session_id: SESSION_ID,
        exercise_id: exercise,
        set_index: i,
        started_at: at(i * 3),
        ended_at: at(i * 3 + 1),
        reps: 10,
        ...extra,
      },
    });
    const pushed = await api(
      "POST",
      "/sync/push",
      {
        schema: 1,
        mutations: [
          { op: "session.start", args: { id: SESSION_ID, started_at: at(0), name: "Pulse day" } },
          set("hr-set-1", "squat", 0, { hr_avg: 150, hr_max: 171 }),
          set("hr-set-2", "squat", 1),
          set("plain-set", "glute-bridge", 2),
          { op: "session.finish", args: { id: SESSION_ID, ended_at: at(20), hr_avg: 128 } },
        ].map((m, i) => ({ seq: i + 1, ...m })),
      },
      token,
    );
    expect(pushed.acks.map((a: Json) => a.status)).toEqual(Array(5).fill("applied"));

    await page.goto(`${worker.url}/history/${SESSION_ID}`);
    const measured = page.locator("tr[data-set-id=hr-set-1] .col-hr");
    // 150 of 190 is 79 %: zone 3, named, not only coloured.
    expect((await measured.textContent())?.replace(/\s+/g, " ")).toContain("150 / 171 bpm");
    expect(await measured.locator(".hr-zone").textContent()).toBe("Zone 3 · Moderate");
    expect(await measured.locator(".hr-zone").getAttribute("class")).toContain("hr-zone-3");
    // A set of the same exercise without heart rate shows just a dash in that column.
    expect(await page.textContent("tr[data-set-id=hr-set-2] .col-hr")).toBe("–");
    // An exercise none of whose sets has heart rate gets no heart-rate column at all.
    const plainTable = page.locator("section.exercise-block", {
      has: page.locator("tr[data-set-id=plain-set]"),
    });
    expect(await plainTable.locator("th", { hasText: "Heart rate" }).count()).toBe(0);
    expect(await plainTable.locator(".hr-zone").count()).toBe(0);
    // The session's own average: 128 of 190 is 67 %, zone 2.
    expect(await page.textContent("#session-hr-avg")).toBe("128 bpm");
    expect(await page.textContent(".session-hr-avg .hr-zone")).toBe("Zone 2 · Light");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(shots, "heart-rate-session-desktop.png"),
      fullPage: true,
    });
  });

  it("the session page with heart rate fits a phone and passes axe in dark mode", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      colorScheme: "dark",
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    await p.goto(`${worker.url}/history/${SESSION_ID}`);
    await p.waitForSelector("tr[data-set-id=hr-set-1] .hr-zone");
    await p.screenshot({ path: path.join(shots, "heart-rate-session-phone.png"), fullPage: true });
    // Elements reaching past the viewport's right edge (none: nothing scrolls sideways).
    const sticking = await p.evaluate(() =>
      Array.from(document.querySelectorAll("main *"))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(sticking).toEqual([]);
    expect(await seriousViolations(p)).toEqual([]);
    await phone.close();
  });
});

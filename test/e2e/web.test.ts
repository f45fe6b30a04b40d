import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { seriousViolations, startWebStack } from "./webStack.ts";

const _root = path.resolve(import.meta.dirname, "../..");
const shots = screenshotDir();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EMAIL = `runner-${Date.now()}@example.com`;
const PASSWORD = "tempo-run-42";
const NEW_PASSWORD = "intervals-99";
const DAY = 86_400_000;

let worker: LocalWorker;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
/** The watch this test plays: its token, next seq and pull cursor. */
const watch = { token: "", deviceId: "", seq: 1, cursor: "" };

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

async function call(
  method: string,
  url: string,
  options: { body?: unknown; token?: string } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${worker.url}/api/v1${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Pushes mutations as the test's watch, in pushes of at most 200. */
async function watchPush(mutations: { op: string; args: Json }[]): Promise<void> {
  for (let i = 0; i < mutations.length; i += 200) {
    const batch = mutations.slice(i, i + 200).map((m) => ({ ...m, seq: watch.seq++ }));
    const res = await call("POST", "/sync/push", {
      token: watch.token,
      body: { schema: 1, mutations: batch },
    });
    expect(res.status).toBe(200);
    expect(res.body.acks.filter((a: Json) => a.status !== "applied")).toEqual([]);
  }
}

async function watchPull(): Promise<Json> {
  const q = watch.cursor ? `?cursor=${encodeURIComponent(watch.cursor)}` : "";
  const res = await call("GET", `/sync/pull${q}`, { token: watch.token });
  expect(res.status).toBe(200);
  watch.cursor = res.body.cursor;
  return res.body;
}

/** One strength session as a watch logs it: start, sets, finish. */
function session(
  id: string,
  startMs: number,
  name: string,
  sets: {
    exercise: string;
    reps?: number;
    hold?: number;
    side?: "left" | "right";
    target?: number;
  }[],
): { op: string; args: Json }[] {
  const out: { op: string; args: Json }[] = [
    { op: "session.start", args: { id, started_at: new Date(startMs).toISOString(), name } },
  ];
  const perExercise = new Map<string, number>();
  sets.forEach((s, i) => {
    const key = `${s.exercise}:${s.side ?? ""}`;
    const index = perExercise.get(key) ?? 0;
    perExercise.set(key, index + 1);
    const args: Json = {
      id: `${id}-set${i + 1}`,
      session_id: id,
      exercise_id: s.exercise,
      set_index: index,
      started_at: new Date(startMs + i * 90_000).toISOString(),
      ended_at: new Date(startMs + i * 90_000 + 45_000).toISOString(),
    };
    if (s.hold !== undefined) {
      args.hold_s = s.hold;
      if (s.target) args.target_hold_s = s.target;
    } else {
      args.reps = s.reps ?? 10;
      if (s.target) args.target_reps = s.target;
    }
    if (s.side) args.side = s.side;
    out.push({ op: "set.log", args });
  });
  out.push({
    op: "session.finish",
    args: { id, ended_at: new Date(startMs + sets.length * 90_000).toISOString() },
  });
  return out;
}

/** Eight weeks of history: a plan, two or three sessions and four runs a week, getting stronger. */
function demoWeeks(): { op: string; args: Json }[] {
  const out: { op: string; args: Json }[] = [
    {
      op: "plan.put",
      args: {
        id: "plan-base",
        base_rev: 0,
        plan: {
          name: "10K base",
          days: [
            {
              weekday: 2,
              title: "Legs and core",
              items: [
                {
                  exercise_id: "squat",
                  mode: "reps",
                  per_side: false,
                  sets: 3,
                  target_reps: 15,
                  rest_s: 60,
                },
                {
                  exercise_id: "lunge",
                  mode: "reps",
                  per_side: true,
                  sets: 2,
                  target_reps: 10,
                  rest_s: 45,
                },
                {
                  exercise_id: "plank",
                  mode: "hold",
                  per_side: false,
                  sets: 2,
                  target_hold_s: 45,
                  rest_s: 30,
                },
              ],
              run: { kind: "easy", distance_m: 6000 },
            },
            {
              weekday: 5,
              title: "Single-leg day",
              items: [
                {
                  exercise_id: "one-leg-squat",
                  mode: "reps",
                  per_side: true,
                  sets: 2,
                  target_reps: 8,
                  rest_s: 45,
                },
                {
                  exercise_id: "side-plank",
                  mode: "hold",
                  per_side: true,
                  sets: 2,
                  target_hold_s: 30,
                  rest_s: 30,
                },
              ],
            },
            { weekday: 7, items: [], run: { kind: "long", distance_m: 14000 } },
          ],
        },
      },
    },
    { op: "settings.put", args: { active_plan_id: "plan-base" } },
  ];
  const now = Date.now();
  for (let w = 8; w >= 1; w--) {
    const base = now - w * 7 * DAY;
    const g = 8 - w;
    out.push(
      ...session(`demo-${w}-a`, base, "Legs and core", [
        { exercise: "squat", reps: 10 + g, target: 15 },
        { exercise: "squat", reps: 10 + g, target: 15 },
        { exercise: "lunge", reps: 7 + Math.floor(g / 2), side: "left", target: 10 },
        { exercise: "lunge", reps: 8 + Math.floor(g / 2), side: "right", target: 10 },
        { exercise: "plank", hold: 30 + g * 3, target: 45 },
      ]),
      ...session(`demo-${w}-b`, base + 3 * DAY, "Single-leg day", [
        { exercise: "one-leg-squat", reps: 5 + Math.floor(g / 2), side: "left", target: 8 },
        { exercise: "one-leg-squat", reps: 6 + Math.floor(g / 2), side: "right", target: 8 },
        { exercise: "side-plank", hold: 20 + g * 2, side: "left", target: 30 },
        { exercise: "side-plank", hold: 22 + g * 2, side: "right", target: 30 },
      ]),
    );
    for (const [d, km, kind] of [
      [0, 6, "easy"],
      [2, 8, "tempo"],
      [4, 5, "easy"],
      [6, 12 + g, "long"],
    ] as const) {
      out.push({
        op: "run.log",
        args: {
          id: `run-${w}-${d}`,
          date: new Date(base + d * DAY).toISOString().slice(0, 10),
          distance_m: km * 1000,
          duration_s: km * 320,
          kind,
        },
      });
    }
  }
  return out;
}

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: path.join(shots, `${name}.png`) });
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  desktop = await browser.newContext({ viewport: DESKTOP });
  page = await desktop.newPage();
  page.setDefaultTimeout(10_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("web view", { timeout: 30_000 }, () => {
  it("signs up; bad input is shown next to the fields and what was typed stays", async () => {
    await page.goto(`${worker.url}/`);
    await page.fill("#email", "not-an-email");
    await page.fill("#password", "short");
    await page.click("button[value=signup]");
    await expect.poll(() => page.textContent("#email-error")).toMatch(/valid email/i);
    expect(await page.textContent("#password-error")).toMatch(/at least 8/i);
    expect(await page.inputValue("#email")).toBe("not-an-email");
    expect(await page.inputValue("#password")).toBe("short");

    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=signup]");
    await page.waitForSelector("h1:has-text('This week')");
    expect(await page.textContent("#stat-strength")).toContain("0");
  });

  it("is installable: manifest, icons and a service worker are served", async () => {
    const manifest = await (await fetch(`${worker.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ display: "standalone", theme_color: "#0f766e" });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const res = await fetch(`${worker.url}${icon.src}`);
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get("content-type"), icon.src).toContain(icon.type.split("+")[0]);
    }
    expect(await page.getAttribute("link[rel=manifest]", "href")).toBe("/manifest.webmanifest");
    expect((await fetch(`${worker.url}/sw.js`)).status).toBe(200);
  });

  it("pairs a watch by its code: name and platform shown before approval", async () => {
    const started = await call("POST", "/devices/pair", {
      body: { name: "Amazfit Balance", platform: "zepp" },
    });
    expect(started.status).toBe(200);
    await page.goto(`${worker.url}/pair`);
    // A malformed code is refused by the API, next to the field, keeping the input.
    await page.fill("#user_code", "abc");
    await page.click("#code-form button[type=submit]");
    await expect.poll(() => page.textContent("#user_code-error")).toMatch(/8 letters/);
    expect(await page.inputValue("#user_code")).toBe("abc");

    await page.fill("#user_code", started.body.user_code.toLowerCase());
    await page.click("#code-form button[type=submit]");
    await page.waitForSelector("#pending:not([hidden])");
    expect(await page.textContent("#pending-name")).toBe("Amazfit Balance");
    expect(await page.textContent("#pending-platform")).toBe("Zepp OS watch");
    await page.click("#approve");
    await expect.poll(() => page.textContent("#result")).toContain("Paired Amazfit Balance");

    const token = await call("POST", "/devices/token", {
      body: { device_code: started.body.device_code },
    });
    expect(token.status).toBe(200);
    watch.token = token.body.access_token;
    watch.deviceId = token.body.device_id;
    await watchPull();
  });

  it("shows a pushed session in history, opens it, deletes a set that the watch then pulls as deleted", async () => {
    await watchPush(
      session("sess-today", Date.now() - 3_600_000, "Morning strength", [
        { exercise: "squat", reps: 15, target: 15 },
        { exercise: "squat", reps: 14, target: 15 },
        { exercise: "lunge", reps: 10, side: "left", target: 10 },
        { exercise: "lunge", reps: 9, side: "right", target: 10 },
        { exercise: "plank", hold: 45, target: 45 },
      ]),
    );
    await page.goto(`${worker.url}/history`);
    const card = page.locator('[data-session-id="sess-today"]');
    await expect.poll(() => card.textContent()).toContain("Morning strength");
    expect(await card.textContent()).toContain("5 sets");
    expect(await card.textContent()).toContain("Amazfit Balance");

    await card.click();
    await page.waitForSelector("h1:has-text('Morning strength')");
    expect(await page.locator("tr[data-set-id]").count()).toBe(5);
    const row = page.locator('tr[data-set-id="sess-today-set2"]');
    expect(await row.textContent()).toContain("14 reps");
    expect(await page.locator('tr[data-set-id="sess-today-set5"]').textContent()).toContain("45 s");

    const del = row.locator("button[data-delete-set]");
    await del.click();
    expect(await del.textContent()).toBe("Delete?");
    await del.click();
    await expect.poll(() => page.locator("tr[data-set-id]").count()).toBe(4);
    await expect.poll(() => page.textContent("#toast")).toBe("Set deleted.");

    const pulled = await watchPull();
    const set = pulled.changes.sets.find((s: Json) => s.id === "sess-today-set2");
    expect(set?.deleted).toBe(true);
    await page.reload();
    expect(await page.locator("tr[data-set-id]").count()).toBe(4);
  });

  it("edits notes and RPE: bad input stays by the field, a good save reaches the watch", async () => {
    await page.fill("#rpe", "11");
    await page.fill("#notes", "Quads burning on the last set");
    await page.click("#session-form button[type=submit]");
    await expect.poll(() => page.textContent("#rpe-error")).toMatch(/1 to 10/);
    expect(await page.inputValue("#rpe")).toBe("11");
    expect(await page.inputValue("#notes")).toBe("Quads burning on the last set");

    await page.fill("#rpe", "7");
    await page.click("#session-form button[type=submit]");
    await expect.poll(() => page.textContent("#session-form .form-ok")).toContain("Saved");
    const pulled = await watchPull();
    const s = pulled.changes.sessions.find((x: Json) => x.id === "sess-today");
    expect(s).toMatchObject({ rpe: 7, notes: "Quads burning on the last set" });

    // One outcome at a time: a new error replaces the old "Saved.", it does not sit beside it.
    await page.fill("#rpe", "-3");
    await page.click("#session-form button[type=submit]");
    await expect.poll(() => page.textContent("#rpe-error")).toMatch(/1 to 10/);
    expect(await page.textContent("#session-form .form-ok")).toBe("");
  });

  it("an open history shows a newly synced session within seconds of focus", async () => {
    await page.goto(`${worker.url}/history`);
    await watchPush(
      session("sess-live", Date.now() - 60_000, "Lunch-break core", [
        { exercise: "plank", hold: 60, target: 60 },
      ]),
    );
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.waitForSelector('[data-session-id="sess-live"]', { timeout: 5000 });
  });

  it("filters history by exercise and dates; a bad range is shown by the field", async () => {
    await page.goto(`${worker.url}/history?exercise=plank`);
    const ids = await page
      .locator("[data-session-id]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-session-id")));
    expect(ids).toEqual(["sess-live", "sess-today"]);
    await page.goto(`${worker.url}/history?exercise=squat`);
    expect(await page.locator("[data-session-id]").count()).toBe(1);

    await page.goto(`${worker.url}/history?from=2030-02-10&to=2030-02-01&exercise=lunge`);
    expect(await page.textContent("#to-error")).toMatch(/before the start/);
    expect(await page.inputValue("#from")).toBe("2030-02-10");
    expect(await page.inputValue("#to")).toBe("2030-02-01");
    expect(await page.inputValue("#exercise")).toBe("lunge");
    // A browser without a date picker sends free text: refused by the field (Chromium's date
    // input cannot show the text itself, so only the message is checked here).
    await page.goto(`${worker.url}/history?from=yesterday`);
    expect(await page.textContent("#from-error")).toMatch(/YYYY-MM-DD/);
  });

  it("deletes a session from its page; the watch pulls the tombstone", async () => {
    await page.goto(`${worker.url}/history/sess-live`);
    const del = page.locator("button[data-delete-session]");
    await del.click();
    await del.click();
    await page.waitForURL(/\/history\?deleted=1$/);
    expect(await page.textContent(".flash")).toBe("Session deleted.");
    expect(await page.locator('[data-session-id="sess-live"]').count()).toBe(0);
    const pulled = await watchPull();
    expect(pulled.changes.sessions.find((x: Json) => x.id === "sess-live")?.deleted).toBe(true);
  });

  it("draws every progress chart from a few weeks of demo data", async () => {
    await watchPush(demoWeeks());
    await page.goto(`${worker.url}/progress`);
    await page.waitForSelector("#progress[data-ready]");
    for (const id of ["chart-volume", "chart-running", "chart-exercise-plot", "chart-balance"]) {
      expect(await page.locator(`#${id} canvas`).count(), id).toBeGreaterThan(0);
    }
    const data = await page.evaluate(async () => (await fetch("/web/progress.json")).json());
    expect(data.reps.some((n: number) => n > 0)).toBe(true);
    expect(data.distance.some((n: number) => n > 0)).toBe(true);
    expect(data.balance.map((b: Json) => b.id)).toEqual(
      expect.arrayContaining(["lunge", "one-leg-squat", "side-plank"]),
    );
    await page.selectOption("#chart-exercise", "plank");
    expect(await page.textContent("#exercise-caption")).toContain("Plank: seconds");
    expect(await page.textContent("table.balance")).toContain("Side plank");
    // The data endpoint is per user: signed out it answers 401, not someone's numbers.
    expect((await fetch(`${worker.url}/web/progress.json`)).status).toBe(401);
  });

  it("runs a short session on the phone runner, offline, and syncs it once back online", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${worker.url}/run`);
    // The service worker takes control and keeps a copy of the runner for offline use.
    await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await p.reload();
    await expect.poll(() => p.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await phone.setOffline(true);
    await p.reload();
    await p.click('[data-start="routine-bare-minimum"]');
    await p.waitForSelector("#run-screen:not([hidden])");
    expect(await p.textContent("#run-title")).toBe("Eccentric calf raise");
    for (let i = 0; i < 12; i++) await p.tap("#run-big");
    expect(await p.textContent("#run-big-text")).toBe("12");
    await p.tap("#run-undo");
    await p.tap("#run-undo");
    expect(await p.textContent("#run-big-text")).toBe("10");
    await p.tap("#run-big");
    expect(await p.textContent("#run-big-text")).toBe("11");
    await shot(p, "runner-phone");
    await p.tap("#run-primary");
    expect(await p.textContent("#run-phase")).toBe("Switch sides");
    await p.tap("#run-big");
    for (let i = 0; i < 10; i++) await p.tap("#run-big");
    await p.tap("#run-primary");
    expect(await p.textContent("#run-phase")).toContain("Rest");
    await p.tap("#run-finish");
    await p.tap("#run-finish");
    await p.waitForSelector("#run-summary:not([hidden])");
    expect(await p.textContent("#sum-sets")).toBe("2");
    expect(await p.textContent("#sum-reps")).toBe("21");
    await expect.poll(() => p.textContent("#sum-sync")).toContain("back online");
    expect(await p.isVisible("#sync-status")).toBe(true);

    await phone.setOffline(false);
    await p.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => p.textContent("#sum-sync"), { timeout: 8000 }).toContain("Synced");
    await p.check('input[name=rpe][value="6"]', { force: true });
    await p.click("#run-feel-form button[type=submit]");
    await expect.poll(() => p.textContent("#run-feel-form .form-ok")).toBe("Saved.");
    const sessionHref = await p.getAttribute("#sum-history", "href");

    await p.goto(`${worker.url}/history`);
    const card = p.locator(".session-card", { hasText: "Bare minimum" });
    expect(await card.textContent()).toContain("2 sets");
    expect(await card.textContent()).toContain("21 reps");
    expect(await card.getAttribute("href")).toBe(sessionHref);
    // The watch sees the phone's session too.
    const pulled = await watchPull();
    expect(
      pulled.changes.sessions.some((s: Json) => s.name === "Bare minimum" && s.rpe === 6),
    ).toBe(true);
    await phone.close();
  });

  it("account: wrong or mismatched passwords are shown by their fields", async () => {
    await page.goto(`${worker.url}/account`);
    await page.fill("#current_password", "not-my-password");
    await page.fill("#new_password", NEW_PASSWORD);
    await page.fill("#new_password_again", "intervals-98");
    await page.click("#password-form button[type=submit]");
    await expect.poll(() => page.textContent("#new_password_again-error")).toMatch(/match/);
    expect(await page.inputValue("#new_password_again")).toBe("intervals-98");

    await page.fill("#new_password_again", NEW_PASSWORD);
    await page.click("#password-form button[type=submit]");
    await expect.poll(() => page.textContent("#current_password-error")).toMatch(/not right/);
    expect(await page.inputValue("#current_password")).toBe("not-my-password");

    await page.fill("#current_password", PASSWORD);
    await page.click("#password-form button[type=submit]");
    await expect.poll(() => page.textContent("#password-form .form-ok")).toContain("changed");
  });

  it("preferences: units reach the watch and change how pages show distances", async () => {
    await page.goto(`${worker.url}/account`);
    await page.selectOption("#units", "imperial");
    await page.click("#settings-form button[type=submit]");
    await expect.poll(() => page.textContent("#settings-form .form-ok")).toContain("Saved");
    const pulled = await watchPull();
    expect(pulled.changes.settings[0]).toMatchObject({ units: "imperial" });
    await page.goto(`${worker.url}/`);
    expect(await page.textContent("main")).toMatch(/\d mi(?![a-z])/);
    await page.goto(`${worker.url}/account`);
    expect(await page.inputValue("#units")).toBe("imperial");

    // Back to metric so the later screenshots show kilometres.
    await page.selectOption("#units", "metric");
    await page.click("#settings-form button[type=submit]");
    await expect.poll(() => page.textContent("#settings-form .form-ok")).toContain("Saved");
    await page.goto(`${worker.url}/`);
    expect(await page.textContent("main")).toMatch(/\d km(?![a-z])/);
    await page.goto(`${worker.url}/account`);
  });

  it("signs out and back in with the new password", async () => {
    await page.click("button[data-logout]");
    await page.waitForSelector("#auth-form");
    expect(await page.evaluate(async () => (await fetch("/web/state.json")).status)).toBe(401);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=login]");
    await expect.poll(() => page.textContent("#form-error")).toMatch(/not right/);
    expect(await page.inputValue("#email")).toBe(EMAIL);
    await page.fill("#password", NEW_PASSWORD);
    await page.click("button[value=login]");
    await page.waitForSelector("h1:has-text('This week')");
  });

  it("has no serious or critical axe violations on the main pages", {
    timeout: 60_000,
  }, async () => {
    const pages = [
      "/",
      "/history",
      "/history/sess-today",
      "/progress",
      "/run",
      "/exercises",
      "/exercises/lunge",
      "/devices",
      "/account",
      "/pair",
    ];
    const found: string[] = [];
    for (const url of pages) {
      await page.goto(`${worker.url}${url}`);
      if (url === "/progress") await page.waitForSelector("#progress[data-ready]");
      found.push(...(await seriousViolations(page)).map((v) => `${url} ${v}`));
    }
    const anon = await browser.newContext({ viewport: PHONE });
    const anonPage = await anon.newPage();
    await anonPage.goto(`${worker.url}/`);
    found.push(...(await seriousViolations(anonPage)).map((v) => `signed out / ${v}`));
    await anon.close();
    expect(found).toEqual([]);
  });

  it("takes screenshots of the main pages at phone and desktop sizes", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    for (const [name, url] of [
      ["dashboard", "/"],
      ["history", "/history"],
      ["session", "/history/demo-1-a"],
      ["progress", "/progress"],
      ["runner-choose", "/run"],
    ] as const) {
      for (const [size, tab] of [
        ["phone", p],
        ["desktop", page],
      ] as const) {
        await tab.goto(`${worker.url}${url}`);
        if (name === "progress") await tab.waitForSelector("#progress[data-ready]");
        await shot(tab, `${name}-${size}`);
      }
    }
    // The runner mid-session on a desktop too.
    await page.goto(`${worker.url}/run`);
    await page.click('[data-start="routine-top-seven"]');
    for (let i = 0; i < 9; i++) await page.click("#run-big");
    await shot(page, "runner-desktop");
    await page.click("#run-finish");
    await page.click("#run-finish");
    await page.waitForSelector("#run-summary:not([hidden])");
    await phone.close();
  });

  it("revokes a device: its token is refused from then on", async () => {
    await page.goto(`${worker.url}/devices`);
    const revoke = page.locator(`button[data-revoke="${watch.deviceId}"]`);
    await revoke.click();
    await revoke.click();
    await expect.poll(() => page.locator(`[data-device-id="${watch.deviceId}"]`).count()).toBe(0);
    const res = await call("GET", "/sync/pull", { token: watch.token });
    expect(res.status).toBe(401);
    const push = await call("POST", "/sync/push", {
      token: watch.token,
      body: { schema: 1, mutations: [{ seq: watch.seq, op: "run.delete", args: { id: "x" } }] },
    });
    expect(push.status).toBe(401);
  });

  it("deletes the account with all its data after confirmation", async () => {
    await page.goto(`${worker.url}/account`);
    await page.click("details summary");
    await page.fill("#delete_password", NEW_PASSWORD);
    await page.click("#delete-account-form button[type=submit]");
    // Not confirmed yet: the box must be ticked; the typed password stays.
    await expect.poll(() => page.textContent("#delete_confirm-error")).toMatch(/Tick/);
    expect(await page.inputValue("#delete_password")).toBe(NEW_PASSWORD);
    await page.check("#delete_confirm");
    await page.click("#delete-account-form button[type=submit]");
    await page.waitForURL(/deleted=1/);
    expect(await page.textContent(".flash")).toContain("deleted");
    const login = await call("POST", "/auth/login", {
      body: { email: EMAIL, password: NEW_PASSWORD },
    });
    expect(login.status).toBe(401);
  });
});

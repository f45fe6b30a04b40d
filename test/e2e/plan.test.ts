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
const EMAIL = `planner-${Date.now()}@example.com`;
const PASSWORD = "long-run-sunday-18";
const PLAN_NAME = "Spring 10K strength";

let worker: LocalWorker;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let planId = "";

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

/** The signed-in browser's own view of the account, through the sync API. */
async function pullAsBrowser(): Promise<Json> {
  return page.evaluate(async () => (await fetch("/api/v1/sync/pull")).json());
}

/** A watch paired to the runner's account, playing "another device" through the sync API. */
const watch = { token: "", seq: 1 };

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

async function pairWatch(): Promise<void> {
  const started = await api("POST", "/devices/pair", { name: "Forerunner", platform: "zepp" });
  const approved = await page.evaluate(async (code) => {
    const res = await fetch("/api/v1/devices/approve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_code: code }),
    });
    return res.status;
  }, started.user_code);
  expect(approved).toBe(200);
  watch.token = (
    await api("POST", "/devices/token", { device_code: started.device_code })
  ).access_token;
}

/** The watch renames the plan on top of the latest rev it pulls. */
async function watchRenames(name: string): Promise<void> {
  const pulled = await api("GET", "/sync/pull", undefined, watch.token);
  const current = pulled.changes.plans.find((p: Json) => p.id === planId);
  const pushed = await api(
    "POST",
    "/sync/push",
    {
      schema: 1,
      mutations: [
        {
          seq: watch.seq++,
          op: "plan.put",
          args: { id: planId, base_rev: current.rev, plan: { ...current.plan, name } },
        },
      ],
    },
    watch.token,
  );
  expect(pushed.acks[0].status).toBe("applied");
}

/** The runner's week: intervals, tempo and a long run, two rest days, easy runs between. */
async function fillRealisticWeek(p: Page): Promise<void> {
  const week: [number, string, string][] = [
    [1, "rest", ""],
    [2, "intervals", "8"],
    [3, "easy", "6"],
    [4, "tempo", "8"],
    [5, "rest", ""],
    [6, "long", "18"],
    [7, "easy", "5"],
  ];
  for (const [wd, run, km] of week) {
    await p.selectOption(`#run-${wd}`, run);
    await p.fill(`#dist-${wd}`, km);
  }
  await p.fill("#sessions", "2");
  await p.fill("#minutes", "30");
  for (const box of await p.locator("input[name=equipment]").all()) await box.uncheck();
  await p.check("#level-new");
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  desktop = await browser.newContext({ viewport: DESKTOP });
  page = await desktop.newPage();
  page.setDefaultTimeout(15_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("plan page", { timeout: 45_000 }, () => {
  it("welcomes a new runner on /plan with the builder and a realistic week prefilled", async () => {
    await page.goto(`${worker.url}/`);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=signup]");
    await page.waitForSelector("h1:has-text('This week')");
    // The dashboard saves the browser's time zone to the account: let that push land first, so
    // it cannot arrive (and refresh the page) in the middle of a later step on a loaded machine.
    await expect
      .poll(async () => (await pullAsBrowser()).changes.settings.at(-1)?.time_zone ?? null, {
        timeout: 20_000,
      })
      .not.toBeNull();

    await page.goto(`${worker.url}/plan`);
    expect(await page.textContent("h1")).toContain("Strength that fits your running");
    expect(await page.inputValue("#run-2")).toBe("intervals");
    expect(await page.inputValue("#run-6")).toBe("long");
    expect(await page.inputValue("#sessions")).toBe("2");
    expect(await page.inputValue("#minutes")).toBe("30");
    expect(await page.inputValue("#weeks")).toBe("8");
    // A plan starts today, so today's session shows as soon as it is saved.
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      }).format(new Date()),
    );
    expect(await page.inputValue("#start_date")).toBe(today);
  });

  it("shows bad input as a sentence by its field and sends nothing", async () => {
    const generated: string[] = [];
    const watchRequests = (r: { url(): string }) => {
      if (/\/plans\/generate|\/sync\/push/.test(r.url())) generated.push(r.url());
    };
    page.on("request", watchRequests);
    await fillRealisticWeek(page);
    await page.fill("#minutes", "5");
    await page.click("#plan-builder button[type=submit]");
    await expect.poll(() => page.textContent("#minutes-error")).toMatch(/from 10 to 60 minutes/);
    expect(await page.inputValue("#minutes")).toBe("5");

    await page.fill("#minutes", "30");
    await page.fill("#race_date", "2020-01-01");
    await page.click("#plan-builder button[type=submit]");
    await expect.poll(() => page.textContent("#race_date-error")).toMatch(/after the start date/);
    expect(await page.textContent("#minutes-error")).toBe("");
    expect(await page.isVisible("#plan-preview")).toBe(false);
    expect(generated).toEqual([]);
    page.off("request", watchRequests);
    await page.fill("#race_date", "");
  });

  it("previews the plan: runs and strength side by side, every rule kept", async () => {
    await fillRealisticWeek(page);
    await page.click("#plan-builder button[type=submit]");
    // The first build also warms the Worker up: give it longer on a busy machine.
    await page.waitForSelector("#plan-preview:not([hidden])", { timeout: 20_000 });
    expect(await page.textContent("#preview-verdict")).toMatch(/Every rule holds/);
    expect(await page.locator("#plan-preview .plan-warning").count()).toBe(0);
    expect(await page.locator("#preview-week .plan-day").count()).toBe(7);
    const strength = page.locator("#preview-week .plan-day.strength");
    expect(await strength.count()).toBe(2);
    const first = strength.first();
    expect(await first.locator(".plan-minutes").textContent()).toMatch(/about \d+ min/);
    expect(await first.locator(".plan-dose").first().textContent()).toMatch(/^\d+ × /);
    expect(await first.locator(".plan-items li").first().textContent()).toMatch(/rest \d|no rest/);
    expect(await page.textContent('#preview-week [data-weekday="6"] .plan-run')).toBe(
      "Long run · 18.0 km",
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("saves the plan and makes it active, on the server too", async () => {
    await page.fill("#plan_name", PLAN_NAME);
    await page.click("#plan-save-form button[type=submit]");
    await page.waitForURL(/\/plan\?saved=new$/);
    expect(await page.textContent("#plan-name")).toBe(PLAN_NAME);
    expect(await page.textContent(".flash")).toMatch(/active plan/);
    expect(await page.textContent("#plan-dates")).toMatch(/8 weeks/);
    expect(await page.locator(".plan-day.strength").count()).toBe(2);
    expect(await page.locator(".plan-day.strength .plan-minutes").first().textContent()).toMatch(
      /about \d+ min/,
    );
    expect(await page.getAttribute("a[href='/plan/new']", "href")).toBe("/plan/new");

    const pulled = await pullAsBrowser();
    const plan = pulled.changes.plans.find((p: Json) => p.plan?.name === PLAN_NAME);
    expect(plan).toMatchObject({ rev: 1, deleted: false });
    expect(plan.plan.inputs).toMatchObject({ sessions_per_week: 2, minutes: 30, equipment: [] });
    expect(pulled.changes.settings[0]?.active_plan_id).toBe(plan.id);
    planId = plan.id;
  });

  it("moves a strength day onto the day before the long run: warned, saved anyway, rev up", async () => {
    await page.click(`a[href='/plan/${planId}/edit']`);
    await page.waitForSelector("#plan-edit-week .plan-day");
    expect(await page.locator("#plan-edit-week .plan-warning").count()).toBe(0);
    const from = await page
      .locator("#plan-edit-week .plan-day.strength")
      .first()
      .getAttribute("data-weekday");
    await page.selectOption(`#move-${from}`, "5");
    const friday = page.locator('#plan-edit-week [data-weekday="5"]');
    await expect
      .poll(() => friday.locator('.plan-warning[data-rule="no_strength_before_key_run"]').count())
      .toBe(1);
    expect(await friday.locator(".plan-warning").first().textContent()).toMatch(/long run/i);
    expect(await friday.locator("select[data-move]").inputValue()).toBe("5");

    await page.click("#plan-edit-form button[type=submit]");
    await page.waitForURL(/\/plan\?saved=saved$/);
    expect(
      await page
        .locator('[data-weekday="5"] .plan-warning[data-rule="no_strength_before_key_run"]')
        .count(),
    ).toBe(1);
    const plan = (await pullAsBrowser()).changes.plans.find((p: Json) => p.id === planId);
    expect(plan.rev).toBe(2);
    expect(plan.plan.days.find((d: Json) => d.weekday === 5).items.length).toBeGreaterThan(0);
  });

  it("bad numbers in the editor stay by their field and nothing is pushed", async () => {
    await page.goto(`${worker.url}/plan/${planId}/edit`);
    const sets = page.locator("#plan-edit-week input[data-num$=':sets']").first();
    await sets.fill("0");
    await page.click("#plan-edit-form button[type=submit]");
    const id = await sets.getAttribute("id");
    await expect.poll(() => page.textContent(`#${id}-error`)).toMatch(/1 to 20 sets/);
    const plan = (await pullAsBrowser()).changes.plans.find((p: Json) => p.id === planId);
    expect(plan.rev).toBe(2);
  });

  it("tells the runner when a watch changed the plan first and loads the latest version", async () => {
    await pairWatch();
    await page.goto(`${worker.url}/plan/${planId}/edit`);
    await page.waitForSelector("#plan-edit-week .plan-day");
    await watchRenames("Renamed on the watch");

    await page.fill("#edit_name", "My edit from the browser");
    await page.click("#plan-edit-form button[type=submit]");
    await page.waitForSelector("#plan-conflict:not([hidden])");
    expect(await page.textContent("#plan-conflict")).toMatch(/changed on another device/);
    expect(await page.inputValue("#edit_name")).toBe("My edit from the browser");
    await page.click("#plan-reload");
    await page.waitForLoadState("load");
    expect(await page.inputValue("#edit_name")).toBe("Renamed on the watch");
    expect(await page.isVisible("#plan-conflict")).toBe(false);
  });

  it("a save queued offline that meets a newer version is reported once it syncs", async () => {
    await page.goto(`${worker.url}/plan/${planId}/edit`);
    await page.waitForSelector("#plan-edit-week .plan-day");
    await desktop.setOffline(true);
    await page.fill("#edit_name", "Edited offline");
    await page.click("#plan-edit-form button[type=submit]");
    await expect.poll(() => page.textContent("#plan-edit-form .form-ok")).toMatch(/back online/);
    await watchRenames("Renamed on the watch again");

    await desktop.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForSelector("#plan-conflict:not([hidden])");
    expect(await page.textContent("#plan-conflict")).toMatch(/changed on another device/);
    const plan = (await pullAsBrowser()).changes.plans.find((p: Json) => p.id === planId);
    expect(plan.plan.name).toBe("Renamed on the watch again");
  });

  it("keeps other plans: make one active, delete another after confirming", async () => {
    for (const name of ["Base block", "Old plan"]) {
      await page.goto(`${worker.url}/plan/new`);
      await fillRealisticWeek(page);
      await page.click("#plan-builder button[type=submit]");
      await page.waitForSelector("#plan-preview:not([hidden])");
      await page.fill("#plan_name", name);
      await page.click("#plan-save-form button[type=submit]");
      await page.waitForURL(/saved=new$/);
      expect(await page.textContent("#plan-name")).toBe(name);
    }
    await page.click(`button[data-activate-plan="${planId}"]`);
    await page.waitForURL(/saved=active$/);
    expect(await page.textContent("#plan-name")).toBe("Renamed on the watch again");

    const old = page.locator(".plan-list-item", { hasText: "Old plan" });
    const oldId = await old.getAttribute("data-plan-id");
    const del = old.locator("button[data-delete-plan]");
    await del.click();
    expect(await del.textContent()).toBe("Tap again to delete");
    await del.click();
    await expect.poll(() => page.locator(`[data-plan-id="${oldId}"]`).count()).toBe(0);
    // A full pull leaves tombstones out: the deleted plan is simply gone, the others stay.
    const pulled = await pullAsBrowser();
    const live = pulled.changes.plans.filter((p: Json) => !p.deleted).map((p: Json) => p.id);
    expect(live).toContain(planId);
    expect(live).not.toContain(oldId);
    expect(pulled.changes.settings[0]?.active_plan_id).toBe(planId);
    await page.reload();
    expect(await page.locator(".plan-list-item").count()).toBe(1);
  });

  it("rebuilds the active plan's week at the level the assessments suggest", async () => {
    await page.goto(`${worker.url}/plan/new?level=experienced`);
    expect(await page.textContent(".notice")).toMatch(/suggest the experienced level/);
    expect(await page.isChecked("#level-experienced")).toBe(true);
    // The form starts from the active plan's week and numbers, not the defaults.
    const active = (await pullAsBrowser()).changes.plans.find((p: Json) => p.id === planId);
    for (const d of active.plan.inputs.running_week) {
      expect(await page.inputValue(`#run-${d.weekday}`)).toBe(d.run);
    }
    expect(await page.inputValue("#minutes")).toBe(String(active.plan.inputs.minutes));
  });

  it("has no serious or critical axe violations on the plan pages", {
    timeout: 90_000,
  }, async () => {
    const found: string[] = [];
    for (const url of ["/plan", "/plan/new", `/plan/${planId}/edit`]) {
      await page.goto(`${worker.url}${url}`);
      found.push(...(await seriousViolations(page)).map((v) => `${url} ${v}`));
    }
    expect(found.join("\n")).toBe("");
  });

  it("takes screenshots of the plan at phone and desktop sizes", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    await p.goto(`${worker.url}/plan`);
    await p.screenshot({ path: path.join(shots, "plan-phone.png") });
    await page.goto(`${worker.url}/plan`);
    await page.screenshot({ path: path.join(shots, "plan-desktop.png") });
    await phone.close();
  });
});

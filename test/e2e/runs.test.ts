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
const ZONE = "Europe/Berlin";
const EMAIL = `runs-${Date.now()}@example.com`;
const PASSWORD = "long-run-sunday-21";

let worker: LocalWorker;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

/** YYYY-MM-DD in the runner's zone, `days` from today. */
function localDay(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(
    Date.now() + days * 86_400_000,
  );
}

/** Every run the server holds for the signed-in browser (a full pull with its cookie). */
async function storedRuns(): Promise<Json[]> {
  const body: Json = await page.evaluate(async () => {
    const res = await fetch("/api/v1/sync/pull", { credentials: "same-origin" });
    return res.json();
  });
  return body.changes.runs;
}

/** Pushes and re-renders go through a real Worker on a shared machine: give them time. */
const SLOW = { timeout: 10_000 };
const row = (text: string) => page.locator(".runlog-row", { hasText: text });
const weekTotal = () => page.locator(".runlog-week").first().locator(".runlog-week-total");

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  desktop = await browser.newContext({ viewport: DESKTOP, timezoneId: ZONE });
  page = await desktop.newPage();
  page.setDefaultTimeout(10_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("running log", { timeout: 30_000 }, () => {
  it("signs up; the account takes the browser's time zone once", async () => {
    await page.goto(`${worker.url}/`);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=signup]");
    await page.waitForSelector("h1:has-text('This week')");
    // The dashboard's script pushes the zone. Wait for it on the dashboard itself: leaving the
    // page over and over (as polling /account did) can cut that push off on a loaded machine.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const res = await fetch("/api/v1/sync/pull?kinds=settings");
            return (await res.json()).changes.settings.at(-1)?.time_zone ?? null;
          }),
        { timeout: 20_000, interval: 500 },
      )
      .toBe(ZONE);
    // The next page the server renders carries it.
    await page.goto(`${worker.url}/account`);
    expect(await page.getAttribute("body", "data-time-zone")).toBe(ZONE);
    expect(await page.inputValue("#time_zone")).toBe(ZONE);
    // The list holds every zone the browser knows, for a runner who travels.
    expect(await page.locator("#time_zone option").count()).toBeGreaterThan(300);
  });

  it("shows how to log the first run, with today's date in the runner's zone", async () => {
    await page.goto(`${worker.url}/runs`);
    expect(await page.textContent("#run-weeks")).toContain("Log your first run");
    expect(await page.inputValue("#run-date")).toBe(localDay());
    expect(await page.textContent("label[for=run-distance]")).toContain("(km)");
  });

  it("explains every bad field beside it and stores nothing", async () => {
    await page.fill("#run-date", localDay(5));
    await page.fill("#run-distance", "-3");
    await page.fill("#run-duration", "25:00:00");
    await page.fill("#run-hr", "300");
    await page.fill("#run-notes", "x".repeat(2001));
    await page.click("#run-submit");
    await expect
      .poll(() => page.textContent("#run-date-error"), SLOW)
      .toMatch(/more than a day ahead/);
    expect(await page.textContent("#run-distance-error")).toBe("A distance cannot be negative.");
    expect(await page.textContent("#run-duration-error")).toBe("A run can last at most 24 hours.");
    expect(await page.textContent("#run-hr-error")).toMatch(/from 20 to 260/);
    expect(await page.textContent("#run-notes-error")).toMatch(/under 2000 characters/);
    // What was typed stays, and the first bad field has the focus.
    expect(await page.inputValue("#run-distance")).toBe("-3");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("run-date");

    await page.fill("#run-date", localDay());
    await page.fill("#run-distance", "abc");
    await page.fill("#run-duration", "0");
    await page.fill("#run-hr", "");
    await page.fill("#run-notes", "");
    await page.click("#run-submit");
    await expect.poll(() => page.textContent("#run-distance-error"), SLOW).toMatch(/as a number/);
    expect(await page.textContent("#run-duration-error")).toMatch(/more than 0/);
    expect(await page.textContent("#run-date-error")).toBe("");
    await page.fill("#run-distance", "8");
    await page.fill("#run-duration", "an hour");
    await page.click("#run-submit");
    await expect
      .poll(() => page.textContent("#run-duration-error"), SLOW)
      .toMatch(/h:mm:ss, mm:ss/);

    expect(await storedRuns()).toEqual([]);
    expect(await page.locator(".runlog-row").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("logs runs and shows them in this week with the weekly total and pace", async () => {
    await page.goto(`${worker.url}/runs`);
    await page.selectOption("#run-kind", "tempo");
    await page.fill("#run-distance", "8.5");
    await page.fill("#run-duration", "45:00");
    await page.fill("#run-hr", "152");
    await page.fill("#run-notes", "Hilly loop");
    await page.click("#run-submit");
    await row("Hilly loop").waitFor();
    const first = await row("Hilly loop").textContent();
    for (const text of ["Tempo run", "8.5 km", "45:00", "5:18 /km", "152 bpm"])
      expect(first).toContain(text);
    expect(await page.locator(".runlog-week-title").first().textContent()).toBe("This week");
    expect(await weekTotal().textContent()).toBe("8.5 km · 45:00 · 1 run");
    // The form is ready for the next run.
    expect(await page.inputValue("#run-distance")).toBe("");

    await page.fill("#run-distance", "5");
    await page.fill("#run-duration", "25");
    await page.click("#run-submit");
    await expect.poll(() => page.locator(".runlog-row").count(), SLOW).toBe(2);
    expect(await weekTotal().textContent()).toBe("13.5 km · 1:10:00 · 2 runs");
    const runs = await storedRuns();
    expect(runs.map((r) => r.distance_m).sort()).toEqual([5000, 8500]);
    expect(runs.find((r) => r.distance_m === 8500)).toMatchObject({
      date: localDay(),
      duration_s: 2700,
      kind: "tempo",
      avg_hr: 152,
      notes: "Hilly loop",
    });
  });

  it("edits a run's distance: one delete and one log, the other values kept", async () => {
    const oldId = await row("Hilly loop").getAttribute("data-run-id");
    await row("Hilly loop").locator("button[data-edit-run]").click();
    expect(await page.textContent("#run-form-title")).toMatch(/^Edit run of/);
    expect(await page.inputValue("#run-distance")).toBe("8.5");
    expect(await page.inputValue("#run-duration")).toBe("45:00");
    await page.fill("#run-distance", "10");
    await page.click("#run-submit");
    await expect.poll(() => row("Hilly loop").textContent(), SLOW).toContain("10.0 km");
    expect(await row("Hilly loop").textContent()).toContain("4:30 /km");
    expect(await weekTotal().textContent()).toBe("15.0 km · 1:10:00 · 2 runs");
    expect(await page.textContent("#run-form-title")).toBe("Log a run");

    const runs = await storedRuns();
    expect(runs.some((r) => r.id === oldId)).toBe(false);
    const edited = runs.find((r) => r.notes === "Hilly loop");
    expect(edited).toMatchObject({ distance_m: 10_000, duration_s: 2700, avg_hr: 152 });
    expect(edited?.id).not.toBe(oldId);
    expect(await page.locator(".runlog-row").count()).toBe(2);
  });

  it("shows the run in history beside strength work and in the dashboard's week", async () => {
    const id = await row("Hilly loop").getAttribute("data-run-id");
    await page.goto(`${worker.url}/history`);
    const card = page.locator(`[data-run-id="${id}"]`);
    expect(await card.textContent()).toContain("10.0 km");
    expect(await card.textContent()).toContain("Tempo run");
    await card.click();
    await page.waitForURL(/\/runs\?before=\d{4}-\d{2}-\d{2}#run-/);
    expect(await page.locator(`#run-${id}`).isVisible()).toBe(true);

    await page.goto(`${worker.url}/`);
    const today = page.locator(".week li[aria-current=date]");
    expect(await today.locator(".day-run").textContent()).toBe("15 km");
    expect(await today.textContent()).toContain("2 runs, 15.0 km");
  });

  it("puts the server's refusal in words beside the field and keeps nothing", async () => {
    await page.goto(`${worker.url}/runs`);
    // A client that let a bad value through: the real server refuses the real push.
    await page.route("**/api/v1/sync/push", async (route) => {
      const body = route.request().postDataJSON() as Json;
      for (const m of body.mutations) if (m.op === "run.log") m.args.distance_m = 5_000_000;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.fill("#run-distance", "7");
    await page.fill("#run-duration", "40:00");
    await page.click("#run-submit");
    await expect
      .poll(() => page.textContent("#run-distance-error"), SLOW)
      .toMatch(/^The server did not accept this distance/);
    await page.unroute("**/api/v1/sync/push");
    expect((await storedRuns()).length).toBe(2);
    expect(await page.locator(".runlog-row").count()).toBe(2);
  });

  it("deletes a run after a second tap", async () => {
    await page.goto(`${worker.url}/runs`);
    const easy = row("Easy run");
    const id = await easy.getAttribute("data-run-id");
    const del = easy.locator("button[data-delete-run]");
    await del.click();
    expect(await del.textContent()).toBe("Delete?");
    expect(await page.locator(".runlog-row").count()).toBe(2);
    await del.click();
    await expect.poll(() => page.locator(".runlog-row").count(), SLOW).toBe(1);
    await expect.poll(() => weekTotal().textContent(), SLOW).toBe("10.0 km · 45:00 · 1 run");
    expect((await storedRuns()).map((r) => r.id)).not.toContain(id);
  });

  it("takes screenshots of the log on a phone and a desktop", { timeout: 60_000 }, async () => {
    // A few earlier weeks, logged through the form like a runner catching up.
    for (const [days, km, time, kind] of [
      [-2, "6", "33:10", "easy"],
      [-8, "12.4", "1:08:30", "long"],
      [-10, "5", "24:40", "intervals"],
      [-15, "21.1", "1:52:05", "race"],
    ] as const) {
      await page.fill("#run-date", localDay(days));
      await page.fill("#run-distance", km);
      await page.fill("#run-duration", time);
      await page.selectOption("#run-kind", kind);
      await page.click("#run-submit");
      await expect
        .poll(() => page.textContent("#run-weeks"), SLOW)
        .toContain(`${km.includes(".") ? km : `${km}.0`} km`);
    }
    await page.goto(`${worker.url}/runs`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, "runs-desktop.png") });

    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      timezoneId: ZONE,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    await p.goto(`${worker.url}/runs`);
    await p.waitForSelector(".runlog-row");
    expect(await seriousViolations(p)).toEqual([]);
    // On a phone the weeks come under the form: show the end of the form and the first weeks.
    await p.evaluate(() => {
      const weeks = document.getElementById("run-weeks");
      if (weeks) window.scrollTo(0, weeks.getBoundingClientRect().top + window.scrollY - 110);
    });
    await p.screenshot({ path: path.join(shots, "runs-phone.png") });
    await phone.close();
  });
});

// Sharing a plan and the calendar feed in the real web view: runner A shares the active plan, a
// signed-out visitor sees it, runner B signs in from the link and copies it into their own
// account; A stops sharing and the link is a 404. The calendar URL the plan page shows serves
// a feed ical.js reads, and a new link retires the old one.
import path from "node:path";
import ICAL from "ical.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { seriousViolations, startWebStack } from "./webStack.ts";

const shots = screenshotDir();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ZONE = "Europe/Berlin";
const stamp = Date.now();
const A = { email: `sharer-${stamp}@example.com`, password: "tempo-tuesday-42" };
const B = { email: `copier-${stamp}@example.com`, password: "long-run-sunday-7" };
const PLAN_NAME = "Marathon base strength";

let worker: LocalWorker;
let browser: Browser;
let aContext: BrowserContext;
let aPage: Page;
let shareUrl = "";
let calendarUrl = "";

async function signUp(p: Page, who: { email: string; password: string }): Promise<void> {
  await p.fill("#email", who.email);
  await p.fill("#password", who.password);
  await p.click("button[value=signup]");
}

async function feed(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

function feedEvents(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  aContext = await browser.newContext({ viewport: DESKTOP, timezoneId: ZONE });
  await aContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
  aPage = await aContext.newPage();
  aPage.setDefaultTimeout(15_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("plan sharing and the calendar feed", { timeout: 45_000 }, () => {
  it("runner A saves a plan; /plan shows the calendar URL and no share link yet", async () => {
    await aPage.goto(`${worker.url}/`);
    await signUp(aPage, A);
    await aPage.waitForSelector("h1:has-text('This week')");
    await aPage.goto(`${worker.url}/plan`);
    await aPage.click("#plan-builder button[type=submit]");
    await aPage.waitForSelector("#plan-preview:not([hidden])", { timeout: 20_000 });
    await aPage.fill("#plan_name", PLAN_NAME);
    await aPage.click("#plan-save-form button[type=submit]");
    await aPage.waitForURL(/\/plan\?saved=new$/);

    calendarUrl = await aPage.inputValue("#calendar-url");
    expect(calendarUrl).toMatch(new RegExp(`^${worker.url}/cal/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await aPage.textContent(".plan-links")).toMatch(/Google Calendar.*Apple Calendar/s);
    expect(await aPage.isVisible("#share-off")).toBe(true);
    expect(await aPage.isVisible("#share-on")).toBe(false);
  });

  it("the calendar URL serves a feed ical.js reads: the plan's strength sessions at 07:00", async () => {
    const res = await feed(calendarUrl);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/calendar; charset=utf-8");
    const events = feedEvents(res.text);
    // The builder's default: 2 sessions a week for 8 weeks.
    expect(events).toHaveLength(16);
    for (const e of events) {
      expect(e.summary).toMatch(/^Strength: /);
      expect(e.description).toMatch(/ × /);
      const local = new Intl.DateTimeFormat("en-GB", {
        timeZone: ZONE,
        hour: "2-digit",
        minute: "2-digit",
      }).format(e.startDate.toJSDate());
      expect(local).toBe("07:00");
      expect(e.duration.toSeconds()).toBeGreaterThan(0);
    }
  });

  it("copies the calendar URL, and a new link (after a second tap) retires the old one", async () => {
    await aPage.click("button[data-copy-from=calendar-url]");
    await expect.poll(() => aPage.evaluate(() => navigator.clipboard.readText())).toBe(calendarUrl);
    const rotate = aPage.locator("button[data-rotate-calendar]");
    await rotate.click();
    expect(await rotate.textContent()).toMatch(/Tap again/);
    expect(await aPage.inputValue("#calendar-url")).toBe(calendarUrl);
    await rotate.click();
    await expect.poll(() => aPage.inputValue("#calendar-url")).not.toBe(calendarUrl);
    const fresh = await aPage.inputValue("#calendar-url");
    expect((await feed(calendarUrl)).status).toBe(404);
    expect(feedEvents((await feed(fresh)).text)).toHaveLength(16);
    calendarUrl = fresh;
  });

  it("A creates a share link for the active plan", async () => {
    await aPage.click("button[data-share-plan]");
    await aPage.waitForSelector("#share-on:not([hidden])");
    shareUrl = await aPage.inputValue("#share-url");
    expect(shareUrl).toMatch(new RegExp(`^${worker.url}/shared/plans/[A-Za-z0-9_-]{43}$`));
    expect(await aPage.isVisible("#share-off")).toBe(false);
    // The page rendered afresh shows the same link.
    await aPage.reload();
    expect(await aPage.inputValue("#share-url")).toBe(shareUrl);
    expect(await seriousViolations(aPage)).toEqual([]);
    await aPage.locator(".plan-links").scrollIntoViewIfNeeded();
    await aPage.screenshot({ path: path.join(shots, "plan-links-desktop.png") });
  });

  it("a signed-out visitor sees the plan, nothing about A, and a way to sign in", async () => {
    const visitor = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      timezoneId: ZONE,
    });
    const p = await visitor.newPage();
    const res = await p.goto(shareUrl);
    expect(res?.status()).toBe(200);
    expect(await p.textContent("#plan-name")).toBe(PLAN_NAME);
    expect(await p.locator(".plan-day.strength").count()).toBe(2);
    expect(await p.textContent("body")).not.toContain(A.email);
    expect(await p.textContent("#copy-plan")).toMatch(/Sign in to copy/);
    expect(await seriousViolations(p)).toEqual([]);
    await p.screenshot({ path: path.join(shots, "shared-plan-phone.png") });
    await visitor.close();
  });

  it("runner B signs in from the link, comes back and copies the plan into their account", async () => {
    const bContext = await browser.newContext({ viewport: DESKTOP, timezoneId: ZONE });
    const p = await bContext.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(shareUrl);
    await p.click("#copy-plan");
    await p.waitForURL(/\/\?next=/);
    await signUp(p, B);
    await p.waitForURL(shareUrl);
    expect(await p.textContent("#copy-plan")).toBe("Copy to my account");
    expect(await seriousViolations(p)).toEqual([]);
    await p.click("#copy-plan");
    await p.waitForURL(/\/plan\?saved=copied-active$/);
    expect(await p.textContent("#plan-name")).toBe(PLAN_NAME);
    expect(await p.textContent(".flash")).toMatch(/copied/);
    expect(await p.locator(".plan-day.strength").count()).toBe(2);
    // B's copy is B's own plan, under a new id, with no link of its own yet.
    const pulled = await p.evaluate(async () => (await fetch("/api/v1/sync/pull")).json());
    const plans = pulled.changes.plans as { id: string; plan: { name: string } }[];
    expect(plans.map((x) => x.plan.name)).toEqual([PLAN_NAME]);
    expect(await p.isVisible("#share-off")).toBe(true);
    expect(await p.inputValue("#calendar-url")).not.toBe(calendarUrl);
    await bContext.close();
  });

  it("A stops sharing (after a second tap) and the link answers 404", async () => {
    const stop = aPage.locator("button[data-stop-sharing]");
    await stop.click();
    expect(await stop.textContent()).toMatch(/Tap again/);
    await stop.click();
    await aPage.waitForSelector("#share-off:not([hidden])");
    expect(await aPage.isVisible("#share-on")).toBe(false);
    const visitor = await browser.newContext({ viewport: DESKTOP });
    const p = await visitor.newPage();
    const res = await p.goto(shareUrl);
    expect(res?.status()).toBe(404);
    expect(await p.textContent("h1")).toMatch(/not shared/);
    const api = await fetch(shareUrl.replace("/shared/plans/", "/api/v1/shared/plans/"));
    expect(api.status).toBe(404);
    expect((await api.json()).error).toBe("not_found");
    await visitor.close();
  });
});

import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { signUp, startWebStack } from "./webStack.ts";

const _root = path.resolve(import.meta.dirname, "../..");
const ZONE = "Europe/Berlin";
const EMAIL = `outbox-${Date.now()}@example.com`;
const PASSWORD = "queued-offline-77";

let worker: LocalWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

const SLOW = { timeout: 10_000 };

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(Date.now());
}

/** Every run the server holds for the signed-in browser (a full pull with its cookie). */
async function storedRuns(): Promise<Json[]> {
  const body: Json = await page.evaluate(async () => {
    const res = await fetch("/api/v1/sync/pull", { credentials: "same-origin" });
    return res.json();
  });
  return body.changes.runs;
}

/** What the server knows of this browser's device, as the pages' live refresh reads it. */
async function webState(): Promise<{ web_device_id: string | null; web_last_seq: number }> {
  return page.evaluate(async () => (await fetch("/web/state.json")).json());
}

/** The user id the page renders, and the two storage keys: the old queue's and the new one's. */
async function keys(): Promise<{ user: string; legacy: string; current: string }> {
  const user = await page.evaluate(() => document.body.dataset.user ?? "");
  return { user, legacy: `rs.outbox.${user}`, current: `rs.outbox.v2.${user}` };
}

async function storedJson(key: string): Promise<Json | null> {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), key);
}

/** Logs a run through the /runs form, as the runner would. */
async function logRun(distance: string, notes: string): Promise<void> {
  await page.fill("#run-distance", distance);
  await page.fill("#run-duration", "30:00");
  await page.fill("#run-notes", notes);
  await page.click("#run-form button[type=submit]");
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  context = await browser.newContext({ timezoneId: ZONE });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signUp(page, worker.url, EMAIL, PASSWORD);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("web outbox on the shared sync client", { timeout: 40_000 }, () => {
  it("keeps a change made offline, counts it in the badge, and pushes it once back online", async () => {
    await page.goto(`${worker.url}/runs`);
    // Sign-up's own change (the browser's time zone) goes out first.
    await expect
      .poll(async () => (await storedJson((await keys()).current))?.items, SLOW)
      .toEqual([]);
    await context.setOffline(true);
    await logRun("5", "Offline run");
    await expect.poll(() => page.textContent("#run-form .form-ok"), SLOW).toMatch(/back online/);
    await expect
      .poll(() => page.textContent("#sync-status"), SLOW)
      .toBe("1 change waiting to sync");
    expect((await storedJson((await keys()).current))?.items).toHaveLength(1);

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.isHidden("#sync-status"), SLOW).toBe(true);
    expect((await storedRuns()).map((r) => r.notes)).toContain("Offline run");
    expect((await storedJson((await keys()).current))?.items).toEqual([]);
  });

  it("a queue written in the old storage format before the upgrade is still pushed after it", async () => {
    const { legacy, current } = await keys();
    const before = await webState();
    const date = today();
    const run = (id: string, seq: number) => ({
      seq,
      op: "run.log",
      args: { id, date, distance_m: 8000, duration_s: 2400, kind: "easy", notes: id },
      queuedAt: Date.now(),
    });
    // What the previous web client left after two changes made offline, before this version
    // shipped: its own box under rs.outbox.<user>, seqs taken after the device's last_seq.
    const box = {
      v: 1,
      deviceId: before.web_device_id,
      nextSeq: before.web_last_seq + 3,
      items: [
        run("legacyrun1", before.web_last_seq + 1),
        run("legacyrun2", before.web_last_seq + 2),
      ],
    };
    await page.evaluate(
      ({ legacy, current, box }) => {
        localStorage.removeItem(current);
        localStorage.setItem(legacy, JSON.stringify(box));
      },
      { legacy, current, box },
    );

    await page.reload();
    await expect
      .poll(
        async () => (await storedRuns()).map((r) => r.notes).filter((n) => n?.startsWith("legacy")),
        SLOW,
      )
      .toEqual(["legacyrun1", "legacyrun2"]);
    // Sent with the seqs it was given, once: the device moved on by exactly two.
    expect((await webState()).web_last_seq).toBe(before.web_last_seq + 2);
    expect(await storedJson(legacy)).toBeNull();
    expect((await storedJson(current))?.items).toEqual([]);

    // Another reload moves nothing again and pushes nothing twice.
    await page.reload();
    await page.waitForSelector("#run-form");
    expect((await storedRuns()).filter((r) => r.notes?.startsWith("legacy"))).toHaveLength(2);
  });

  it("a batch holding one malformed mutation pushes the good ones and reports the bad one", async () => {
    const { current } = await keys();
    await page.goto(`${worker.url}/runs`);
    await expect.poll(async () => (await storedJson(current))?.items, SLOW).toEqual([]);
    await context.setOffline(true);
    await logRun("6", "Before the bad one");
    await expect.poll(() => page.textContent("#run-form .form-ok"), SLOW).toMatch(/back online/);
    // A mutation no typed caller can make (an op the server does not know), forced into the
    // stored queue behind the first run, under the outbox's own lock as every writer takes it.
    await page.evaluate(async (key) => {
      await navigator.locks.request(`rs:${key}:state`, async () => {
        const state = JSON.parse(localStorage.getItem(key) ?? "null");
        state.items.push({
          id: state.nextId,
          seq: state.nextSeq,
          op: "run.teleport",
          args: { id: "nowhere" },
          queuedAt: Date.now(),
        });
        state.nextId += 1;
        state.nextSeq += 1;
        localStorage.setItem(key, JSON.stringify(state));
      });
    }, current);
    expect((await storedJson(current))?.items).toHaveLength(2);

    // Every toast from here on, since the run's own "Run saved." may follow the report at once.
    await page.evaluate(() => {
      const toast = document.getElementById("toast") as HTMLElement;
      const seen: string[] = [];
      (window as unknown as { toasts: string[] }).toasts = seen;
      new MutationObserver(() => seen.push(toast.textContent ?? "")).observe(toast, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const toasts = () => page.evaluate(() => (window as unknown as { toasts: string[] }).toasts);

    // Back online, the runner logs another run: it goes out with the two queued before it.
    await context.setOffline(false);
    await logRun("7", "After the bad one");
    await expect
      .poll(async () => (await storedRuns()).map((r) => r.notes), SLOW)
      .toEqual(expect.arrayContaining(["Before the bad one", "After the bad one"]));
    await expect.poll(toasts, SLOW).toContain("Run saved.");
    expect(await toasts()).toContain(
      "The server refused a change made on this device, so it was not saved.",
    );
    const state = await storedJson(current);
    expect(state?.items).toEqual([]);
    expect(state?.problems.at(-1)).toMatchObject({
      op: "run.teleport",
      status: "rejected",
      local: true,
    });
    expect(await page.isHidden("#sync-status")).toBe(true);
  });

  it("signing out first pushes what waits, and warns while something still cannot go", async () => {
    await page.goto(`${worker.url}/account`);
    const { current } = await keys();
    await context.setOffline(true);
    await page.selectOption("#units", "imperial");
    await page.click("#settings-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#settings-form .form-ok"), SLOW)
      .toMatch(/back online/);
    await page.click("button[data-logout]");
    await expect.poll(() => page.textContent("#toast"), SLOW).toMatch(/have not synced yet/);
    expect(new URL(page.url()).pathname).toBe("/account");

    await context.setOffline(false);
    await page.click("button[data-logout]");
    await page.waitForSelector("#auth-form");
    // The change went out before the session ended: nothing is left in this browser's queue.
    expect((await storedJson(current))?.items).toEqual([]);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=login]");
    await page.waitForSelector("h1:has-text('This week')");
    const pulled: Json = await page.evaluate(async () => (await fetch("/api/v1/sync/pull")).json());
    expect(pulled.changes.settings[0]?.units).toBe("imperial");
  });
});

// The phone's session runner on the session driver the watch uses: a reload mid-set resumes the
// same set, every set reaches the server once, buzzes follow the driver's cues, a session saved
// by the runner before the driver is carried over, closing the summary forgets the session, and
// a Bluetooth heart-rate strap gives sets their heart rate and ends a rest when it comes down.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { signUp, startWebStack } from "./webStack.ts";

const PHONE = { width: 390, height: 844 };
const EMAIL = `runner-${Date.now()}@example.com`;
const PASSWORD = "hill-repeats-8x";
const SLOW = { timeout: 10_000 };
const shots = screenshotDir();

let worker: LocalWorker;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
/** The session the first test ran. */
let firstSessionId = "";

// biome-ignore lint/suspicious/noExplicitAny: API bodies under test; expectations check them.
type Json = Record<string, any>;

/** Everything the server holds for the signed-in browser (a full pull with its cookie). */
async function pulled(): Promise<Json> {
  return page.evaluate(async () => {
    const res = await fetch("/api/v1/sync/pull", { credentials: "same-origin" });
    return (await res.json()).changes;
  });
}

/** The runner's session record key in localStorage (one per signed-in user). */
const recordKey = () =>
  page.evaluate(() => Object.keys(localStorage).find((k) => /^rs\.run\.[^.]+$/.test(k)) ?? null);

const buzzes = (): Promise<unknown[]> =>
  page.evaluate(() => (window as unknown as { __buzzes: unknown[] }).__buzzes);

async function startBareMinimum(): Promise<void> {
  await page.goto(`${worker.url}/run`);
  await page.click('[data-start="routine-bare-minimum"]');
  await page.waitForSelector("#run-screen:not([hidden])");
  expect(await page.textContent("#run-title")).toBe("Eccentric calf raise");
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  // Headless Chromium has no vibration motor: record what the runner asks of it.
  await phone.addInitScript(() => {
    const w = window as unknown as { __buzzes: unknown[] };
    w.__buzzes = [];
    navigator.vibrate = (pattern: VibratePattern) => {
      w.__buzzes.push(pattern);
      return true;
    };
  });
  // Nor a Bluetooth radio: a strap that sends the Heart Rate Measurement bytes of `__strap.bpm`
  // (8-bit form) every half second once subscribed, as a real one does.
  await phone.addInitScript(() => {
    type Strap = { bpm: number; requests: number; connects: number; drop(): void };
    const w = window as unknown as { __strap: Strap };
    let sending = 0;
    const characteristic = Object.assign(new EventTarget(), {
      value: undefined as DataView | undefined,
      async startNotifications() {
        sending = window.setInterval(() => {
          characteristic.value = new DataView(Uint8Array.of(0, w.__strap.bpm).buffer);
          characteristic.dispatchEvent(new Event("characteristicvaluechanged"));
        }, 500);
        return characteristic;
      },
    });
    const device = Object.assign(new EventTarget(), {
      name: "Test strap",
      gatt: {
        connect: async () => {
          w.__strap.connects++;
          return {
            getPrimaryService: async () => ({ getCharacteristic: async () => characteristic }),
          };
        },
      },
    });
    w.__strap = {
      bpm: 120,
      requests: 0,
      connects: 0,
      // Out of reach: the notifications stop and the browser reports the disconnection.
      drop() {
        window.clearInterval(sending);
        device.dispatchEvent(new Event("gattserverdisconnected"));
      },
    };
    const bluetooth = {
      requestDevice: async () => {
        w.__strap.requests++;
        return device;
      },
    };
    Object.defineProperty(navigator, "bluetooth", { value: bluetooth, configurable: true });
  });
  page = await phone.newPage();
  page.setDefaultTimeout(10_000);
  await signUp(page, worker.url, EMAIL, PASSWORD);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("phone session runner", { timeout: 45_000 }, () => {
  it("resumes the same set after a reload and stores every set on the server once", async () => {
    await startBareMinimum();
    for (let i = 0; i < 5; i++) await page.tap("#run-big");
    expect(await page.textContent("#run-big-text")).toBe("5");
    // One short buzz per counted rep, from the driver's rep_tap.
    expect(await buzzes()).toEqual([15, 15, 15, 15, 15]);

    await page.reload();
    await page.waitForSelector("#run-screen:not([hidden])");
    expect(await page.textContent("#run-title")).toBe("Eccentric calf raise");
    expect(await page.textContent("#run-big-text")).toBe("5");
    await page.tap("#run-big");
    await page.tap("#run-primary");
    expect(await page.textContent("#run-phase")).toBe("Switch sides");
    expect(await buzzes()).toEqual([15, [120, 60, 120]]);
    await page.tap("#run-big");
    for (let i = 0; i < 4; i++) await page.tap("#run-big");
    await page.tap("#run-primary");
    await page.reload();
    await page.waitForSelector("#run-screen:not([hidden])");
    expect(await page.textContent("#run-phase")).toContain("Rest");
    await page.tap("#run-finish");
    await page.tap("#run-finish");
    await page.waitForSelector("#run-summary:not([hidden])");
    expect(await page.textContent("#sum-sets")).toBe("2");
    expect(await page.textContent("#sum-reps")).toBe("10");
    await expect.poll(() => page.textContent("#sum-sync"), SLOW).toContain("Synced");

    const changes = await pulled();
    expect(changes.sessions).toHaveLength(1);
    const session = changes.sessions[0];
    expect(session).toMatchObject({ name: "Bare minimum", source: "web" });
    expect(session.ended_at).toEqual(expect.any(String));
    firstSessionId = session.id;
    const sets = changes.sets.filter((s: Json) => s.session_id === session.id);
    expect(sets.map((s: Json) => [s.side, s.reps])).toEqual([
      ["left", 6],
      ["right", 4],
    ]);
    expect(new Set(sets.map((s: Json) => s.id)).size).toBe(2);
  });

  it("closing the summary forgets the session: a reload shows the choice of sessions", async () => {
    expect(await recordKey()).not.toBeNull();
    await page.click("#run-new");
    await page.waitForSelector("#run-choose:not([hidden])");
    await expect.poll(recordKey, SLOW).toBeNull();
    await page.reload();
    await page.waitForSelector("#run-choose:not([hidden])");
    expect(await page.isHidden("#run-screen")).toBe(true);
  });

  it("carries over a session saved by the runner before it used the session driver", async () => {
    await startBareMinimum();
    for (let i = 0; i < 3; i++) await page.tap("#run-big");
    await expect.poll(() => pulled().then((c) => c.sessions.length), SLOW).toBe(2);
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector("#sync-status")?.hasAttribute("hidden")),
      )
      .toBe(true);
    // Put storage as the earlier runner left it: its record was {state: <engine state as text>,
    // name}, and it queued without the outbox marks the driver writes.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => /^rs\.run\.[^.]+$/.test(k)) ?? "";
      const record = JSON.parse(localStorage.getItem(key) ?? "{}");
      const earlier = { state: JSON.stringify(record.state), name: "Bare minimum" };
      localStorage.setItem(key, JSON.stringify(earlier));
      const outboxKey = Object.keys(localStorage).find((k) => k.startsWith("rs.outbox.v2.")) ?? "";
      const outbox = JSON.parse(localStorage.getItem(outboxKey) ?? "{}");
      localStorage.setItem(outboxKey, JSON.stringify({ ...outbox, mark: null }));
    });
    await page.reload();
    await page.waitForSelector("#run-screen:not([hidden])");
    expect(await page.textContent("#run-big-text")).toBe("3");
    expect(
      await page.evaluate(() => Object.keys(localStorage).some((k) => k.endsWith(".unreadable"))),
    ).toBe(false);
    await page.tap("#run-big");
    await page.tap("#run-primary");
    await page.tap("#run-finish");
    await page.tap("#run-finish");
    await page.waitForSelector("#run-summary:not([hidden])");
    await expect.poll(() => page.textContent("#sum-sync"), SLOW).toContain("Synced");
    const changes = await pulled();
    const latest = changes.sessions.find((s: Json) => s.id !== firstSessionId);
    const sets = changes.sets.filter((s: Json) => s.session_id === latest.id);
    expect(sets.map((s: Json) => s.reps)).toEqual([4]);
  });

  it("a heart-rate strap puts heart rate on every set, shows its zone, ends a rest below the threshold and reconnects by itself", async () => {
    await page.goto(`${worker.url}/account`);
    await page.fill("#max_hr", "190");
    await page.fill("#rest_hr_ready", "110");
    await page.click("#heart-rate-form button[type=submit]");
    await expect.poll(() => page.textContent("#heart-rate-form .form-ok"), SLOW).toMatch(/^Saved/);

    await page.goto(`${worker.url}/run`);
    // The last test left its summary open.
    await page.click("#run-new");
    await page.click("#run-strap [data-hr-connect]");
    await expect
      .poll(() => page.textContent("#run-strap-status"))
      .toBe("Test strap connected: heart rate goes on every set.");
    await page.evaluate(() => {
      (window as unknown as { __strap: { bpm: number } }).__strap.bpm = 150;
    });
    await page.click('[data-start="routine-bare-minimum"]');
    await page.waitForSelector("#run-screen:not([hidden])");
    // 150 of 190 is 79 %: zone 3.
    await expect.poll(() => page.textContent("#run-hr-bpm")).toBe("150 bpm");
    expect(await page.textContent("#run-hr-zone")).toBe("Zone 3 · Moderate");
    expect(await page.isHidden("#run-hr [data-hr-connect]")).toBe(true);
    for (let i = 0; i < 4; i++) await page.tap("#run-big");
    await page.waitForTimeout(1_200);
    await page.tap("#run-primary");
    await page.tap("#run-big");
    for (let i = 0; i < 4; i++) await page.tap("#run-big");
    await page.waitForTimeout(1_200);
    await page.tap("#run-primary");
    expect(await page.textContent("#run-phase")).toContain("Rest");
    expect(await page.textContent("#run-hr-rest")).toBe(
      "Ready below 110 bpm, or when the time runs out.",
    );
    await page.screenshot({ path: path.join(shots, "runner-heart-rate-rest-phone.png") });

    // The heart rate comes down: the 30 s rest ends after its 15 s minimum, with the rest buzz.
    const restStart = Date.now();
    await page.evaluate(() => {
      (window as unknown as { __strap: { bpm: number } }).__strap.bpm = 98;
    });
    await expect
      .poll(() => page.textContent("#run-phase"), { timeout: 25_000, interval: 250 })
      .not.toContain("Rest");
    expect(Date.now() - restStart).toBeLessThan(25_000);
    expect(await page.textContent("#run-title")).toBe("One-leg squat");
    expect(await buzzes()).toContainEqual([250, 100, 250]);

    // The strap drops out; the runner reconnects it by itself and readings come again.
    await page.evaluate(() => {
      const strap = (window as unknown as { __strap: { bpm: number; drop(): void } }).__strap;
      strap.drop();
      strap.bpm = 141;
    });
    await expect.poll(() => page.textContent("#run-hr-bpm")).toBe("141 bpm");
    expect(
      await page.evaluate(() => (window as unknown as { __strap: Json }).__strap),
    ).toMatchObject({ requests: 1, connects: 2 });

    await page.tap("#run-finish");
    await page.tap("#run-finish");
    await page.waitForSelector("#run-summary:not([hidden])");
    await expect.poll(() => page.textContent("#sum-sync"), SLOW).toContain("Synced");
    const changes = await pulled();
    const session = changes.sessions.find((s: Json) =>
      changes.sets.some((t: Json) => t.session_id === s.id && typeof t.hr_avg === "number"),
    );
    const sets = changes.sets.filter((t: Json) => t.session_id === session?.id);
    expect(sets.map((t: Json) => [t.side, t.reps, t.hr_avg, t.hr_max])).toEqual([
      ["left", 4, 150, 150],
      ["right", 4, 150, 150],
    ]);
    expect(session.hr_avg).toBeGreaterThanOrEqual(98);
    expect(session.hr_avg).toBeLessThanOrEqual(150);
  });
});

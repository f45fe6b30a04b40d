// Screen off in a long rest, in the browser simulator running the real Zepp sources: the screen
// may sleep, the system ends the app 10 s after the screen went off, the rest-end alarm's App
// Service buzzes once, and the wrist turn relaunches the same session past the rest without a
// second buzz. The phone is away throughout: no server is needed.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimServer } from "../../watch-app/sim/server.mjs";
import { launchBrowser } from "./browser.ts";
import { simWatch, tid } from "./simWatch.ts";

const WATCH_ID = `e2e-screen-off-${Date.now().toString(36)}`;

let sim: Awaited<ReturnType<typeof startSimServer>>;
let browser: Browser;
let watch: Page;

const { textOf, tap, shows, skip } = simWatch(() => watch);

const logLines = () =>
  watch.$$eval(`${tid("sim-log")} li`, (items) => items.map((li) => li.textContent ?? ""));

beforeAll(async () => {
  browser = await launchBrowser();
  // Nothing listens on port 9: the phone never reaches a server, which this test does not need.
  sim = await startSimServer({ server: "http://127.0.0.1:9" });
  watch = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  watch.setDefaultTimeout(10_000);
  watch.on("pageerror", (error) => console.error("simulator page error:", error));
  await watch.goto(`${sim.url}/?watch=${WATCH_ID}`);
  await watch.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await watch.check(tid("phone-away"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe("screen off in a long rest (simulator)", { timeout: 60_000 }, () => {
  it("sleeps through a 30 s rest with the app ended, buzzes once from the alarm, and resumes the same session on wrist turn", async () => {
    await tap("action-start-routine:bare-minimum");
    await shows("session-title", "Eccentric calf raise");
    await shows("session-top", /^Set 1 of 1/);
    expect(await textOf("screen-state")).toBe("kept on");
    // Left side, the switch, the right side: then the rest.
    for (const side of ["Left", "Right"]) {
      await shows("session-top", `Set 1 of 1 · ${side} side`);
      for (let i = 0; i < 3; i++) await tap("big");
      await shows("big", "3");
      await tap("action-set_done");
      if (side === "Left") await tap("action-switch_side");
    }

    // The 30 s rest: the screen is the system's again and the rest-end alarm is set.
    await shows("session-top", /^Rest/);
    await shows("screen-state", "auto");
    expect(
      (await logLines()).some((l) => / alarm \d+ set for .* app-service\/restEnd$/.test(l)),
    ).toBe(true);
    const buzzes = Number(await textOf("buzz-count"));

    // Screen off; 10 s of watch time later the system ends the app.
    await tap("screen-off");
    await shows("screen-power", "screen off");
    await skip(11);
    await shows("app-state", "killed");

    // The rest runs out with the app gone: the alarm's App Service buzzes once.
    await skip(25);
    await shows("buzz-count", String(buzzes + 1));
    expect(await textOf("buzz-last")).toBe("DURATION");
    expect((await logLines()).some((l) => /alarm \d+ fired: app-service\/restEnd/.test(l))).toBe(
      true,
    );

    // The wrist turns: the app relaunches into the same session, past the rest, no second buzz.
    await tap("wrist-turn");
    await shows("app-state", "running");
    await shows("session-title", "One-leg squat");
    await shows("session-top", /^Set 1 of 1/);
    await shows("screen-state", "kept on");
    // A few ticks of the relaunched app: the rest it settled late does not buzz again.
    await watch.waitForTimeout(1_000);
    expect(Number(await textOf("buzz-count"))).toBe(buzzes + 1);
    const stored = await watch.evaluate(
      (prefix) => window.localStorage.getItem(`${prefix}watch:runstrong.session.restEnd`),
      `rs-sim:${WATCH_ID}:`,
    );
    expect(stored).toBeNull();
  });
});

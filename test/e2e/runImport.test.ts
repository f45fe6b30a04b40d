// The running log's file import in Chromium against the real Worker: a GPX written here goes up
// through the file input with a progress bar and appears in the list with its distance; the same
// file again is recognised; a corrupt file gets a sentence and stores nothing. Then every demo
// session's FIT export (the seed's data, from the real API) decodes with Garmin's own Decoder.
import { spawn } from "node:child_process";
import path from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { seriousViolations, startWebStack } from "./webStack.ts";

const root = path.resolve(import.meta.dirname, "../..");
const shots = screenshotDir();
const ZONE = "Europe/Berlin";
const EMAIL = `run-import-${Date.now()}@example.com`;
const PASSWORD = "negative-splits-42";
const SLOW = { timeout: 15_000 };

let worker: LocalWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/**
 * A GPX run due north from the equator: 100 steps of 0.00045° of latitude (4 975.8 m of
 * meridian), one every 16 s (26:40, about 3.1 m/s, an easy pace), heart rate 140 bpm.
 */
function equatorGpx(startMs: number): string {
  const points = Array.from({ length: 101 }, (_, i) => {
    const time = new Date(startMs + i * 16_000).toISOString();
    return `<trkpt lat="${(i * 0.00045).toFixed(5)}" lon="10.00000"><time>${time}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="runstrong e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>Evening loop</name><type>running</type><trkseg>
${points.join("\n")}
</trkseg></trk></gpx>`;
}

// Three hours ago, so it is today (or just yesterday) in Berlin and lands in the first week.
const GPX = equatorGpx(Date.now() - 3 * 3_600_000);

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: ZONE });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("importing a run file on /runs", { timeout: 40_000 }, () => {
  it("signs up and opens the running log with the import card", async () => {
    await page.goto(`${worker.url}/`);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[value=signup]");
    await page.waitForSelector("h1:has-text('This week')");
    await page.goto(`${worker.url}/runs`);
    expect(await page.textContent("#run-import-title")).toBe("Import a run");
    expect(await page.getAttribute("#run-file", "accept")).toContain(".gpx");
  });

  it("uploads a GPX through the file input with a progress bar and lists the run", async () => {
    // Watch the bar: it must show while the file goes up and reach the end.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { barSeen: string[] }).barSeen = seen;
      const box = document.getElementById("run-import-progress-box");
      new MutationObserver(() => {
        const bar = document.getElementById("run-import-progress") as HTMLProgressElement | null;
        seen.push(`${box?.hidden ? "hidden" : "shown"}:${bar?.value ?? ""}`);
      }).observe(box as Node, { attributes: true, subtree: true });
    });
    await page.setInputFiles("#run-file", {
      name: "Evening loop.gpx",
      mimeType: "application/gpx+xml",
      buffer: Buffer.from(GPX),
    });
    const row = page.locator(".runlog-row", { hasText: "Evening loop.gpx" });
    await row.waitFor(SLOW);
    const text = await row.textContent();
    for (const part of ["Easy run", "5.0 km", "26:40", "140 bpm"]) expect(text).toContain(part);
    expect(await row.getAttribute("data-distance-m")).toMatch(/^497[0-9](\.\d)?$/);
    expect(await page.textContent("#run-import-ok")).toMatch(
      /^Imported 5\.0 km on \d{4}-\d{2}-\d{2}\./,
    );
    const seen = await page.evaluate(() => (window as unknown as { barSeen: string[] }).barSeen);
    expect(seen.some((s) => s.startsWith("shown"))).toBe(true);
    expect(seen.at(-1)?.startsWith("hidden")).toBe(true);
    expect(await page.isHidden("#run-import-progress-box")).toBe(true);
  });

  it("recognises the same file again and lists it once", async () => {
    await page.setInputFiles("#run-file", {
      name: "Evening loop (copy).gpx",
      mimeType: "application/gpx+xml",
      buffer: Buffer.from(GPX),
    });
    await expect
      .poll(() => page.textContent("#run-import-ok"), SLOW)
      .toMatch(/^You imported this file before/);
    expect(await page.locator(".runlog-row").count()).toBe(1);
  });

  it("says why a corrupt file is refused, and stores nothing", async () => {
    await page.setInputFiles("#run-file", {
      name: "broken.fit",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("this is not a FIT file, just some text"),
    });
    await expect
      .poll(() => page.textContent("#run-import-error"), SLOW)
      .toBe("This file is not a FIT file: it lacks the FIT header.");
    expect(await page.textContent("#run-import-ok")).toBe("");
    await page.setInputFiles("#run-file", {
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hello"),
    });
    await expect
      .poll(() => page.textContent("#run-import-error"), SLOW)
      .toBe("notes.txt is not a .fit or .gpx file: choose a FIT or GPX run.");
    expect(await page.locator(".runlog-row").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("takes screenshots of the import on a desktop and a phone, both axe clean", async () => {
    await page.screenshot({ path: path.join(shots, "runs-import-desktop.png") });
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: ZONE,
      storageState: await context.storageState(),
    });
    const p = await phone.newPage();
    await p.goto(`${worker.url}/runs`);
    await p.waitForSelector(".runlog-row");
    // On a phone the import comes under the form: show it and the run it brought in.
    await p.evaluate(() => {
      const card = document.getElementById("run-import-title");
      if (card) window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 80);
    });
    expect(await seriousViolations(p)).toEqual([]);
    await p.screenshot({ path: path.join(shots, "runs-import-phone.png") });
    await phone.close();
  });
});

describe("FIT export of the demo's sessions", () => {
  it("decodes every session the demo seed logs, set for set", { timeout: 180_000 }, async () => {
    const seeded = await new Promise<{ status: number | null; out: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(root, "scripts/seed-demo.mjs"), "--server", worker.url],
        {
          cwd: root,
          env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
        },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("exit", (status) => resolve({ status, out }));
    });
    expect(seeded.status, seeded.out).toBe(0);
    const api = `${worker.url}/api/v1`;
    const login = await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@runstrong.local", password: "demo-runner-1" }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    // biome-ignore lint/suspicious/noExplicitAny: pulled rows; the checks below read their fields.
    const sessions: any[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const sets: any[] = [];
    let cursor = "";
    for (let more = true; more; ) {
      const res = await fetch(
        `${api}/sync/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
        { headers: { cookie } },
      );
      const body = await res.json();
      sessions.push(...body.changes.sessions);
      sets.push(...body.changes.sets);
      cursor = body.cursor;
      more = body.has_more;
    }
    const live = sessions.filter((s) => !s.deleted);
    expect(live.length).toBeGreaterThan(10);
    for (const s of live) {
      const res = await fetch(`${api}/sessions/${s.id}/activity.fit`, { headers: { cookie } });
      expect(res.status, s.id).toBe(200);
      const stream = Stream.fromByteArray([...new Uint8Array(await res.arrayBuffer())]);
      const decoder = new Decoder(stream);
      expect(decoder.isFIT() && decoder.checkIntegrity(), s.id).toBe(true);
      const { messages, errors } = decoder.read();
      expect(errors, s.id).toEqual([]);
      expect(messages.sessionMesgs?.[0]).toMatchObject({
        sport: "training",
        subSport: "strengthTraining",
      });
      const mine = sets
        .filter((x) => x.session_id === s.id && !x.deleted)
        .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
      const active = (messages.setMesgs ?? []).filter((m) => m.setType === "active");
      expect(active.length, s.id).toBe(mine.length);
      active.forEach((m, i) => {
        const x = mine[i];
        expect((m.startTime as unknown as Date).getTime(), s.id).toBe(
          Math.floor(Date.parse(x.started_at) / 1000) * 1000,
        );
        expect(m.repetitions ?? null).toBe(x.reps);
        if (x.hold_s !== null) expect(m.duration).toBe(x.hold_s);
        expect(m.category?.[0]).not.toBe("unknown");
      });
      const times = (messages.recordMesgs ?? []).map((r) => (r.timestamp as Date).getTime());
      for (let i = 1; i < times.length; i++)
        expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    }
  });
});

// The account page's data section in a real browser against the real Worker: the demo account
// (seeded by `npm run seed:demo`'s own script) is downloaded as JSON and CSV through the page,
// the JSON is imported into a second account through the page, and that account's history shows
// the sessions. Axe-clean, with screenshots.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalWorker } from "./localWorker.ts";
import { screenshotDir } from "./screenshotDir.ts";
import { seriousViolations, startWebStack } from "./webStack.ts";

const root = path.resolve(import.meta.dirname, "../..");
const shots = screenshotDir();
const DEMO = { email: "demo@runstrong.local", password: "demo-runner-1" };
const SECOND = { email: `import-${Date.now()}@example.com`, password: "second-account-9" };
const SLOW = { timeout: 15_000 };

// biome-ignore lint/suspicious/noExplicitAny: the export document under test.
type Doc = Record<string, any>;

let worker: LocalWorker;
let browser: Browser;
let demoContext: BrowserContext;
let secondContext: BrowserContext;
let exportPath = "";
let exported: Doc;

function seedDemo(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "scripts/seed-demo.mjs"), "--server", url],
      {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (status) => (status === 0 ? resolve(out) : reject(new Error(out))));
  });
}

async function signIn(
  page: Page,
  who: { email: string; password: string },
  mode: "login" | "signup",
) {
  await page.goto(`${worker.url}/`);
  await page.fill("#email", who.email);
  await page.fill("#password", who.password);
  await page.click(`button[value=${mode}]`);
  await page.waitForSelector("h1:has-text('This week')");
}

/** Clicks a download link of the account page and returns where the browser saved the file. */
async function download(page: Page, name: string): Promise<{ file: string; suggested: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`a[data-download=${name}]`),
  ]);
  const file = await dl.path();
  return { file, suggested: dl.suggestedFilename() };
}

beforeAll(async () => {
  [worker, browser] = await startWebStack();
  await seedDemo(worker.url);
  demoContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  secondContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("account data: download and import through the page", { timeout: 60_000 }, () => {
  it("downloads everything as JSON and the sets as CSV from the demo's account page", async () => {
    const page = await demoContext.newPage();
    await signIn(page, DEMO, "login");
    await page.goto(`${worker.url}/account`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, "account-data-desktop.png"), fullPage: true });

    const json = await download(page, "export");
    expect(json.suggested).toMatch(/^runstrong-export-\d{4}-\d{2}-\d{2}\.json$/);
    exportPath = json.file;
    exported = JSON.parse(readFileSync(exportPath, "utf8"));
    expect(exported).toMatchObject({ format: "runstrong-export", version: 1 });
    expect(exported.sessions.length).toBeGreaterThan(10);
    expect(exported.sets.length).toBeGreaterThan(100);

    const csv = await download(page, "sets");
    expect(csv.suggested).toMatch(/^runstrong-sets-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: Record<string, string>[] = parse(readFileSync(csv.file, "utf8"), {
      columns: true,
      record_delimiter: "\r\n",
    });
    expect(rows.length).toBe(exported.sets.length);
    expect(rows[0]?.set_id).toBe(exported.sets[0].id);
  });

  it("imports the file into a second account and its history shows the sessions", async () => {
    const page = await secondContext.newPage();
    await signIn(page, SECOND, "signup");
    await page.goto(`${worker.url}/history`);
    expect(await page.locator("[data-session-id]").count()).toBe(0);

    await page.goto(`${worker.url}/account`);
    await page.setInputFiles("#import_file", exportPath);
    await page.click("#import-form button[type=submit]");
    const ok = page.locator("#import-form .form-ok");
    await expect.poll(() => ok.textContent(), SLOW).toMatch(/^Imported /);
    const text = (await ok.textContent()) ?? "";
    expect(text).toContain(`${exported.sessions.length} sessions`);
    expect(text).toContain(`${exported.sets.length} sets`);
    expect(text).toContain(`${exported.runs.length} runs`);
    expect(await seriousViolations(page)).toEqual([]);
    // The phone's bottom bar is fixed: a view of the section itself, not a stitched full page.
    await page.locator("#import-form").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "account-data-phone.png") });

    // The second account's history lists the same sessions as the demo's own history.
    const sessionIds = async (p: Page) => {
      await p.goto(`${worker.url}/history`);
      return p
        .locator("[data-session-id]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-session-id")));
    };
    const demoPage = await demoContext.newPage();
    const demoIds = await sessionIds(demoPage);
    expect(demoIds.length).toBeGreaterThan(0);
    expect(await sessionIds(page)).toEqual(demoIds);
    const newest = [...exported.sessions].sort((a, b) => (a.started_at < b.started_at ? 1 : -1))[0];
    expect(demoIds).toContain(newest.id);
  });

  it("the same file again adds nothing and says so", async () => {
    const page = await secondContext.newPage();
    await page.goto(`${worker.url}/account`);
    await page.setInputFiles("#import_file", exportPath);
    await page.click("#import-form button[type=submit]");
    await expect
      .poll(() => page.locator("#import-form .form-ok").textContent(), SLOW)
      .toMatch(/^Nothing new to import: all \d+ items were already here\.$/);
  });

  it("a file that is not an export is refused with a sentence", async () => {
    const page = await secondContext.newPage();
    await page.goto(`${worker.url}/account`);
    await page.setInputFiles("#import_file", {
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ format: "something-else", version: 1 })),
    });
    await page.click("#import-form button[type=submit]");
    await expect
      .poll(() => page.locator("#import-form .form-error").textContent(), SLOW)
      .toMatch(/^Nothing was imported\. This is not a runstrong export/);

    await page.setInputFiles("#import_file", {
      name: "photo.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    });
    await page.click("#import-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#import_file-error"), SLOW)
      .toMatch(/not JSON, so it is not a runstrong export/);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

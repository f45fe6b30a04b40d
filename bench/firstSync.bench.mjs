// `npm run bench:first-sync`: a benchmark, not a test. A year of a committed runner (bench/
// runnerYear.mjs: 2 plans, 156 sessions, about 3,000 sets, 200 runs, 13 assessments) is pushed
// through the real push path into the real Worker (wrangler's unstable_startWorker, local D1),
// then it measures:
//   - a new device's first sync: every page of GET /sync/pull until has_more is false, and the
//     phone's plans-and-settings pull (kinds=plans,settings): time, bytes raw and gzip;
//   - the dashboard, history and progress pages for that account: server time and bytes over
//     HTTP with the session cookie, and first contentful paint in Chromium (playwright-core,
//     /usr/bin/chromium): in a new tab, and in the same tab from another page of the app;
//   - two floors: a one-heading data: page, and the same heading served with the pages' own
//     response headers (Cross-Origin-Opener-Policy moves a new tab to a new renderer process).
// Writes the `## First sync and the web view` section of docs/benchmarks.md. Loopback only;
// bounded; stops by itself (about 3-5 minutes). `--quick` runs fewer rounds, writes nothing.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../test/e2e/browser.ts";
import { machine, printTable, writeDocSection } from "./benchmarkReport.mjs";
import { firstSyncMarkdown, firstSyncTable } from "./firstSyncReport.mjs";
import { planRequest, runnerYear, yearStart } from "./runnerYear.mjs";
import {
  account,
  fmtInt,
  fmtKB,
  fmtMs,
  log,
  median,
  PUSH_SIZE,
  ROOT,
  requireNode22,
  serviceWorker,
  stopAll,
  trackStop,
  watchdog,
} from "./syncHarness.mjs";

requireNode22("bench:first-sync");
const require = createRequire(import.meta.url);
const QUICK = process.argv.includes("--quick");
const ROUNDS = QUICK ? 2 : 7; // timed repetitions of each pull and page, after one warm-up
const PAGES = ["/", "/history", "/progress"];
/** The browser's floor: a page of one heading that needs no server. */
const FLOOR_HTML = "<!doctype html><title>floor</title><h1>Strength</h1>";
const FLOOR_URL = `data:text/html,${FLOOR_HTML}`;
/** The page in-app navigations start from: an app page none of the measured ones. */
const FROM_PATH = "/exercises";
const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};
const disarm = watchdog("bench:first-sync", 600_000);

/** Plans built by the real plan builder for the first and the second half of the year. */
async function buildPlans(acct, start) {
  const plans = [];
  for (const [offsetWeeks, minutes] of [
    [0, 40],
    [26, 30],
  ]) {
    const from = new Date(start.getTime() + offsetWeeks * 7 * 86_400_000);
    const res = await acct.api.call("POST", "/plans/generate", {
      token: acct.token,
      body: planRequest(from, minutes),
    });
    const built = acct.api.expect(res, 200, "build a plan");
    plans.push({ ...built.plan, name: `Year plan ${plans.length + 1}` });
  }
  return plans;
}

/**
 * Follows GET /sync/pull from no cursor until has_more is false, as a new device does; returns
 * the time, the raw and gzip bytes summed over the pages, and the records received per kind.
 */
async function fullPull(base, token, kinds) {
  const received = { plans: 0, sessions: 0, sets: 0, runs: 0, assessments: 0, settings: 0 };
  let cursor;
  let raw = 0;
  let gzip = 0;
  let pages = 0;
  const t = performance.now();
  for (;;) {
    const q = new URLSearchParams();
    if (cursor) q.set("cursor", cursor);
    if (kinds) q.set("kinds", kinds);
    const res = await fetch(`${base}/api/v1/sync/pull?${q}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${body}`);
    raw += body.length;
    gzip += gzipSync(body).length;
    pages++;
    const page = JSON.parse(body.toString("utf8"));
    for (const [kind, rows] of Object.entries(page.changes)) received[kind] += rows.length;
    cursor = page.cursor;
    if (!page.has_more) break;
    if (pages > 1000) throw new Error("pull: no end after 1,000 pages");
  }
  return { ms: performance.now() - t, raw, gzip, pages, received };
}

/** The pull `ROUNDS` times (after a warm-up) from scratch; the median time, the bytes. */
async function measurePull(base, token, kinds) {
  const first = await fullPull(base, token, kinds);
  const ms = [];
  for (let i = 0; i < ROUNDS; i++) ms.push((await fullPull(base, token, kinds)).ms);
  return { ...first, ms: median(ms) };
}

/** A page's HTML over HTTP with the session cookie: median time, bytes raw and gzip. */
async function measurePage(base, cookie, path) {
  const get = async () => {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, {
      headers: { cookie },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return { ms: performance.now() - t, body };
  };
  const { body } = await get();
  if (!/<main\b/.test(body.toString("utf8"))) throw new Error(`${path}: no <main> (signed out?)`);
  const ms = [];
  for (let i = 0; i < ROUNDS; i++) ms.push((await get()).ms);
  return { path, ms: median(ms), raw: body.length, gzip: gzipSync(body).length };
}

/** Waits in the page for its first contentful paint; answers it with the bytes transferred. */
function paintInPage() {
  return new Promise((resolve) => {
    const answer = () => {
      const fcp = performance.getEntriesByName("first-contentful-paint", "paint")[0]?.startTime;
      if (fcp === undefined) return false;
      const entries = [
        ...performance.getEntriesByType("navigation"),
        ...performance.getEntriesByType("resource"),
      ];
      const bytes = entries.reduce((n, e) => n + (e.transferSize ?? 0), 0);
      resolve({ fcp, bytes, files: entries.length });
      return true;
    };
    if (answer()) return;
    new PerformanceObserver(answer).observe({ type: "paint", buffered: true });
    setTimeout(() => resolve({ fcp: null, bytes: 0, files: 0 }), 10_000);
  });
}

/**
 * First contentful paint of `url` in a new page with the HTTP cache disabled (cold cache, no
 * service worker): one warm-up, then the median of ROUNDS loads. With `from`, the tab opens that
 * page first and then navigates to `url`, as a click on the tab bar does.
 */
async function measurePaint(context, url, from) {
  const once = async () => {
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      if (from) await page.goto(from, { waitUntil: "load", timeout: 30_000 });
      const res = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      if (res && res.status() !== 200) throw new Error(`${url} in Chromium: HTTP ${res.status()}`);
      const r = await page.evaluate(paintInPage);
      if (r.fcp === null) throw new Error(`${url}: Chromium reported no first contentful paint`);
      return r;
    } finally {
      await page.close();
    }
  };
  const first = await once();
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await once());
  return { fcp: median(runs.map((r) => r.fcp)), bytes: first.bytes, files: first.files };
}

/**
 * The floor page served on loopback with the response headers the app's pages carry, so a new
 * tab pays what the pages' headers make it pay (a new renderer process for
 * Cross-Origin-Opener-Policy) and nothing for the app itself.
 */
async function headersFloor(base, cookie) {
  const res = await fetch(`${base}/`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  const skip = new Set(["content-encoding", "content-length", "transfer-encoding", "connection"]);
  const headers = Object.fromEntries([...res.headers].filter(([k]) => !skip.has(k)));
  const server = createServer((_req, out) => {
    out.writeHead(200, headers);
    out.end(FLOOR_HTML);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = trackStop(() => new Promise((resolve) => server.close(resolve)));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    coop: headers["cross-origin-opener-policy"],
    stop,
  };
}

/** One browser context per viewport, signed in with the account's session cookie. */
async function signedInContext(browser, base, cookie, viewport) {
  const [name, value] = cookie.split("=");
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  await context.addCookies([{ name, value, url: base }]);
  // The browser's first page pays for starting its renderer (about a second here): not ours.
  await measurePaint(context, FLOOR_URL);
  return context;
}

async function main() {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build-web.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (build.status !== 0) throw new Error(`build:web failed\n${build.stderr}${build.stdout}`);
  log("web bundles built; starting the Worker (wrangler.toml) on a freshly migrated local D1…");
  const worker = await serviceWorker("first-sync");
  const results = { rounds: ROUNDS };
  try {
    const watch = await account(worker.base, "year");
    const start = yearStart();
    const plans = await buildPlans(watch, start);
    const { mutations, counts } = runnerYear(plans, start);
    log(
      `a year: ${counts.sessions} sessions, ${fmtInt(counts.sets)} sets, ${counts.runs} runs, ` +
        `${counts.assessments} assessments, ${counts.plans} plans (${fmtInt(mutations.length)} mutations)`,
    );
    const t = performance.now();
    for (let i = 0; i < mutations.length; i += PUSH_SIZE)
      await watch.push(mutations.slice(i, i + PUSH_SIZE));
    results.year = { counts, mutations: mutations.length, seedMs: performance.now() - t };
    log(`pushed in ${fmtMs(results.year.seedMs)}`);

    // A new device of the same account, paired through the real flow.
    const phone = await watch.api.pairDevice(watch.cookie, "new phone", "cli");
    results.full = await measurePull(worker.base, phone, undefined);
    for (const kind of ["plans", "sessions", "sets", "runs", "assessments"]) {
      if (results.full.received[kind] !== counts[kind])
        throw new Error(
          `full pull: ${results.full.received[kind]} ${kind}, ${counts[kind]} pushed`,
        );
    }
    log(
      `full pull: ${results.full.pages} pages, ${fmtMs(results.full.ms)}, ` +
        `${fmtKB(results.full.raw)} raw, ${fmtKB(results.full.gzip)} gzip`,
    );
    results.plansOnly = await measurePull(worker.base, phone, "plans,settings");
    log(
      `plans and settings: ${fmtMs(results.plansOnly.ms)}, ${fmtKB(results.plansOnly.gzip)} gzip`,
    );

    results.pages = [];
    for (const path of PAGES)
      results.pages.push(await measurePage(worker.base, watch.cookie, path));
    for (const p of results.pages)
      log(`${p.path}: ${fmtMs(p.ms)}, ${fmtKB(p.raw)} HTML, ${fmtKB(p.gzip)} gzip`);

    const browser = await launchBrowser();
    const closeBrowser = trackStop(() => browser.close());
    const floor = await headersFloor(worker.base, watch.cookie);
    try {
      results.chromium = browser.version();
      results.floorCoop = floor.coop ?? "none";
      for (const [key, viewport] of Object.entries(VIEWPORTS)) {
        const context = await signedInContext(browser, worker.base, watch.cookie, viewport);
        results.floor ??= {};
        results.floor[key] = (await measurePaint(context, FLOOR_URL)).fcp;
        results.headersFloor ??= {};
        results.headersFloor[key] = (await measurePaint(context, floor.url)).fcp;
        for (const p of results.pages) {
          p[key] = await measurePaint(context, `${worker.base}${p.path}`);
          p.inApp ??= {};
          p.inApp[key] = (
            await measurePaint(context, `${worker.base}${p.path}`, `${worker.base}${FROM_PATH}`)
          ).fcp;
        }
        await context.close();
      }
      for (const p of results.pages)
        log(
          `${p.path}: first contentful paint ${fmtMs(p.phone.fcp)} / ${fmtMs(p.desktop.fcp)} ` +
            `(new tab), ${fmtMs(p.inApp.phone)} / ${fmtMs(p.inApp.desktop)} (in-app)`,
        );
      log(`floor: ${fmtMs(results.floor.phone)} / ${fmtMs(results.floor.desktop)}`);
      log(
        `floor with the pages' headers: ${fmtMs(results.headersFloor.phone)} / ${fmtMs(results.headersFloor.desktop)}`,
      );
    } finally {
      await floor.stop();
      await closeBrowser();
    }
  } finally {
    await worker.stop();
    await stopAll();
  }
  const m = machine({ wrangler: require("wrangler/package.json").version });
  const t = firstSyncTable(results);
  printTable(t);
  if (QUICK) log("--quick: docs/benchmarks.md left alone.");
  else
    log(
      `wrote ${writeDocSection("## First sync and the web view", firstSyncMarkdown(results, m, t))}`,
    );
  disarm();
}

main().catch(async (err) => {
  console.error(`bench:first-sync failed: ${err.stack ?? err}`);
  await stopAll();
  process.exitCode = 1;
});

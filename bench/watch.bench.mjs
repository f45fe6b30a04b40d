// `npm run bench:watch`: budgets of the Zepp watch app, measured, not a test.
//   1. Compiled device code: builds the app (`scripts/build-watch.mjs zepp`) and reads what it
//      produced: app.js and each page per screen target, the phone side, and the QuickJS bytecode
//      in the .zab; app.js is split by origin (ZML's runtime, the core with the shared engine,
//      the Zepp shell) with an esbuild metafile made with the build's own options; and the
//      peak JS heap of each target's app.js and pages running a whole session in QuickJS (the
//      build's own smoke run, watch-app/zepp/tools/quickjsSmoke.mjs); the same for the Fitbit
//      device JS as the .fba ships it (`scripts/build-watch.mjs fitbit`, then the build's QuickJS
//      run, watch-app/fitbit/tools/quickjs/quickjsSmoke.mjs).
//   2. Bytes per set on the watch → phone link: every built-in routine run through the real
//      SessionDriver (engine, journal, outbox) on a fake clock; its outbox encoded as the link's
//      push messages (core codec, split at the 3,000-byte message budget) versus the JSON push
//      body the phone sends the server for the same mutations (the baseline).
//   3. Tap → screen update in the simulator: Chromium runs the real Zepp pages (watch-app/sim);
//      N taps on the rep counter, each timed from the click event to the DOM text change, versus
//      a bare DOM click handler in the same page (the baseline).
// Prints a table and the ratios and writes the `## Watch app` section of docs/benchmarks.md.
// Loopback only, bounded (about a minute). `--no-build` reuses the last build; `--quick` runs
// fewer taps and leaves docs/benchmarks.md alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { watchBundleOptions } from "../scripts/watchBundleOptions.mjs";
import { readZipArchive } from "../scripts/zipArchive.mjs";
import {
  FITBIT_JS_HEAP_LIMIT_BYTES,
  FITBIT_REPORTED_JS_TOTAL_BYTES,
  smokeRunFitbitPackage,
} from "../watch-app/fitbit/tools/quickjs/quickjsSmoke.mjs";
import {
  smokeRunZeppProject,
  ZEPP_JS_HEAP_LIMIT_BYTES,
} from "../watch-app/zepp/tools/quickjsSmoke.mjs";
import { machine, markdownTables, printTable, writeDocSection } from "./benchmarkReport.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const QUICK = process.argv.includes("--quick");
const NO_BUILD = process.argv.includes("--no-build");
const TAPS = QUICK ? 60 : 300;
const WARMUP_TAPS = 20;
const TARGETS = ["r480", "r466", "s390"];
const PAGES = ["home", "session", "pairing"];
/** The build's device JS budget (ZEPP_DEVICE_JS_BUDGET in scripts/watchBuild/sizes.mjs, which
 * enforces it), for the ratio only. */
const BUDGET = 80 * 1024;

const started = performance.now();
const log = (...args) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s]`, ...args);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => quantile(xs, 0.5);

function quantile(values, q) {
  const xs = [...values].sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const at = (xs.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return xs[lo] + (xs[hi] - xs[lo]) * (at - lo);
}

// ---------------------------------------------------------------------------------------------
// 1. Compiled device code

function readZip(buffer) {
  return readZipArchive(buffer, "package");
}

/** QuickJS bytecode per target, from the .zab the build wrote. */
function bytecodeSizes(zabFile) {
  const zab = readZip(readFileSync(zabFile));
  const manifest = JSON.parse(zab.read("manifest.json").toString("utf8"));
  const out = {};
  for (const entry of manifest.zpks) {
    const device = readZip(readZip(zab.read(entry.name)).read("device.zip"));
    const target = device.names.find((n) => /^page\/[^/]+\/.+\.bin$/.test(n))?.split("/")[1];
    const bins = Object.fromEntries(
      device.names.filter((n) => n.endsWith(".bin")).map((n) => [n, device.size(n)]),
    );
    out[target] = bins;
  }
  return out;
}

/** app.js split by origin, bundled with the build's own options (minified ES2015). */
async function appOrigins() {
  const result = await esbuild.build({
    ...watchBundleOptions(ROOT),
    entryPoints: [path.join(ROOT, "watch-app/zepp/app.ts")],
    external: ["@zos/*"],
    define: { RS_SIM: "false" },
    write: false,
  });
  const origins = { zml: 0, core: 0, shell: 0, other: 0 };
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, part] of Object.entries(output.inputs)) {
      const key = /node_modules\/@zeppos\/zml\//.test(input)
        ? "zml"
        : /^(watch-app\/core|shared)\//.test(input)
          ? "core"
          : /^watch-app\/zepp\//.test(input)
            ? "shell"
            : "other";
      origins[key] += part.bytesInOutput;
    }
  }
  return origins;
}

async function measureDeviceCode() {
  if (!NO_BUILD) {
    log("building the Zepp app (scripts/build-watch.mjs zepp)…");
    const build = spawnSync(
      process.execPath,
      [path.join(ROOT, "scripts/build-watch.mjs"), "zepp"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    if (build.status !== 0)
      throw new Error(`the Zepp build failed:\n${build.stdout}${build.stderr}`);
  }
  const project = path.join(ROOT, "watch-app/zepp/build/project");
  const zab = path.join(ROOT, "watch-app/dist/runstrong.zab");
  if (!existsSync(path.join(project, "app.js")) || !existsSync(zab)) {
    throw new Error("no Zepp build output: run without --no-build");
  }
  const size = (f) => statSync(path.join(project, f)).size;
  // The App Services count toward the budget as the build's gate counts them.
  const serviceDir = path.join(project, "app-service");
  const services = existsSync(serviceDir)
    ? readdirSync(serviceDir)
        .filter((f) => f.endsWith(".js"))
        .reduce((sum, f) => sum + size(`app-service/${f}`), 0)
    : 0;
  const bytecode = bytecodeSizes(zab);
  const targets = {};
  for (const target of TARGETS) {
    const pages = Object.fromEntries(PAGES.map((p) => [p, size(`page/${target}/${p}.js`)]));
    const js = size("app.js") + services + Object.values(pages).reduce((a, b) => a + b, 0);
    const bins = bytecode[target] ?? {};
    targets[target] = {
      pages,
      services,
      js,
      bytecode: Object.values(bins).reduce((a, b) => a + b, 0),
      pageBytecode: Object.fromEntries(PAGES.map((p) => [p, bins[`page/${target}/${p}.bin`] ?? 0])),
      heapPeak: (await smokeRunZeppProject({ project, target, root: ROOT })).peakBytes,
    };
  }
  return {
    app: size("app.js"),
    appBytecode: bytecode.r480?.["app.bin"] ?? 0,
    targets,
    origins: await appOrigins(),
    phone: size("app-side/index.js"),
    settings: size("setting/index.js"),
  };
}

/** The Fitbit device JS's heap in QuickJS, from the .fba the Fitbit build writes. */
async function measureFitbitHeap() {
  if (!NO_BUILD) {
    log("building the Fitbit app (scripts/build-watch.mjs fitbit)…");
    const build = spawnSync(
      process.execPath,
      [path.join(ROOT, "scripts/build-watch.mjs"), "fitbit"],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (build.status !== 0)
      throw new Error(`the Fitbit build failed:\n${build.stdout}${build.stderr}`);
  }
  const fba = path.join(ROOT, "watch-app/dist/runstrong.fba");
  if (!existsSync(fba)) throw new Error("no Fitbit build output: run without --no-build");
  return smokeRunFitbitPackage({ fba, root: ROOT });
}

// ---------------------------------------------------------------------------------------------
// 2. Bytes per set on the watch → phone link

/** Runs every built-in routine through SessionDriver; returns per-routine link and JSON bytes. */
const LINK_ENTRY = `
import { BUILTIN_CUES, BUILTIN_ROUTINES } from "../watch-app/core/watch/builtinRoutines.ts";
import { SessionDriver } from "../shared/src/sessionDriver/index.ts";
import { WatchSync } from "../watch-app/core/watch/watchSync.ts";
import { decodeWatchRequest, encodePhoneReply, encodeWatchRequest } from "../watch-app/core/link/watchLink.ts";
import { decodeBatch, encodeBatch } from "../watch-app/core/link/mutationBatch.ts";

const utf8 = (s) => new TextEncoder().encode(s).length;

/** A phone that takes every hand-off; records each hand-off message the watch sends. */
function recordingPhone(messages) {
  return {
    async request(message) {
      const req = decodeWatchRequest(message);
      if (req.type !== "hand_off") throw new Error("only hand-offs in this bench");
      if (req.items.length > 0) messages.push(message);
      const upTo = req.items[req.items.length - 1]?.seq ?? 0;
      return encodePhoneReply({ type: "taken", upTo, waitingItems: 0, waitingSets: 0, refused: [] });
    },
  };
}

export async function run() {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const results = [];
  let now = Date.UTC(2026, 10, 16, 7, 0, 0);
  for (const routine of BUILTIN_ROUTINES) {
    const data = new Map();
    const store = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => data.set(k, v),
      removeItem: (k) => data.delete(k),
    };
    const clock = { now: () => now, utcOffsetMinutes: () => 60 };
    const messages = [];
    const sync = new WatchSync({ link: recordingPhone(messages), store, clock, random });
    const session = SessionDriver.resume({
      store, clock, random,
      queue: sync.queue,
      canStartSession: () => sync.canStartSession(),
      haptics: { buzz() {} },
      screen: { keep() {} },
    });
    const cues = {};
    for (const item of routine.items) if (BUILTIN_CUES[item.exercise_id]) cues[item.exercise_id] = BUILTIN_CUES[item.exercise_id];
    const started = session.start({ name: routine.name, items: routine.items, cues, source: "routine:" + routine.id });
    if (!started.ok) throw new Error(started.message);
    for (let guard = 0; guard < 5000; guard++) {
      const view = session.view();
      const state = session.engineState;
      if (view === null || state === null || view.screen === "summary") break;
      const item = state.items[state.itemIndex];
      if (view.screen === "reps") {
        const target = item.target_reps ?? 15;
        const reps = Math.max(1, target - Math.floor(random() * 3));
        for (let i = 0; i < reps; i++) { now += 1800; session.dispatch("rep_tap"); }
        now += 1200;
        session.dispatch("set_done");
      } else if (view.screen === "intro") {
        now += 4000;
        session.dispatch("hold_start");
      } else if (view.screen === "hold") {
        now += (item.target_hold_s ?? 40) * 1000 + 250;
        if (item.target_hold_s === undefined) session.dispatch("hold_complete");
        else session.tick();
      } else if (view.screen === "rest") {
        now += (state.timer?.durationMs ?? 0) + 250;
        session.tick();
      } else if (view.screen === "switch_side") {
        now += 5000;
        session.dispatch("switch_side");
      } else {
        session.dispatch("resume");
      }
    }
    await session.settled();
    const items = decodeBatch(sync.queue.batch());
    const sets = items.filter((i) => i.mutation.op === "set.log").length;
    // The hand-offs the watch sends over the link (chunks within the link's budget).
    await sync.pushAll();
    const link = messages.reduce((n, m) => n + utf8(m), 0);
    const json = utf8(JSON.stringify({ schema: 1, mutations: items.map((i) => ({ seq: i.seq, op: i.mutation.op, args: i.mutation.args })) }));
    // One set.log alone, as a push of its own (the worst case for the session tables).
    const one = items.find((i) => i.mutation.op === "set.log");
    const oneLink = utf8(encodeWatchRequest({ type: "hand_off", stream: "wbench", batch: encodeBatch([one]) }));
    const oneJson = utf8(JSON.stringify({ schema: 1, mutations: [{ seq: one.seq, op: one.mutation.op, args: one.mutation.args }] }));
    results.push({ routine: routine.id, mutations: items.length, sets, link, json, messages: messages.length, oneLink, oneJson });
    now += 86_400_000;
  }
  return results;
}
`;

async function measureLink() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runstrong-watch-bench-"));
  try {
    const out = path.join(dir, "link.mjs");
    await esbuild.build({
      stdin: { contents: LINK_ENTRY, resolveDir: path.join(ROOT, "bench"), loader: "js" },
      absWorkingDir: ROOT,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node22",
      outfile: out,
      logLevel: "warning",
    });
    const { run } = await import(pathToFileURL(out).href);
    const routines = await run();
    const sum = (k) => routines.reduce((a, r) => a + r[k], 0);
    return {
      routines,
      sets: sum("sets"),
      mutations: sum("mutations"),
      link: sum("link"),
      json: sum("json"),
      messages: sum("messages"),
      oneLink: routines[0].oneLink,
      oneJson: routines[0].oneJson,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Tap → screen update in the simulator

/** Runs in the page: times N synthetic clicks on `el`, each to its first DOM change. */
async function timeTaps({ selector, n }) {
  const el = document.querySelector(selector);
  if (el === null) throw new Error(`no ${selector}`);
  const times = [];
  for (let i = 0; i < n; i++) {
    let t0 = 0;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now() - t0);
      });
      observer.observe(el, { childList: true, characterData: true, subtree: true });
    });
    t0 = performance.now();
    el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    times.push(await changed);
    await new Promise((r) => setTimeout(r, 4));
  }
  return times;
}

async function measureTaps() {
  const { startSimServer } = await import(
    pathToFileURL(path.join(ROOT, "watch-app/sim/server.mjs")).href
  );
  const { chromium } = require("playwright-core");
  const sim = await startSimServer({ server: "http://127.0.0.1:9" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${sim.url}/?watch=bench-${Date.now().toString(36)}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    // The phone is away: no background traffic while timing.
    await page.check('[data-testid="phone-away"]');
    await page.click('[data-testid="action-start-routine:bare-minimum"]');
    await page.waitForSelector('[data-testid="big"]:has-text("0")');
    await page.evaluate(timeTaps, { selector: '[data-testid="big"]', n: WARMUP_TAPS });
    const sim1 = await page.evaluate(timeTaps, { selector: '[data-testid="big"]', n: TAPS });
    const count = Number(await page.textContent('[data-testid="big"]'));
    if (count !== WARMUP_TAPS + TAPS) throw new Error(`the counter shows ${count} after the taps`);
    // Baseline: a bare click handler writing a counter into a DOM node of the same page.
    await page.evaluate(() => {
      const b = document.createElement("div");
      b.id = "bench-baseline";
      b.textContent = "0";
      let n = 0;
      b.addEventListener("click", () => {
        n++;
        b.textContent = String(n);
      });
      document.body.appendChild(b);
    });
    await page.evaluate(timeTaps, { selector: "#bench-baseline", n: WARMUP_TAPS });
    const base = await page.evaluate(timeTaps, { selector: "#bench-baseline", n: TAPS });
    return {
      chromium: browser.version(),
      sim: { median: median(sim1), p95: quantile(sim1, 0.95) },
      base: { median: median(base), p95: quantile(base, 0.95) },
    };
  } finally {
    await browser.close();
    await sim.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function watchMachine() {
  return machine({
    esbuild: require("esbuild/package.json").version,
    zeus: require("@zeppos/zeus-cli/package.json").version,
    // ZML's package `exports` hide its package.json from require().
    zml: JSON.parse(readFileSync(path.join(ROOT, "node_modules/@zeppos/zml/package.json"), "utf8"))
      .version,
  });
}

const ms = (x) => `${x.toFixed(3)} ms`;

function tables(code, link, taps) {
  const r480 = code.targets.r480;
  const rows = [];
  for (const target of TARGETS) {
    const t = code.targets[target];
    rows.push([
      `Device JS, ${target}: app.js + ${PAGES.map((p) => `${p} ${kb(t.pages[p])}`).join(" + ")} + app-service ${kb(t.services)}`,
      kb(t.js),
      `QuickJS bytecode ${kb(t.bytecode)}`,
    ]);
  }
  for (const target of TARGETS) {
    rows.push([
      `Peak JS heap in QuickJS, ${target}: a whole session (smoke run)`,
      kb(code.targets[target].heapPeak),
      `limit ${kb(ZEPP_JS_HEAP_LIMIT_BYTES)}`,
    ]);
  }
  rows.push([
    "Peak JS heap in QuickJS, Fitbit device JS (atlas, same file as vulcan): a whole session",
    kb(code.fitbit.peakBytes),
    `limit ${kb(FITBIT_JS_HEAP_LIMIT_BYTES)}; ${kb(code.fitbit.loadedBytes)} on home, ${kb(code.fitbit.baselineBytes)} before the app loads; the watch reports ${kb(FITBIT_REPORTED_JS_TOTAL_BYTES)} (JerryScript)`,
  ]);
  rows.push(
    [
      "app.js by origin: ZML runtime / core + shared engine / Zepp shell",
      kb(code.app),
      `${kb(code.origins.zml)} / ${kb(code.origins.core)} / ${kb(code.origins.shell)}`,
    ],
    [
      "Phone side (app-side/index.js, settings)",
      kb(code.phone),
      `settings app ${kb(code.settings)}`,
    ],
    [
      `Link: ${link.routines.length} built-in routines, ${link.sets} sets (${link.mutations} mutations), core codec`,
      `${(link.link / link.sets).toFixed(1)} B/set`,
      `${link.link} B in ${link.messages} messages ≤ 3,000 B`,
    ],
    [
      "Baseline: the same mutations as the JSON push body",
      `${(link.json / link.sets).toFixed(1)} B/set`,
      `${link.json} B`,
    ],
    [
      "One set.log pushed alone: core codec vs JSON body",
      `${link.oneLink} B`,
      `JSON ${link.oneJson} B`,
    ],
    [
      `Tap → DOM update in the simulator, rep counter (${TAPS} taps)`,
      ms(taps.sim.median),
      `p95 ${ms(taps.sim.p95)}`,
    ],
    [
      "Baseline: a bare DOM click handler in the same page",
      ms(taps.base.median),
      `p95 ${ms(taps.base.p95)}`,
    ],
  );
  const ratios = [
    ["Device JS r480 (ZML included) ÷ the 80 KB budget", (r480.js / BUDGET).toFixed(2)],
    ["Peak JS heap r480 ÷ the heap limit", (r480.heapPeak / ZEPP_JS_HEAP_LIMIT_BYTES).toFixed(2)],
    [
      "Peak JS heap Fitbit ÷ its heap limit",
      (code.fitbit.peakBytes / FITBIT_JS_HEAP_LIMIT_BYTES).toFixed(2),
    ],
    ["JSON push body ÷ core codec, bytes per set", `${(link.json / link.link).toFixed(1)}×`],
    [
      "Tap → update, simulator ÷ bare handler (median)",
      `${(taps.sim.median / taps.base.median).toFixed(0)}×`,
    ],
    [
      "Tap → update, simulator ÷ bare handler (p95)",
      `${(taps.sim.p95 / taps.base.p95).toFixed(0)}×`,
    ],
  ];
  return { rows, ratios };
}

function markdown(m, taps, { rows, ratios }) {
  const date = new Date().toISOString().slice(0, 10);
  return [
    "## Watch app",
    "",
    `Measured ${date} by \`npm run bench:watch\` (bench/watch.bench.mjs) on ${m.cores} cores (${m.cpu}),`,
    `${m.memGiB} GiB, ${m.os}, Node ${m.node}, esbuild ${m.esbuild}, zeus-cli ${m.zeus}, ZML ${m.zml},`,
    `Chromium ${taps.chromium}. Shared cores: the tap timings vary by ±30% between runs; the ratios`,
    "come from the same run.",
    "",
    "Method. Device code: `scripts/build-watch.mjs zepp` builds the app; sizes are the minified",
    "ES2015 files handed to zeus (app.js is shared by the three screen targets, each page is per",
    "target, plus the rest-end App Service, as the build's gate counts them) after the build's",
    "terser pass, and the QuickJS bytecode (.bin) in the .zab; app.js is split by origin from an",
    "esbuild metafile made with the build's options (before the terser pass, so the parts add up",
    "to a little more). Link: each built-in routine runs through the real SessionDriver (engine,",
    "journal, hand-off queue) on a fake clock; its queue is encoded as the link's hand-off",
    "messages with the core codec (split at the 3,000-byte budget per message) and,",
    "as the baseline, as the JSON body the phone POSTs to /sync/push for the same mutations. Tap:",
    "the simulator (watch-app/sim) runs the real Zepp pages and app in Chromium with the phone",
    "away; synthetic clicks on the rep counter are timed from dispatch to the DOM text change",
    "(MutationObserver), each including the core's dispatch, the session write to storage and the",
    "render; the baseline is a bare click handler setting a counter's text in the same page.",
    "Heap: the build's smoke run (watch-app/zepp/tools/quickjsSmoke.mjs) runs each target's",
    "app.js and pages in QuickJS (quickjs-emscripten) with the phone away through the Bare",
    'minimum routine; the peak is QuickJS\'s own count of live heap bytes ("memory used"),',
    "read every few thousand operations and after every step, parsing app.js included.",
    "Desktop Chromium is far faster than a watch: read the ratio, not the milliseconds.",
    "Fitbit heap: `scripts/build-watch.mjs fitbit` builds the .fba and its QuickJS run",
    "(watch-app/fitbit/tools/quickjs/quickjsSmoke.mjs) executes the shipped ES5 device JS,",
    "stripped to ES5.1, against stand-ins of the Fitbit device modules with the phone away",
    "through the Bare minimum routine, measured as above. Fitbit OS runs JerryScript, whose heap",
    "the watch reports as 64 KB for code and data: the QuickJS figure estimates the same",
    "program's live data in another engine (its built-ins alone take 52 KB there) and is held",
    "to a budget of ours, not to the watch's number.",
    "",
    ...markdownTables({ rows, ratios }),
    "",
    "The build fails when a watch's device JS (ZML included) exceeds 80 KB or the smoke run's",
    'heap exceeds its limit (see watch-app/README.md, "Size", for both figures).',
    "",
  ].join("\n");
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error("bench:watch took over 5 minutes; stopping.");
    process.exit(1);
  }, 300_000);
  watchdog.unref();
  const code = await measureDeviceCode();
  log(`device code measured (r480: ${kb(code.targets.r480.js)})`);
  code.fitbit = await measureFitbitHeap();
  log(`Fitbit heap measured (peak ${kb(code.fitbit.peakBytes)})`);
  const link = await measureLink();
  log(`link measured (${link.sets} sets)`);
  const taps = await measureTaps();
  log(`taps measured (median ${ms(taps.sim.median)})`);
  const t = tables(code, link, taps);
  printTable(t);
  if (QUICK) log("--quick: docs/benchmarks.md left alone.");
  else log(`wrote ${writeDocSection("## Watch app", markdown(watchMachine(), taps, t))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

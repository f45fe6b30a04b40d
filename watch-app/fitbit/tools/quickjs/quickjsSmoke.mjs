// Heap-limited smoke run of the Fitbit device JS as shipped: app/index.js from the .fba's device
// zip (the SDK's ES5 output) executed in QuickJS (quickjs-emscripten, through the Zepp run's
// watch-app/zepp/tools/quickjsVm.mjs) under a JS heap limit, against the stand-ins of
// fitbitStandIns.mjs, stripped to ES5.1 like the Node vm run, with the phone away. A scripted user
// starts the first routine on home and runs it to the summary: rep taps, holds and rests that
// run out on the clock and must end with a buzz, side switches. Then the queue the app left in
// its files is read with the core's own reader and checked set by set.
// Fitbit OS runs JerryScript, not QuickJS: the peak is this program's live heap in another
// engine, an estimate of its size, not the watch's own figure (see watch-app/README.md, "Size").
// Run by scripts/watchBuild/fitbitBuild.mjs after the Node vm smoke run (a failure fails the
// build) and by bench/watch.bench.mjs for the peak it records.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { readZipArchive } from "../../../../scripts/zipArchive.mjs";
import { openWatchVm, SmokeError } from "../../../zepp/tools/quickjsVm.mjs";
import { checkSessionOutbox } from "../../../zepp/tools/sessionOutboxCheck.mjs";
import { STRIP_TO_ES5 } from "../smoke/sandbox.mjs";
import { installFitbitStandIns } from "./fitbitStandIns.mjs";
import { viewTree } from "./viewTree.mjs";

export { SmokeError };

/**
 * The gate on the peak live heap in QuickJS. Fitbit OS tells an app its JerryScript heap at run
 * time (`memory.js.total`, "system" module) and publishes no figure; developers report 64 KB for
 * code and heap together (gaperton/ionic-views' optimization guidelines, on the Ionic; 65,528
 * bytes logged on a Versa, derekwilson.net 2020); none was found for Versa 3 or Sense. This
 * program's QuickJS heap is far above that, and not comparable: QuickJS's objects, atoms and
 * bytecode with debug info are larger, and its built-ins take 52 KB before any code (JerryScript
 * makes each on first use from tables in ROM). So 768 KiB is a budget of ours, about a quarter
 * above the 611 KB peak measured when it was set: growth fails the build. The watch's own
 * `memory.js.peak` is the real figure. See watch-app/README.md ("Size").
 */
export const FITBIT_JS_HEAP_LIMIT_BYTES = 768 * 1024;
/** The native stack the interpreter may use (as the Zepp run). */
export const FITBIT_JS_STACK_BYTES = 64 * 1024;
/** The heap Fitbit OS reports to an app as memory.js.total (65,528 bytes), for the comparison. */
export const FITBIT_REPORTED_JS_TOTAL_BYTES = 65_528;
const ROUTINE = "Bare minimum";
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function check(condition, message) {
  if (!condition) throw new SmokeError(message);
}

/**
 * Runs the scenario on the shipped device JS and its index.view.
 * @param {{ deviceJs: string, viewXml: string,
 *   readQueue: (text: string) => { op: string, args: Record<string, unknown> }[] | null,
 *   outboxFile: string, heapLimitBytes?: number, stackBytes?: number }} input
 */
export async function smokeRunFitbitQuickjs({
  deviceJs,
  viewXml,
  readQueue,
  outboxFile,
  heapLimitBytes = FITBIT_JS_HEAP_LIMIT_BYTES,
  stackBytes = FITBIT_JS_STACK_BYTES,
}) {
  const passed = [];
  const view = viewTree(viewXml);
  /** The app's private files: on flash, outside the JS heap. */
  const files = new Map();
  const buzzes = [];
  let watch = null;
  const host = {
    __domHas: (id) => view.has(id),
    __domGet: (id, prop) => view.get(id, prop),
    __domSet: (id, prop, value) => view.set(id, prop, value),
    __fsExists: (name) => files.has(name),
    __fsRead: (name) => files.get(name) ?? null,
    __fsWrite: (name, data) => {
      files.set(name, data);
    },
    __fsRename(from, to) {
      if (!files.has(from)) return false;
      files.set(to, files.get(from));
      return files.delete(from);
    },
    __fsUnlink: (name) => files.delete(name),
    __note(kind, value, at) {
      if (kind === "buzz") buzzes.push({ at, pattern: value });
    },
    __heapUsed: () => (watch === null ? 0 : watch.used()),
  };
  watch = await openWatchVm({
    heapLimitBytes,
    stackBytes,
    install: installFitbitStandIns,
    host,
    standIns: {
      // A Monday morning.
      now: Date.UTC(2025, 0, 6, 7, 0, 0),
      heapLimitBytes,
      modelName: "Versa 3",
      modelId: "36",
      screen: { width: 336, height: 336 },
    },
  });
  try {
    watch.run(STRIP_TO_ES5, "the ES5.1 strip");
    const baselineBytes = watch.used();

    /** Runs the timers due in the next `ms` one at a time, each followed by its promise jobs. */
    const advance = (ms, what) => {
      const end = watch.call("__smoke.now()") + ms;
      for (let fired = 0; JSON.parse(watch.run(`__smoke.step(${end})`, what)); fired++) {
        check(fired < 100_000, `${what}: timers kept firing`);
      }
      watch.call(`__smoke.setNow(${end})`);
    };
    const tap = (id) => {
      check(view.visible(`${id}-hit`), `#${id} is not on screen to tap (${view.screen()})`);
      check(JSON.parse(watch.run(`__smoke.tap("${id}-hit")`, `tap #${id}`)), `#${id} has no tap`);
    };
    const state = () => JSON.parse(watch.call("__smoke.state()"));

    watch.run(
      `(function (require, module, exports) {\n${deviceJs}\n})(__smoke.require, __smoke.module, __smoke.module.exports);`,
      "app/index.js",
    );
    advance(1000, "home");
    const loadedBytes = watch.used();
    check(view.screen() === "home", `the app opens on ${view.screen()}, not home`);
    const card = view.text("home-card-label");
    check(card === ROUTINE, `home shows "${card}" first, not "${ROUTINE}"`);
    passed.push(`app/index.js loads in QuickJS stripped to ES5.1 and opens home (phone away)`);

    tap("home-card");
    const kept = state();
    check(
      kept.autoOff === false && kept.appTimeoutEnabled === false,
      `a session does not keep the screen on (${JSON.stringify(kept)})`,
    );
    const expected = runSession({ view, tap, advance, buzzes });
    passed.push(
      `${ROUTINE} run to the summary: ${expected.sets.length} sets, ${expected.holds} holds and ${expected.rests} rests ending with a buzz, ${expected.switches} side switches`,
    );
    check(/^\d+ sets?$/.test(view.text("summary-sets")), "the summary does not count the sets");
    tap("summary-close");
    advance(1000, "home after the session");
    check(view.screen() === "home", "closing the summary does not lead home");
    check(state().autoOff === true, "the screen may not turn off again after the session");

    // The stand-in's sensor reads 100–139 bpm, once a second.
    const where = `the watch's files (${outboxFile})`;
    checkSessionOutbox({ text: files.get(outboxFile), where, readQueue, expected, maxBpm: 139 });
    passed.push(
      `outbox file holds session.start, ${expected.sets.length} set.log (reps, holds, sides and heart rate as done) and session.finish`,
    );
    const peakBytes = watch.peak();
    check(peakBytes <= heapLimitBytes, `peak heap ${kb(peakBytes)} over ${kb(heapLimitBytes)}`);
    passed.push(
      `peak JS heap in QuickJS ${kb(peakBytes)} of the ${kb(heapLimitBytes)} limit (${kb(baselineBytes)} before the app loaded, ${kb(loadedBytes)} on home)`,
    );
    return { passed, peakBytes, baselineBytes, loadedBytes, heapLimitBytes, stackBytes };
  } finally {
    watch.dispose();
  }
}

/** Drives the session to its summary; returns what the sets should record. */
function runSession({ view, tap, advance, buzzes }) {
  const sets = [];
  const counts = { holds: 0, rests: 0, switches: 0 };
  for (let step = 0; step < 200; step++) {
    const group = view.screen();
    if (group === "summary") return { sets, ...counts };
    if (group === "intro") tap("intro-start");
    else if (group === "switch") {
      counts.switches++;
      tap("switch-confirm");
    } else if (group === "rest") {
      waitForBuzz("rest", { view, advance, buzzes });
      counts.rests++;
    } else if (group === "hold") {
      const ms = waitForBuzz("hold", { view, advance, buzzes });
      sets.push({ hold_s: Math.round(ms / 1000) });
      counts.holds++;
    } else if (group === "reps") {
      check(view.text("reps-count") === "0", `a reps set opens at ${view.text("reps-count")}`);
      // A different count each set, so a mix-up between sets shows.
      const reps = 3 + (sets.length % 4);
      for (let i = 0; i < reps; i++) {
        advance(1500, "between reps");
        tap("reps-tap");
      }
      check(
        view.text("reps-count") === String(reps),
        `the counter shows ${view.text("reps-count")} after ${reps} taps`,
      );
      tap("reps-done");
      sets.push({ reps });
    } else {
      throw new SmokeError(`a session screen the script does not know: ${group}`);
    }
  }
  throw new SmokeError("the session did not reach its summary in 200 steps");
}

/** Lets a hold or rest run out on the clock; checks it ends with a buzz. Returns how long. */
function waitForBuzz(group, { view, advance, buzzes }) {
  const before = buzzes.length;
  let ms = 0;
  while (view.screen() === group) {
    advance(250, `during the ${group}`);
    ms += 250;
    check(ms <= 10 * 60 * 1000, `the ${group} did not end in 10 minutes`);
  }
  const ended = buzzes.slice(before).map((b) => b.pattern);
  check(
    ["confirmation-max", "nudge-max"].includes(ended.at(-1)),
    `the ${group} ended without its buzz (buzzes: ${ended.join(", ") || "none"})`,
  );
  return ms;
}

/**
 * Runs the smoke on a built .fba (watch-app/dist/runstrong.fba): one watch's device JS and view,
 * with the core's reader of its stored queue and the Fitbit store's file name for it, both
 * bundled from the sources.
 * @param {{ fba: string | Buffer, target?: string, root?: string, heapLimitBytes?: number,
 *   stackBytes?: number }} input
 */
export async function smokeRunFitbitPackage({ fba, target = "atlas", root, ...limits }) {
  const { storedMutations, OUTBOX_KEY, fileNameFor } = await loadReaders(
    root ?? fileURLToPath(new URL("../../../..", import.meta.url)),
  );
  return smokeRunFitbitQuickjs({
    ...readShippedDevice(fba, target),
    readQueue: storedMutations,
    outboxFile: fileNameFor(OUTBOX_KEY),
    ...limits,
  });
}

/**
 * One watch's device JS and view as the .fba ships them (device-<target>.zip).
 * @param {string | Buffer} fba
 * @param {string} target
 */
export function readShippedDevice(fba, target = "atlas") {
  const fail = (message) => new SmokeError(message);
  const bytes = typeof fba === "string" ? fs.readFileSync(fba) : Buffer.from(fba);
  const packageZip = readZipArchive(bytes, "the .fba", fail);
  const name = `device-${target}.zip`;
  const device = readZipArchive(packageZip.read(name), name, fail);
  return {
    deviceJs: device.read("app/index.js").toString("utf8"),
    viewXml: device.read("resources/index.view").toString("utf8"),
  };
}

/** The core's reader of its stored queue and the watch store's file naming, built for Node. */
async function loadReaders(root) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: {
      contents: [
        'export { storedMutations, OUTBOX_KEY } from "./watch-app/core/index.ts";',
        'export { fileNameFor } from "./watch-app/fitbit/app/adapters/fileStore.ts";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

// Device smoke run of the Zepp app as shipped: the minified app.js and a target's page files, the
// exact files handed to zeus, executed in QuickJS (the engine Zepp OS runs) under a watch-sized
// heap, against the stand-ins of zosStandIns.mjs with the phone away. A scripted user starts the
// "Bare minimum" routine and runs it to the end: rep taps, timed holds that end with a buzz, rests
// that run out with a buzz, side switches, the summary. Then the mutations the app left in its
// outbox (watch storage) are read with the core's own reader and checked set by set.
// Run by scripts/build-watch.mjs after the Zepp build (a failure fails the build) and by
// bench/watch.bench.mjs for the peak heap it records.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openWatchVm, SmokeError } from "./quickjsVm.mjs";
import { checkSessionOutbox } from "./sessionOutboxCheck.mjs";

export { SmokeError };

/**
 * The JS heap a watch app may use. Zepp OS publishes no per-app figure (its docs give only the
 * API 4.0 `getPerformance('memory')` report of used and peak bytes); 1 MiB is this project's
 * deliberately tight stand-in, see watch-app/README.md ("Size") for how it was chosen.
 */
export const ZEPP_JS_HEAP_LIMIT_BYTES = 1024 * 1024;
/** The native stack the interpreter may use: twice the 32 KB the whole session runs in here. */
export const ZEPP_JS_STACK_BYTES = 64 * 1024;
const ROUTINE = "Bare minimum";
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function check(condition, message) {
  if (!condition) throw new SmokeError(message);
}

/**
 * Runs the scenario on the given bundle sources.
 * `services`: each App Service's built source by its path ("app-service/restEnd").
 * @param {{ appJs: string, pages: Record<string, string>, pageDir: string,
 *   services: Record<string, string>,
 *   readQueue: (text: string) => { op: string, args: Record<string, unknown> }[] | null,
 *   outboxKey: string, heapLimitBytes?: number, stackBytes?: number }} input
 * @returns {Promise<{ passed: string[], peakBytes: number, heapLimitBytes: number, stackBytes: number }>}
 */
export async function smokeRunZepp({
  appJs,
  pages,
  pageDir,
  services,
  readQueue,
  outboxKey,
  heapLimitBytes = ZEPP_JS_HEAP_LIMIT_BYTES,
  stackBytes = ZEPP_JS_STACK_BYTES,
}) {
  const passed = [];
  const device = { width: 480, height: 480, shape: "round", name: "Amazfit Balance" };
  const boot = (standIns) =>
    openWatchVm({ heapLimitBytes, stackBytes, standIns: { appId: 1000001, device, ...standIns } });
  /** The runtime now: a fresh one replaces it when the system ends the app. */
  let watch = await boot({ now: Date.UTC(2026, 10, 16, 7, 0, 0) });
  let earlierPeak = 0;
  try {
    const screen = () => JSON.parse(watch.call("__smoke.screen()"));
    const open = (url) => {
      const name = url.slice(url.lastIndexOf("/") + 1);
      const source = pages[name];
      check(typeof source === "string", `navigation to ${url}, which the build did not produce`);
      watch.run("__smoke.destroyPage()", `leaving for ${url}`);
      watch.run(source, `${url}.js`, `${url}.js`);
      watch.run("__smoke.takePage()", `${url} build()`);
    };
    /** Advances the clock; follows a navigation the app asks for on the way. */
    const advance = (ms, what) => {
      let left = ms;
      for (let hops = 0; hops < 10; hops++) {
        const before = watch.call("__smoke.now()");
        const done = JSON.parse(watch.run(`__smoke.advance(${left})`, what));
        left -= watch.call("__smoke.now()") - before;
        const alarm = JSON.parse(watch.call("__smoke.takeAlarm()"));
        if (alarm !== null) runService(alarm, what);
        const nav = JSON.parse(watch.call("__smoke.takeNavigation()"));
        if (nav !== null) {
          check(
            nav.mode === "replace" || nav.mode === "push",
            `${what}: the app asked to ${nav.mode}`,
          );
          open(nav.url);
        }
        if (done) return;
      }
      throw new SmokeError(`${what}: the app kept navigating`);
    };
    const tap = (kind, label) => {
      const method = kind === "button" ? "tapButton" : "tapText";
      const ok = JSON.parse(
        watch.run(`__smoke.${method}(${JSON.stringify(label)})`, `tap ${label}`),
      );
      check(ok, `no ${kind} "${label}" to tap; the screen shows ${JSON.stringify(screen())}`);
      advance(0, `after tapping ${label}`);
    };
    const buzzes = () => JSON.parse(watch.call("__smoke.buzzes()"));
    /** The system starts an App Service for an alarm: its module, then onInit(param). */
    const runService = (alarm, what) => {
      const source = services[alarm.url];
      check(typeof source === "string", `${what}: an alarm for ${alarm.url}, which was not built`);
      watch.run(source, `${alarm.url}.js`, `${alarm.url}.js#${alarm.id}`);
      watch.run(`__smoke.runService(${JSON.stringify(alarm.param ?? "")})`, `${alarm.url} onInit`);
    };
    const launch = (what) => {
      watch.run(appJs, `app.js${what}`, "app.js");
      watch.run("__smoke.startApp()", `App.onCreate${what}`);
      open(`${pageDir}/home`);
    };
    /**
     * A long rest with the screen off: the screen may sleep and the rest-end alarm is set; the
     * system ends the app (a fresh runtime with the same storage and alarms: the next process);
     * the alarm's App Service buzzes once; turning the wrist relaunches the app, which resumes
     * the same session past the rest without buzzing it again.
     */
    const sleepThroughRest = () => {
      const display = JSON.parse(watch.call("__smoke.display()"));
      check(
        display.includes("setWakeUpRelaunch(true)") && display.at(-1) === "resetPalmScreenOff",
        `a long rest did not let the screen sleep (display calls: ${display.slice(-4).join(", ")})`,
      );
      const alarms = JSON.parse(watch.call("__smoke.alarms()"));
      check(
        alarms.length === 1 && alarms[0].url === "app-service/restEnd",
        `a long rest set ${JSON.stringify(alarms)}, not one rest-end alarm`,
      );
      const storage = watch.call("__smoke.storage()");
      const now = watch.call("__smoke.now()");
      earlierPeak = Math.max(earlierPeak, watch.peak());
      watch.dispose();
      // About 10 s after the screen went off the system exits the app: a new process later.
      return boot({ now: now + 10_000, storage: JSON.parse(storage), alarms }).then((next) => {
        watch = next;
        advance(alarms[0].at - watch.call("__smoke.now()") + 500, "the rest with the app gone");
        const buzzed = buzzes();
        check(
          buzzed.length === 1 && buzzed[0].scene === "DURATION",
          `the rest-end App Service buzzed ${JSON.stringify(buzzed)}, not once`,
        );
        advance(60_000, "a minute later, the wrist turns");
        launch(" (relaunched on wrist turn)");
        advance(1000, "the relaunched session");
        const s = screen();
        check(
          !s.texts.some((t) => t.startsWith("Rest")) && s.buttons.length > 0,
          `the relaunched app did not resume past the rest: ${JSON.stringify(s)}`,
        );
        check(
          buzzes().length === 1,
          `the relaunched app buzzed the rest again: ${JSON.stringify(buzzes())}`,
        );
        passed.push(
          "a 30 s rest lets the screen sleep with a rest-end alarm; the app ended by the system, the alarm's App Service buzzed once; relaunched on wrist turn, the same session resumed past the rest without a second buzz",
        );
      });
    };

    launch("");
    advance(1000, "home");
    check(
      screen().buttons.includes(ROUTINE),
      `home offers no "${ROUTINE}": ${JSON.stringify(screen())}`,
    );
    passed.push(`app.js and ${pageDir}/home load and build in QuickJS (phone away)`);

    tap("button", ROUTINE);
    check(screen().buttons.includes("Done"), `no session page after "${ROUTINE}"`);
    const expected = await runSession({ screen, tap, advance, buzzes, sleepThroughRest });
    passed.push(
      `${ROUTINE} run through the session page: ${expected.sets.length} sets, ${expected.holds} holds and ${expected.rests} rests ending with a buzz, ${expected.switches} side switches, summary`,
    );
    tap("button", "Done");
    advance(1000, "home after the session");
    check(screen().buttons.includes(ROUTINE), "the summary's Done did not lead home");

    // The stand-in's sensor reads 96–135 bpm once it has found the pulse (after 2 s).
    const text = JSON.parse(watch.call("__smoke.storage()"))[outboxKey];
    const where = `watch storage under ${outboxKey}`;
    checkSessionOutbox({ text, where, readQueue, expected, maxBpm: 135 });
    passed.push(
      `outbox holds session.start, ${expected.sets.length} set.log (reps, holds, sides and heart rate as done) and session.finish`,
    );
    const peakBytes = Math.max(earlierPeak, watch.peak());
    check(peakBytes <= heapLimitBytes, `peak heap ${kb(peakBytes)} over ${kb(heapLimitBytes)}`);
    passed.push(`peak JS heap ${kb(peakBytes)} of the ${kb(heapLimitBytes)} limit`);
    return { passed, peakBytes, heapLimitBytes, stackBytes };
  } finally {
    watch.dispose();
  }
}

/**
 * Drives the session page to its summary; returns what the sets should record. The first rest
 * of 20 s or more is slept through with the app ended (`sleepThroughRest`).
 */
async function runSession({ screen, tap, advance, buzzes, sleepThroughRest }) {
  const sets = [];
  const counts = { holds: 0, rests: 0, switches: 0 };
  let slept = false;
  for (let step = 0; step < 200; step++) {
    const s = screen();
    if (s.texts.includes("Session done")) return { sets, ...counts };
    if (s.buttons.includes("Ready")) {
      counts.switches++;
      tap("button", "Ready");
    } else if (s.buttons.includes("Start")) {
      tap("button", "Start");
    } else if (s.texts.some((t) => t.startsWith("Rest"))) {
      if (!slept && restSeconds(s) >= 20) {
        slept = true;
        await sleepThroughRest();
      } else waitForBuzz(s, "rest", { screen, advance, buzzes });
      counts.rests++;
    } else if (s.texts.includes("Hold")) {
      const hold = waitForBuzz(s, "hold", { screen, advance, buzzes });
      sets.push({ hold_s: Math.round(hold / 1000) });
      counts.holds++;
    } else if (s.buttons.includes("Done") && s.texts.includes("0")) {
      // A reps set: a different count each set, so a mix-up between sets shows.
      const reps = 3 + (sets.length % 4);
      for (let i = 1; i <= reps; i++) {
        advance(1500, "between reps");
        tap("text", String(i - 1));
      }
      check(
        screen().texts.includes(String(reps)),
        `the counter does not show ${reps} after ${reps} taps`,
      );
      tap("button", "Done");
      sets.push({ reps });
    } else {
      throw new SmokeError(`a session screen the script does not know: ${JSON.stringify(s)}`);
    }
  }
  throw new SmokeError("the session did not reach its summary in 200 steps");
}

/**
 * Lets a hold or rest run out on the clock; checks it ends with a buzz: the long one (hold_end,
 * rest_end) or, when a side switch follows, the double tap. Returns how long it ran.
 */
function waitForBuzz(start, what, { screen, advance, buzzes }) {
  const before = buzzes().length;
  let ms = 0;
  while (JSON.stringify(screen()) === JSON.stringify(start) || sameTimer(screen(), start)) {
    advance(250, `during the ${what}`);
    ms += 250;
    check(ms <= 10 * 60 * 1000, `the ${what} did not end in 10 minutes`);
  }
  const ended = buzzes().slice(before);
  check(
    ["DURATION", "NOTIFICATION"].includes(ended.at(-1)?.scene),
    `the ${what} ended without its buzz (buzzes: ${JSON.stringify(ended)}; from ${JSON.stringify(start)} to ${JSON.stringify(screen())})`,
  );
  return ms;
}

/** The rest's time left in whole seconds, from its "0:30" clock. */
function restSeconds(s) {
  const clock = s.texts.find((t) => /^\d+:\d\d$/.test(t));
  if (clock === undefined) return 0;
  const [m, sec] = clock.split(":").map(Number);
  return m * 60 + sec;
}

/** Same screen kind, only the countdown changed. */
function sameTimer(now, start) {
  // The head's first part: "Rest · 113 bpm" stays the same rest while the heart rate moves.
  const head = (s) => (s.texts[0] ?? "").split(" · ")[0];
  return now.buttons.join() === start.buttons.join() && head(now) === head(start);
}

/**
 * Runs the smoke on a Zepp build's project folder (watch-app/zepp/build/project) for one target,
 * with the core's reader of the stored queue bundled from the sources.
 */
export async function smokeRunZeppProject({ project, target = "r480", root, ...limits }) {
  const read = (file) => fs.readFileSync(path.join(project, file), "utf8");
  const pageDir = `page/${target}`;
  const pages = {};
  for (const file of fs.readdirSync(path.join(project, pageDir))) {
    if (file.endsWith(".js")) pages[file.slice(0, -3)] = read(path.join(pageDir, file));
  }
  const services = {};
  const serviceDir = path.join(project, "app-service");
  for (const file of fs.existsSync(serviceDir) ? fs.readdirSync(serviceDir) : []) {
    if (file.endsWith(".js"))
      services[`app-service/${file.slice(0, -3)}`] = read(`app-service/${file}`);
  }
  const { storedMutations, OUTBOX_KEY } = await loadCoreReader(
    root ?? fileURLToPath(new URL("../../..", import.meta.url)),
  );
  return smokeRunZepp({
    appJs: read("app.js"),
    pages,
    pageDir,
    services,
    readQueue: storedMutations,
    outboxKey: OUTBOX_KEY,
    ...limits,
  });
}

/** The watch core's reader of its stored queue, bundled from its TypeScript sources for Node. */
async function loadCoreReader(root) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: {
      contents: 'export { storedMutations, OUTBOX_KEY } from "./watch-app/core/index.ts";',
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

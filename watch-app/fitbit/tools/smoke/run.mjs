// The scripted run: the phone-away routine, a restart mid-set, pairing and sync through the
// companion, today's plan, and the settings page, each step checked.
import { liveStorage, renderSettings, runCompanion } from "./companionStandIns.mjs";
import { runDevice } from "./deviceStandIns.mjs";
import { fakeServer } from "./fakeServer.mjs";
import { socketPair, TEST_MAX_MESSAGE_SIZE } from "./peerSockets.mjs";
import { check, Loop } from "./sandbox.mjs";
import { isoWeekday, runSession, waitFor } from "./scriptedUser.mjs";

/**
 * Runs the scenario; resolves with the checks that passed, rejects with the first that failed.
 * `parseEs5(code)` must throw on anything beyond ECMAScript 5.1 syntax.
 */
export async function smokeRunFitbit({ deviceJs, companionJs, settingsJs, viewXml, parseEs5 }) {
  const passed = [];
  const logs = [];
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    parseEs5(deviceJs);
    passed.push("device JS parses as ECMAScript 5.1");

    // A Monday morning, local time.
    const start = Date.UTC(2025, 0, 6, 7, 0, 0);
    const loop = new Loop(start);
    const files = new Map();
    let parsers = { watch: JSON.parse, phone: JSON.parse };
    const sockets = socketPair(loop, {
      watch: (t) => parsers.watch(t),
      phone: (t) => parsers.phone(t),
    });

    // 1. The phone is away: home, paging, a whole routine on the watch alone.
    let watch = runDevice({ code: deviceJs, viewXml, loop, files, socket: sockets.watch, logs });
    parsers = { ...parsers, watch: watch.parse };
    await loop.advance(1000);
    check(watch.dom.screen() === "home", "the app opens on home");
    const firstCard = watch.dom.text("home-card-label");
    check(firstCard === "Bare minimum", `home shows the first routine (${firstCard})`);
    check(watch.dom.visible("home-pair"), "home offers pairing");
    check(
      watch.dom.text("home-sync") !== "",
      `home shows the sync state (${watch.dom.text("home-sync")})`,
    );
    watch.dom.tap("home-next");
    check(watch.dom.text("home-card-label") !== firstCard, "> shows the next routine");
    watch.dom.tap("home-prev");
    check(watch.dom.text("home-card-label") === firstCard, "< goes back");
    check(!watch.dom.key("back").defaultPrevented, "back at home lets the app close");
    passed.push("home: card, paging, pair button, back key exits (ES5 sandbox, phone away)");

    watch.dom.tap("home-card");
    check(
      watch.display.autoOff === false && watch.me.appTimeoutEnabled === false,
      "the screen stays on in a session",
    );
    const seen = await runSession(watch, loop, passed);
    for (const group of ["reps", "switch", "rest", "intro", "hold", "summary"]) {
      check(seen.has(group), `the routine went through ${group}`);
    }
    check(/^\d+ sets?$/.test(watch.dom.text("summary-sets")), "the summary counts sets");
    const kinds = new Set(watch.buzzes);
    check(kinds.size >= 3, `cues buzz with several patterns (${[...kinds].join(", ")})`);
    watch.dom.tap("summary-close");
    await loop.advance(1000);
    check(watch.dom.screen() === "home", "closing the summary returns home");
    check(watch.display.autoOff === true, "the screen may turn off again after the session");
    const outbox = files.get("kv_runstrong.outbox");
    check(
      outbox !== undefined && outbox.length > 20,
      "the finished session waits in the outbox file",
    );
    check(
      /waiting/.test(watch.dom.text("home-sync")),
      `home says sets wait (${watch.dom.text("home-sync")})`,
    );
    passed.push(
      `routine run through ${[...seen].filter((g) => !g.includes("-")).join(", ")}; haptics ${[...kinds].join(", ")}; display kept on`,
    );

    // 2. Restart mid-set: the count comes back from the files.
    watch.dom.tap("home-card");
    watch.dom.tap("reps-tap");
    watch.dom.tap("reps-tap");
    watch.me.dispatch("unload");
    watch = runDevice({
      code: deviceJs,
      viewXml,
      loop,
      files,
      socket: sockets.replaceWatch(),
      logs,
    });
    parsers = { ...parsers, watch: watch.parse };
    await loop.advance(1000);
    check(
      watch.dom.screen() === "reps" && watch.dom.text("reps-count") === "2",
      "a restart resumes the set at its count",
    );
    watch.dom.tap("reps-menu");
    watch.dom.tap("menu-2"); // Finish: the first tap asks again
    await loop.advance(200);
    check(watch.dom.screen() !== "summary", "one tap on Finish does not end the session");
    watch.dom.tap("menu-2"); // Finish, confirmed
    await loop.advance(500);
    check(watch.dom.screen() === "summary", "Finish from the menu ends the session");
    watch.dom.tap("summary-close");
    passed.push("restart mid-set resumes from the watch's files; Finish from the menu");

    // 3. The phone comes: the companion, pairing, today's plan, sync.
    const server = fakeServer(loop);
    const weekday = isoWeekday(loop.now);
    server.state.today = {
      name: "Marathon base",
      days: [
        {
          weekday,
          title: "Lower body",
          items: [
            {
              exercise_id: "squat",
              mode: "reps",
              per_side: false,
              sets: 2,
              target_reps: 8,
              rest_s: 60,
            },
          ],
        },
      ],
    };
    const storage = liveStorage();
    const phone = runCompanion({
      code: companionJs,
      loop,
      socket: sockets.phone,
      storage,
      fetch: server.fetch,
      logs,
    });
    parsers = { ...parsers, phone: phone.parse };
    await loop.advance(500);
    sockets.connect();
    await loop.advance(2000);
    check(
      server.state.requests.some((r) => r.includes("/sync/pull")) === false,
      "no pull before pairing",
    );
    check(sockets.stats.frames >= 2, "the watch asks the phone as soon as it is in reach");
    const status = () => JSON.parse(storage.getItem("runstrong.settings.status") ?? "null");
    check(status()?.pairing === "idle", "the companion publishes its status for the settings page");

    watch.dom.tap("home-pair");
    check(watch.dom.screen() === "pairing", "Pair with phone opens the pairing screen");
    await waitFor(loop, () => watch.dom.text("pair-code") !== "", 20_000, "a pairing code");
    check(
      watch.dom.text("pair-code") === "ACDE-FGHJ",
      `the code shows in large type (${watch.dom.text("pair-code")})`,
    );
    check(/^Expires in /.test(watch.dom.text("pair-expires")), "with its expiry");
    check(status()?.code === "ACDE-FGHJ", "and on the settings page");
    let page = renderSettings(settingsJs, storage);
    check(
      page.texts.some((t) => t.includes("Pairing code ACDE-FGHJ")),
      "the settings page shows the code",
    );
    check(
      page.inputs.some((p) => p.settingsKey === "runstrong.settings.serverUrl"),
      "and the server URL field",
    );
    passed.push(
      "pairing: the watch asks, the companion gets a code, watch and settings page show it",
    );

    server.state.approved = true;
    await waitFor(loop, () => /Paired/.test(watch.dom.text("pair-message")), 20_000, "pairing");
    check(
      /Paired/.test(watch.dom.text("pair-message")),
      `the watch learns it is paired (${watch.dom.text("pair-message")})`,
    );
    check(status()?.pairing === "paired", "the settings page too");
    watch.dom.tap("pair-a0");
    check(watch.dom.screen() === "home", "Close returns home");
    await waitFor(loop, () => /^Synced/.test(watch.dom.text("home-sync")), 6 * 60_000, "a sync");
    check(
      server.state.pushed.length >= 6,
      `the outbox reached the server (${server.state.pushed.length} mutations)`,
    );
    check(
      /^Synced/.test(watch.dom.text("home-sync")),
      `home says synced (${watch.dom.text("home-sync")})`,
    );
    // Sets done with the sensor reading carry their heart rate (sets from the restart before
    // the sensor's first reading may not).
    const withHr = server.state.pushed.filter((m) => m.op === "set.log" && m.args.hr_max >= 100);
    check(withHr.length > 0, "set.log reached the server with the sensor's heart rate");
    passed.push(
      `sync: ${server.state.pushed.length} mutations reached the server; ${sockets.stats.frames} peerSocket frames so far, largest ${sockets.stats.largest} of ${TEST_MAX_MESSAGE_SIZE} bytes`,
    );

    // Today's plan: fetched at open and every 15 min at home.
    await waitFor(
      loop,
      () => watch.dom.text("home-card-label") === "Lower body",
      16 * 60_000,
      "today's plan",
    );
    check(
      watch.dom.text("home-card-label") === "Lower body",
      `today's session leads home (${watch.dom.text("home-card-label")})`,
    );
    check(/^Today/.test(watch.dom.text("home-page")), "marked as today");
    check(
      watch.dom.text("home-info") === "Two more reps.",
      `with why its targets moved (${watch.dom.text("home-info")})`,
    );
    check(
      server.state.requests.filter((r) => r.includes("/plans/today?date=")).length >= 7,
      "the phone asked GET /plans/today for the week, a date at a time",
    );
    passed.push(
      "today's session from /plans/today (progressed, with its why) reaches the home card",
    );

    // 4. Settings: a bad URL is refused, unpair works.
    storage.fromPage("runstrong.settings.serverUrl", "not a url");
    await loop.advance(500);
    check(
      status()?.serverError !== null && status()?.pairing === "paired",
      "a bad URL is refused and changes nothing",
    );
    page = renderSettings(settingsJs, storage);
    const unpair = page.buttons.find((b) => b.label === "Unpair");
    check(unpair !== undefined, "the settings page offers Unpair when paired");
    unpair.onClick();
    storage.dispatch("change", {
      key: "runstrong.settings.unpair",
      newValue: storage.getItem("runstrong.settings.unpair"),
    });
    await loop.advance(1000);
    check(status()?.pairing === "idle", "Unpair on the settings page unpairs");
    check(storage.getItem("runstrong.settings.unpair") === null, "and clears its request");
    await waitFor(
      loop,
      () => /^Not paired/.test(watch.dom.text("home-sync")),
      6 * 60_000,
      "the watch to learn",
    );
    check(
      /^Not paired/.test(watch.dom.text("home-sync")),
      `the watch learns it (${watch.dom.text("home-sync")})`,
    );
    passed.push(
      "settings page: status lines, bad URL refused, Unpair reaches the relay and the watch",
    );

    check(loop.errors.length === 0, `no timer threw (${loop.errors[0]})`);
    check(unhandled.length === 0, `no promise was left rejected (${unhandled[0]})`);
    const errorsLogged = logs.filter((l) => / error: /.test(l));
    check(errorsLogged.length === 0, `nothing logged an error (${errorsLogged[0]})`);
    return passed;
  } catch (error) {
    const tail = logs.slice(-12).join("\n    ");
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${why}${tail ? `\n  last logs:\n    ${tail}` : ""}\n  passed before: ${passed.length}`,
    );
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

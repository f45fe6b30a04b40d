// The Fitbit watch app: the core's WatchApp over the device adapters, drawn by view/model.ts and
// view/render.ts, ticked by a timer whose pace follows the screen, and taps, the back button and
// phone replies turned into redraws.
import { me } from "appbit";
import { me as device } from "device";
import { display } from "display";
import document from "document";
import { peerSocket } from "messaging";
import { memory } from "system";
import { WatchApp, type WatchScreen } from "../../core/index.ts";
import { createSystemClock } from "../common/clock.ts";
import { coreMessageBudget } from "../common/peerFraming.ts";
import { createPeerPhoneLink } from "../common/peerLink.ts";
import { createVibrationHaptics } from "./adapters/haptics.ts";
import { createHeartRateSensor } from "./adapters/heartRate.ts";
import { createDeviceStore } from "./adapters/keyValueStore.ts";
import { createDisplayScreenKeeper, runningAppRestAlarm } from "./adapters/screenKeeper.ts";
import {
  backAction,
  clampIndex,
  homeEntries,
  menuOf,
  tickIntervalMs,
  type UiAction,
  type UiState,
  viewOf,
} from "./view/model.ts";
import { createRenderer } from "./view/render.ts";

export function startApp(): void {
  const haptics = createVibrationHaptics();
  const screenKeeper = createDisplayScreenKeeper();
  const ui: UiState = { homeIndex: 0, menuOpen: false };
  const renderer = createRenderer(perform);
  let screen: WatchScreen;
  let timer: number | null = null;
  let timerPace = 0;

  const app = WatchApp.open({
    store: createDeviceStore(),
    haptics,
    screen: screenKeeper,
    restAlarm: runningAppRestAlarm,
    clock: createSystemClock(),
    link: createPeerPhoneLink(peerSocket),
    // Shown on the approval page; modelName reads "Versa 3" or "Fitbit Versa 3" by firmware.
    deviceName: /^fitbit/i.test(device.modelName)
      ? device.modelName
      : `Fitbit ${device.modelName || "watch"}`,
    // One watch-link message per peerSocket message (the frame header included).
    maxMessageBytes: coreMessageBudget(peerSocket.MAX_MESSAGE_SIZE),
    // Half the core's default: the queue is held in the watch's small JS heap when saved. With
    // the core's 6 KB session reserve, a new session starts while under 10 KB wait (a few
    // sessions' worth); a session under way always finishes.
    outboxMaxBytes: 16 * 1024,
    heartRate: createHeartRateSensor(),
    onChange: redraw,
  });

  function redraw(): void {
    screen = app.screen();
    if (menuOf(screen) === null) ui.menuOpen = false;
    renderer.render(viewOf(screen, ui));
    pace(tickIntervalMs(screen));
  }

  function pace(ms: number): void {
    if (timer !== null && timerPace === ms) return;
    if (timer !== null) clearInterval(timer);
    timerPace = ms;
    timer = setInterval(tick, ms);
  }

  function tick(): void {
    app.tick();
    redraw();
  }

  function perform(act: UiAction): void {
    switch (act.type) {
      case "core":
        // "Finish" asks for a second tap: the menu stays open showing "Tap again to finish".
        ui.menuOpen = act.action.type === "finish";
        app.act(act.action);
        break;
      case "home_step":
        if (screen.kind === "home") {
          const count = homeEntries(screen).length;
          ui.homeIndex = clampIndex(
            (clampIndex(ui.homeIndex, count) + act.by + count) % count,
            count,
          );
        }
        break;
      case "menu":
        ui.menuOpen = act.open;
        break;
    }
    redraw();
  }

  document.addEventListener("keypress", (event) => {
    if (event.key !== "back") return;
    const act = backAction(screen, ui);
    if (act === null) return; // Let the system close the app.
    event.preventDefault();
    perform(act);
  });

  // The phone came within reach: send what waits and fetch today's plan now rather than at the
  // next periodic refresh (what the Sync button does).
  peerSocket.addEventListener("open", () => {
    if (screen.kind === "home") perform({ type: "core", action: { type: "sync_now" } });
  });

  // Catch up at once when the screen comes back on (timers may have run out meanwhile).
  display.addEventListener("change", () => {
    if (display.on) tick();
  });

  me.addEventListener("unload", () => {
    if (timer !== null) clearInterval(timer);
    haptics.stop();
    screenKeeper.keep("system", false);
  });

  tick();
  // The JS heap is the tight resource on the watch: the log tells how much the app left free.
  console.log(`runstrong: JS memory ${memory.js.used}/${memory.js.total} (peak ${memory.js.peak})`);
  memory.monitor.addEventListener("memorypressurechange", () => {
    console.warn(
      `runstrong: memory pressure ${memory.monitor.pressure}, JS ${memory.js.used}/${memory.js.total}`,
    );
  });
}

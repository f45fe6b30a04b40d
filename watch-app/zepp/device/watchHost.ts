// The watch app's single instance, created once in app.js and shared with every page through
// getApp(): the core (session, outbox, sync) and the screens' rendering code are bundled once
// into app.js instead of into each page, and the core keeps running while pages replace one
// another. A page bundle holds only its target's geometry and hands over its @zos/ui bindings.
import { getDeviceInfo } from "@zos/device";
import type { HomeScreen, PairingScreen } from "../../core/index.ts";
import { WatchApp } from "../../core/watch/watchApp.ts";
import { createSystemClock } from "../adapters/clock.ts";
import { createVibratorHaptics } from "../adapters/device/haptics.ts";
import { createHeartRateSensor } from "../adapters/device/heartRate.ts";
import { createLocalStorageStore } from "../adapters/device/keyValueStore.ts";
import { createZmlPhoneLink, type ZmlRequester } from "../adapters/device/phoneLink.ts";
import { createAlarmRestAlarm } from "../adapters/device/restAlarm.ts";
import { createDisplayScreenKeeper } from "../adapters/device/screenKeeper.ts";
import type { HomeLayout, PairingLayout, SessionLayout } from "../layout/types.ts";
import { homeView } from "../ui/homeView.ts";
import { pairingView } from "../ui/pairingView.ts";
import { type SessionScreen, sessionView } from "../ui/sessionView.ts";
import { type PageEnv, type PageHost, watchPage } from "../ui/watchPage.ts";

/** Timers show whole seconds; four ticks a second keep the display within a quarter second. */
const SESSION_TICK_MS = 250;
const IDLE_TICK_MS = 1000;

export interface WatchHost extends PageHost {
  homePage(layout: HomeLayout, env: PageEnv): Page.Option;
  sessionPage(layout: SessionLayout, env: PageEnv): Page.Option;
  pairingPage(layout: PairingLayout, env: PageEnv): Page.Option;
  close(): void;
}

export function openWatchHost(messaging: ZmlRequester): WatchHost {
  let render: (() => void) | null = null;
  const haptics = createVibratorHaptics();
  const screen = createDisplayScreenKeeper();
  const name = String(getDeviceInfo().deviceName || "");
  const store = createLocalStorageStore();
  const app = WatchApp.open({
    store,
    haptics,
    screen,
    restAlarm: createAlarmRestAlarm(store),
    clock: createSystemClock(),
    link: createZmlPhoneLink(messaging),
    deviceName: name === "" ? "Zepp watch" : name,
    heartRate: createHeartRateSensor(),
    onChange: () => render?.(),
  });
  const host: WatchHost = {
    app,
    listen(next) {
      render = next;
    },
    pageShown: () => screen.reapply(),
    homePage: (layout, env) =>
      watchPage<HomeScreen>(host, "home", IDLE_TICK_MS, env, (w, act) => homeView(w, layout, act)),
    sessionPage: (layout, env) =>
      watchPage<SessionScreen>(host, "session", SESSION_TICK_MS, env, (w, act) =>
        sessionView(w, layout, act),
      ),
    pairingPage: (layout, env) =>
      watchPage<PairingScreen>(host, "pairing", IDLE_TICK_MS, env, (w, act) =>
        pairingView(w, layout, act),
      ),
    close() {
      haptics.stop();
      // The screen back to the system; waking still relaunches while a session is open (the
      // system may be what ends the app, and the session must come back).
      screen.keep("system", app.session.active);
    },
  };
  return host;
}

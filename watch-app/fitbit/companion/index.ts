// The Fitbit companion (runs in the Fitbit phone app): the core's PhoneRelay answers the watch
// over peerSocket with the phone's network access, and the settings page's requests (server URL,
// unpair) reach it through settingsStorage (companion/settingsBridge.ts).
import { peerSocket } from "messaging";
import { settingsStorage } from "settings";
import { PhoneRelay } from "../../core/index.ts";
import { createSystemClock } from "../common/clock.ts";
import { coreMessageBudget } from "../common/peerFraming.ts";
import { servePeerRequests } from "../common/peerLink.ts";
import { createTimerScheduler } from "../common/scheduler.ts";
import { createFetchClient } from "./adapters/httpClient.ts";
import { createSettingsStore } from "./adapters/settingsStore.ts";
import { SettingsBridge } from "./settingsBridge.ts";

const clock = createSystemClock();
let bridge: SettingsBridge | null = null;
let publishQueued = false;

/** Republishes the page's status once after a burst of core writes. */
function statusChanged(): void {
  if (publishQueued) return;
  publishQueued = true;
  setTimeout(() => {
    publishQueued = false;
    void bridge?.publish();
  }, 0);
}

const relayReady = PhoneRelay.open({
  http: createFetchClient(),
  settings: createSettingsStore(statusChanged),
  scheduler: createTimerScheduler(),
  clock,
  platform: "fitbit",
  // Each reply fits one peerSocket message, frame header included.
  maxMessageBytes: coreMessageBudget(peerSocket.MAX_MESSAGE_SIZE),
});

// Registered at once: a request that arrives while the relay loads waits for it.
servePeerRequests(peerSocket, (message) => relayReady.then((relay) => relay.handle(message)));

relayReady.then(
  async (relay) => {
    const ready = new SettingsBridge(relay, settingsStorage, clock);
    bridge = ready;
    settingsStorage.addEventListener("change", (event) => {
      void ready.onChange(event.key);
    });
    // Changes made while the companion was not running (it is launched for them too).
    await ready.applyServerInput();
    await ready.applyUnpairRequest();
    await ready.publish();
  },
  (error: unknown) => console.error(`relay failed to open: ${String(error)}`),
);

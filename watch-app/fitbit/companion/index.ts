// The Fitbit companion (runs in the Fitbit phone app): answers the watch over peerSocket and owns
// the phone's network access and settings. The placeholder handler gives way to the core's
// PhoneRelay (PhoneRelay.open({ ...these ports, platform: "fitbit", maxMessageBytes })).
import { peerSocket } from "messaging";
import type { Clock, HttpClient, Scheduler, SettingsStore } from "../../core/ports.ts";
import { createSystemClock } from "../common/clock.ts";
import { servePeerRequests, type WatchMessageHandler } from "../common/peerLink.ts";
import { createTimerScheduler } from "../common/scheduler.ts";
import { encodeStatus, STATUS_REQUEST } from "../common/statusMessage.ts";
import { createFetchClient } from "./adapters/httpClient.ts";
import { createSettingsStore } from "./adapters/settingsStore.ts";
import {
  DEFAULT_SERVER_URL,
  readPendingCode,
  readStoredToken,
  SETTINGS_KEYS,
} from "./settingsKeys.ts";

/** The phone-side ports, as core/phoneRelay.ts's PhoneRelayDeps takes them. */
interface RelayPorts {
  http: HttpClient;
  settings: SettingsStore;
  scheduler: Scheduler;
  clock: Clock;
}

function createPlaceholderRelay({ settings }: RelayPorts): WatchMessageHandler {
  return async (message) => {
    if (message !== STATUS_REQUEST) throw new Error("unknown message");
    return encodeStatus({
      paired: readStoredToken(await settings.get(SETTINGS_KEYS.token)) !== null,
      server: (await settings.get(SETTINGS_KEYS.serverUrl)) || DEFAULT_SERVER_URL,
      code: readPendingCode(await settings.get(SETTINGS_KEYS.pendingPairing)),
    });
  };
}

servePeerRequests(
  peerSocket,
  createPlaceholderRelay({
    http: createFetchClient(),
    settings: createSettingsStore(),
    scheduler: createTimerScheduler(),
    clock: createSystemClock(),
  }),
);

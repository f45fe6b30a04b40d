// Placeholder phone-side handler until the core's PhoneRelay is wired in: answers the watch's
// status request from the settings. PhoneRelay.open(deps).handle replaces this file.
import type { Clock, HttpClient, Scheduler, SettingsStore } from "../../core/ports.ts";
import {
  DEFAULT_SERVER_URL,
  readPendingCode,
  readStoredToken,
  SETTINGS_KEYS,
} from "../app-side/settingsKeys.ts";
import { encodeStatus, STATUS_REQUEST } from "./statusMessage.ts";

/** The phone-side ports, as core/phoneRelay.ts's PhoneRelayDeps takes them. */
export interface RelayPorts {
  http: HttpClient;
  settings: SettingsStore;
  scheduler: Scheduler;
  clock: Clock;
}

/** Answers one message from the watch (the shape of PhoneRelay's `handle`). */
export type WatchMessageHandler = (message: string) => Promise<string>;

export function createPlaceholderRelay({ settings }: RelayPorts): WatchMessageHandler {
  return async (message) => {
    if (message !== STATUS_REQUEST) throw new Error(`unknown message "${message.slice(0, 20)}"`);
    return encodeStatus({
      paired: readStoredToken(await settings.get(SETTINGS_KEYS.token)) !== null,
      server: (await settings.get(SETTINGS_KEYS.serverUrl)) ?? DEFAULT_SERVER_URL,
      code: readPendingCode(await settings.get(SETTINGS_KEYS.pendingPairing)),
    });
  };
}

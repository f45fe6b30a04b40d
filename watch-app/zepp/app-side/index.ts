// The phone-side service (runs inside the Zepp app on the phone): the core's PhoneRelay answers
// every watch request (pairing, outbox pushes, today's session) over the phone's network
// (fetch) and keeps its state in settings.settingsStorage, which the settings app also edits.
import { BaseSideService } from "@zeppos/zml/base-side";
import { PhoneRelay } from "../../core/phone/phoneRelay.ts";
import { createSystemClock } from "../adapters/clock.ts";
import { RELAY_METHOD } from "../adapters/relayMethod.ts";
import { createTimerScheduler } from "../adapters/scheduler.ts";
import { createSideFetchClient } from "../adapters/side/httpClient.ts";
import { createSideSettingsStore } from "../adapters/side/settingsStore.ts";
import { DEFAULT_SERVER_URL, normaliseServerUrl, SETTINGS_KEYS } from "./settingsKeys.ts";

type Respond = (error: unknown, data?: unknown) => void;

let opening: Promise<PhoneRelay> | null = null;

/** Opened on first use: `settings` and `fetch` exist once the service runs. */
function relay(): Promise<PhoneRelay> {
  opening ??= PhoneRelay.open({
    http: createSideFetchClient(),
    settings: createSideSettingsStore(),
    scheduler: createTimerScheduler(),
    clock: createSystemClock(),
    platform: "zepp",
  });
  return opening;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

AppSideService(
  BaseSideService({
    onInit() {
      void relay();
    },
    onRequest(req: { method: string; params: Record<string, unknown> }, res: Respond) {
      const text = req.params?.m;
      if (req.method !== RELAY_METHOD || typeof text !== "string") {
        res({ message: `unknown request ${req.method}` });
        return;
      }
      relay()
        .then((r) => r.handle(text))
        .then(
          (reply) => res(null, { m: reply }),
          (error: unknown) => res({ message: message(error) }),
        );
    },
    /** The settings app changed the server or asked to unpair: the old token goes. */
    onSettingsChange(change: { key: string; newValue: unknown; oldValue: unknown }) {
      const url = (v: unknown) =>
        (typeof v === "string" ? normaliseServerUrl(v) : null) ?? DEFAULT_SERVER_URL;
      const unpair =
        change.key === SETTINGS_KEYS.unpairRequest ||
        (change.key === SETTINGS_KEYS.serverUrl && url(change.newValue) !== url(change.oldValue));
      if (!unpair) return;
      // Unpairing also stops a pairing under way (PhoneRelay.unpair).
      void relay().then((r) => r.unpair());
    },
  }),
);

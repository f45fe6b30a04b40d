// The phone-side service (runs inside the Zepp app): answers the watch's relay requests through
// ZML and owns the phone's network access (fetch) and settings (settings.settingsStorage).
import { BaseSideService } from "@zeppos/zml/base-side";
import { createSystemClock } from "../adapters/clock.ts";
import { RELAY_METHOD } from "../adapters/relayMethod.ts";
import { createTimerScheduler } from "../adapters/scheduler.ts";
import { createSideFetchClient } from "../adapters/side/httpClient.ts";
import { createSideSettingsStore } from "../adapters/side/settingsStore.ts";
import { createPlaceholderRelay, type WatchMessageHandler } from "../placeholder/relay.ts";

// The core's PhoneRelay takes the same ports (plus platform: "zepp") when it replaces this.
const handle: WatchMessageHandler = createPlaceholderRelay({
  http: createSideFetchClient(),
  settings: createSideSettingsStore(),
  scheduler: createTimerScheduler(),
  clock: createSystemClock(),
});

type Respond = (error: unknown, data?: unknown) => void;

AppSideService(
  BaseSideService({
    onRequest(req: { method: string; params: Record<string, unknown> }, res: Respond) {
      if (req.method !== RELAY_METHOD || typeof req.params.m !== "string") {
        res({ message: `unknown request ${req.method}` });
        return;
      }
      handle(req.params.m).then(
        (reply) => res(null, { m: reply }),
        (error: unknown) =>
          res({ message: error instanceof Error ? error.message : String(error) }),
      );
    },
  }),
);

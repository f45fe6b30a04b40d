// Injected into the simulator's phone-side bundle in place of the Zepp app's side-service
// globals: `fetch` (one options object; JSON bodies parsed) goes through the simulator server's
// same-origin /api proxy, and `settings.settingsStorage` is the simulated phone's storage.
import "../host/types.ts";
import type { Options, SideFetchOptions } from "../host/types.ts";

export const fetch = (options: SideFetchOptions) => globalThis.__sim.phone.fetch(options);
export const settings = {
  get settingsStorage() {
    return globalThis.__sim.phone.settings;
  },
};
export const AppSideService = (service: Options): void => globalThis.__sim.phone.register(service);

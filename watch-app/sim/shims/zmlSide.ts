// ZML's BaseSideService in the simulator: the service object itself; AppSideService (injected,
// shims/sideGlobals.ts) hands it to the host, which calls onInit, onRequest(req, res) for each
// watch request and onSettingsChange({ key, newValue, oldValue }) as ZML does.
import type { Options } from "../host/types.ts";

export function BaseSideService(options: Options): Options {
  return options;
}

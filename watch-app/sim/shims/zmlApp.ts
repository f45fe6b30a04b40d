// ZML's BaseApp in the simulator: instead of ZML's BLE messaging, `globalData.messaging` is the
// host's link to the simulated phone (host/link.ts), with ZML's request semantics: the reply's
// `result`, or a rejection when the phone is away ("ble disconnect") or the request times out.
import type { Options } from "../host/types.ts";
import "../host/types.ts";

export function BaseApp(options: Options): Options {
  const { onCreate, ...rest } = options;
  return {
    ...rest,
    globalData: options.globalData ?? {},
    onCreate(this: Options, ...args: unknown[]) {
      this.globalData.messaging = globalThis.__sim.watch.messaging();
      onCreate?.apply(this, args);
    },
  };
}

/** ZML's plugin registry: the simulator's BaseApp brings its messaging itself. */
BaseApp.use = (_plugin: unknown): void => undefined;

/** Stands in for ZML's messaging plugin (app.ts registers it with BaseApp.use). */
export const appPlugin = {};

// Injected (esbuild `inject`) into the simulator's App Service bundles in place of the watch
// runtime's globals: `AppService` registers with the host, which runs it when its alarm is due
// (host/screenOff.ts), and Date reads the simulated clock.
import type { Options } from "../host/types.ts";
import "../host/types.ts";

const RealDate = globalThis.Date;

export const AppService = (options: Options): void => globalThis.__sim.alarm.service(options);

/** Date on the simulated clock, as in the app's bundles (shims/watchGlobals.ts). */
class SimDate extends RealDate {
  // biome-ignore lint/suspicious/noExplicitAny: Date's constructor overloads.
  constructor(...args: any[]) {
    if (args.length === 0) super(globalThis.__sim.clock.now());
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    else super(...(args as [any]));
  }

  static override now(): number {
    return globalThis.__sim.clock.now();
  }
}

export { SimDate as Date };

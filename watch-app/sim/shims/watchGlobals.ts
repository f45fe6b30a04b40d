// Injected (esbuild `inject`) into the simulator's app and page bundles in place of the watch
// runtime's globals: App/Page/getApp register with the host, timers belong to the running app
// instance (a "kill" cancels them all), and Date reads the simulated clock, so the core's Clock
// port (adapters/clock.ts: Date.now()) runs at the speed set in the simulator.
import type { Options } from "../host/types.ts";
import "../host/types.ts";

const host = () => globalThis.__sim.watch;
const RealDate = globalThis.Date;

export const App = (options: Options): void => host().App(options);
export const Page = (options: Options): void => host().Page(options);
export const getApp = () => host().getApp();
export const setTimeout = (task: () => void, ms?: number): number => host().setTimeout(task, ms);
export const clearTimeout = (id: number | undefined): void => host().clearTimeout(id);
export const setInterval = (task: () => void, ms: number): number => host().setInterval(task, ms);
export const clearInterval = (id: number | undefined): void => host().clearInterval(id);

/** Date on the simulated clock: `new Date()` and `Date.now()` are simulated time. */
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

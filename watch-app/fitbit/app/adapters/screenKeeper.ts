// ScreenKeeper over display and appbit: no app timeout while a session is open, so the app keeps
// running (its timer still buzzes a rest's end) with the screen dark; no auto-off during sets;
// auto-off back in a long rest, and the screen woken again when the rest ends.
import { me } from "appbit";
import { display } from "display";
import type { RestAlarm, ScreenKeeper, ScreenMode } from "../../../core/ports.ts";

export function createDisplayScreenKeeper(): ScreenKeeper {
  let mode: ScreenMode = "system";
  return {
    keep(next, sessionOpen) {
      me.appTimeoutEnabled = !sessionOpen;
      display.autoOff = next !== "held";
      if (next === "held" && mode !== "held") {
        // Out of a long rest the screen may be dark: wake it for the set the buzz announces.
        if (mode === "may_sleep") display.poke();
        display.on = true;
      }
      mode = next;
    },
  };
}

/**
 * The rest-end buzz with the screen off needs nothing scheduled on Fitbit: with the app timeout
 * off the app keeps running and its own tick buzzes, so every long rest may let the screen sleep.
 */
export const runningAppRestAlarm: RestAlarm = {
  schedule: () => true,
  cancel() {},
};

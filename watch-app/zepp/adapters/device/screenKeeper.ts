// ScreenKeeper over @zos/display: during sets the page stays lit and the drop-wrist and palm-cover
// gestures are ignored (the wrist drops between reps); in a long rest and outside a session the
// system's timeout and gestures apply again. While a session is open, waking the watch relaunches
// the app (the system exits an app about 10 s after its screen went off).
import {
  pauseDropWristScreenOff,
  pausePalmScreenOff,
  resetDropWristScreenOff,
  resetPageBrightTime,
  resetPalmScreenOff,
  setPageBrightTime,
  setWakeUpRelaunch,
} from "@zos/display";
import type { ScreenKeeper, ScreenMode } from "../../../core/ports.ts";

/** Asked again every ~20 s by the core and on every page build; long enough for any set. */
const BRIGHT_MS = 10 * 60 * 1000;

/** The port plus `reapply`: the bright time belongs to a page, so each new page asks again. */
export function createDisplayScreenKeeper(): ScreenKeeper & { reapply(): void } {
  let mode: ScreenMode = "system";
  let relaunch: boolean | null = null;
  const hold = () => {
    setPageBrightTime({ brightTime: BRIGHT_MS });
    // duration 0: paused until reset.
    pauseDropWristScreenOff({ duration: 0 });
    pausePalmScreenOff({ duration: 0 });
  };
  return {
    keep(next, sessionOpen) {
      if (sessionOpen !== relaunch) {
        relaunch = sessionOpen;
        setWakeUpRelaunch({ relaunch: sessionOpen });
      }
      if (next === "held") hold();
      else if (mode === "held") {
        resetPageBrightTime();
        resetDropWristScreenOff();
        resetPalmScreenOff();
      }
      mode = next;
    },
    reapply() {
      if (mode === "held") hold();
    },
  };
}

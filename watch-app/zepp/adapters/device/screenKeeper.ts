// ScreenKeeper over @zos/display: keeps the page lit and ignores the drop-wrist gesture while a
// session runs (the wrist drops between reps), then hands control back to the system.
import {
  pauseDropWristScreenOff,
  resetDropWristScreenOff,
  resetPageBrightTime,
  setPageBrightTime,
} from "@zos/display";
import type { ScreenKeeper } from "../../../core/ports.ts";

/** Renewed on every keepOn(true); long enough for any single set or rest. */
const BRIGHT_MS = 10 * 60 * 1000;

/** The port plus `reapply`: the bright time belongs to a page, so each new page asks again. */
export function createDisplayScreenKeeper(): ScreenKeeper & { reapply(): void } {
  let held = false;
  const hold = () => {
    setPageBrightTime({ brightTime: BRIGHT_MS });
    // duration 0: paused until reset.
    pauseDropWristScreenOff({ duration: 0 });
  };
  return {
    keepOn(on) {
      if (on) {
        hold();
        held = true;
      } else if (held) {
        resetPageBrightTime();
        resetDropWristScreenOff();
        held = false;
      }
    },
    reapply() {
      if (held) hold();
    },
  };
}

// ScreenKeeper over display (no auto-off while a session runs) and appbit (no app timeout, which
// would otherwise close the app between sets).
import { me } from "appbit";
import { display } from "display";
import type { ScreenKeeper } from "../../../core/ports.ts";

export function createDisplayScreenKeeper(): ScreenKeeper {
  let held = false;
  return {
    keepOn(on) {
      if (on) {
        display.autoOff = false;
        display.on = true;
        me.appTimeoutEnabled = false;
        held = true;
      } else if (held) {
        display.autoOff = true;
        me.appTimeoutEnabled = true;
        held = false;
      }
    },
  };
}

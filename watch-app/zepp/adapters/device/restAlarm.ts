// RestAlarm over @zos/alarm: at a long rest's end the system runs the rest-end App Service
// (app-service/restEnd.ts), which buzzes even when the screen is off and the app was exited.
// Needs the device:os.alarm permission; the alarm's id is kept in storage so a relaunched app
// can still cancel it.
import { cancel, set } from "@zos/alarm";
import type { LocalStore, RestAlarm } from "../../../core/ports.ts";

/** The App Service the alarm starts: app.json's module "app-service" (scripts/watchBuild/zeppAppJson.mjs). */
export const REST_END_SERVICE = "app-service/restEnd";
const ALARM_ID_KEY = "runstrong.restAlarm";

export function createAlarmRestAlarm(store: LocalStore): RestAlarm {
  const drop = () => {
    const id = Number(store.getItem(ALARM_ID_KEY));
    store.removeItem(ALARM_ID_KEY);
    // Cancelling an alarm that already fired is harmless; the record it reads is gone anyway.
    if (id > 0) cancel(id);
  };
  return {
    schedule(atMs, sessionId) {
      drop();
      // Whole UTC seconds, rounded up: the buzz never comes before the rest's end.
      const id = set({ url: REST_END_SERVICE, time: Math.ceil(atMs / 1000), param: sessionId });
      // 0: the watch did not create it.
      if (!(id > 0)) return false;
      store.setItem(ALARM_ID_KEY, String(id));
      return true;
    },
    cancel: drop,
  };
}

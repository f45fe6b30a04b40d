// The heart-rate port over @zos/sensor's HeartRate: `onCurrentChange` starts continuous
// measurement and `offCurrentChange` ends it (it costs battery, so only during a session).
// The permission is declared in app.json (`data:user.hd.heart_rate`); `queryPermission`
// (API 3.0) says whether the runner allowed it, and a sensor that cannot be opened is absent.
import { queryPermission } from "@zos/app";
import { HeartRate } from "@zos/sensor";
import type { HeartRateSensor } from "../../../core/ports.ts";

const PERMISSION = "data:user.hd.heart_rate";
/** queryPermission's answer for a granted permission. */
const AUTHORIZED = 2;

export function createHeartRateSensor(): HeartRateSensor {
  let sensor: HeartRate | null = null;
  let listener: (() => void) | null = null;
  return {
    start(onReading) {
      try {
        if (queryPermission({ permissions: [PERMISSION] })[0] !== AUTHORIZED) return "denied";
        const hr = new HeartRate();
        // getCurrent gives 0 while the sensor searches; the core drops readings out of range.
        listener = () => onReading(hr.getCurrent());
        hr.onCurrentChange(listener);
        sensor = hr;
        return "on";
      } catch {
        return "absent";
      }
    },
    stop() {
      if (sensor !== null && listener !== null) sensor.offCurrentChange(listener);
      sensor = null;
      listener = null;
    },
  };
}

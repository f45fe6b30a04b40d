// The heart-rate port over Fitbit's `heart-rate` module: one reading a second while a session
// runs. `HeartRateSensor` is undefined on a watch without the sensor, and the app must hold the
// `access_heart_rate` permission (package.json), which the runner can revoke at any time.
import { me } from "appbit";
import { type HeartRateSensor as FitbitSensor, HeartRateSensor as Sensor } from "heart-rate";
import type { HeartRateSensor } from "../../../core/ports.ts";

export function createHeartRateSensor(): HeartRateSensor {
  let sensor: FitbitSensor | null = null;
  return {
    start(onReading) {
      if (!Sensor) return "absent";
      if (!me.permissions.granted("access_heart_rate")) return "denied";
      const s = new Sensor({ frequency: 1 });
      s.addEventListener("reading", () => {
        if (s.heartRate !== null) onReading(s.heartRate);
      });
      s.start();
      sensor = s;
      return "on";
    },
    stop() {
      sensor?.stop();
      sensor = null;
    },
  };
}

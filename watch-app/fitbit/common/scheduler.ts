// Scheduler over setTimeout, which the Fitbit device and companion both have.
import type { Scheduler } from "../../core/ports.ts";

export function createTimerScheduler(): Scheduler {
  return {
    schedule(delayMs, task) {
      const id = setTimeout(task, Math.max(0, delayMs));
      return () => clearTimeout(id);
    },
  };
}

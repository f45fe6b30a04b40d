// Scheduler over the runtime's setTimeout, which the watch pages and the phone-side service
// both provide.
import type { Scheduler } from "../../core/ports.ts";

export function createTimerScheduler(): Scheduler {
  return {
    schedule(delayMs, task) {
      const id = setTimeout(task, Math.max(0, delayMs));
      return () => clearTimeout(id);
    },
  };
}

// Clock over the runtime's Date; the watch pages and the phone-side service both have it.
import type { Clock } from "../../core/ports.ts";

export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    utcOffsetMinutes: () => -new Date().getTimezoneOffset(),
  };
}

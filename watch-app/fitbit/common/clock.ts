// Clock over Date, which the Fitbit device and companion both have.
import type { Clock } from "../../core/ports.ts";

export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    utcOffsetMinutes: () => -new Date().getTimezoneOffset(),
  };
}

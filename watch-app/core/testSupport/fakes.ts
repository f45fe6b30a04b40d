// The settable clock of the watch's tests; the device ports' stand-ins are the session driver's.
import type { Clock } from "../ports.ts";

export {
  RecordingHaptics,
  RecordingRestAlarm,
  RecordingScreen,
  ScriptedHeartRate,
  seededRandom,
} from "@runstrong/shared/sessionDriver/testing";

export const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);

export class FakeClock implements Clock {
  constructor(
    public ms = T0,
    public offsetMinutes = 60,
  ) {}

  now(): number {
    return this.ms;
  }

  utcOffsetMinutes(): number {
    return this.offsetMinutes;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

// @zos/sensor in the simulator: the Vibrator flashes the watch face and logs a "buzz" line.
import { VIBRATOR_SCENES } from "./constants.ts";

export const {
  VIBRATOR_SCENE_SHORT_LIGHT,
  VIBRATOR_SCENE_SHORT_MIDDLE,
  VIBRATOR_SCENE_SHORT_STRONG,
  VIBRATOR_SCENE_DURATION,
  VIBRATOR_SCENE_DURATION_LONG,
  VIBRATOR_SCENE_NOTIFICATION,
  VIBRATOR_SCENE_CALL,
  VIBRATOR_SCENE_STRONG_REMINDER,
  VIBRATOR_SCENE_TIMER,
} = VIBRATOR_SCENES;

export class Vibrator {
  private mode: number = VIBRATOR_SCENES.VIBRATOR_SCENE_SHORT_LIGHT;

  setMode(options: { mode: number } | number): void {
    this.mode = typeof options === "number" ? options : options.mode;
  }

  getType() {
    return VIBRATOR_SCENES;
  }

  start(options?: { mode?: number }): void {
    globalThis.__sim.haptics.buzz(options?.mode ?? this.mode);
  }

  stop(): void {
    globalThis.__sim.haptics.stop();
  }
}

/** The optical sensor: readings from the simulator's heart-rate controls (host/heartRate.ts). */
export class HeartRate {
  constructor() {
    // A watch without the sensor cannot open it.
    if (globalThis.__sim.heartRate.mode() === "absent") throw new Error("no heart-rate sensor");
  }

  getCurrent(): number {
    return globalThis.__sim.heartRate.current();
  }

  getLast(): number {
    return globalThis.__sim.heartRate.current();
  }

  onCurrentChange(listener: () => void): void {
    globalThis.__sim.heartRate.subscribe(listener);
  }

  offCurrentChange(listener: () => void): void {
    globalThis.__sim.heartRate.unsubscribe(listener);
  }
}

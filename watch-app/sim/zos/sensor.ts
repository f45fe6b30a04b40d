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

  setMode(mode: number): void {
    this.mode = mode;
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

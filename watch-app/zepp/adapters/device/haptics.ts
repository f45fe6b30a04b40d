// Haptics over @zos/sensor's Vibrator: a light tick per rep, short taps for the countdown, a
// long buzz when a hold or rest ends, the notification double tap for a side switch or a set.
import {
  VIBRATOR_SCENE_DURATION,
  VIBRATOR_SCENE_NOTIFICATION,
  VIBRATOR_SCENE_SHORT_LIGHT,
  VIBRATOR_SCENE_SHORT_MIDDLE,
  Vibrator,
} from "@zos/sensor";
import type { HapticKind, Haptics } from "../../../core/ports.ts";

const SCENES: Record<HapticKind, number> = {
  rep_tap: VIBRATOR_SCENE_SHORT_LIGHT,
  countdown: VIBRATOR_SCENE_SHORT_MIDDLE,
  hold_end: VIBRATOR_SCENE_DURATION,
  rest_end: VIBRATOR_SCENE_DURATION,
  set_done: VIBRATOR_SCENE_NOTIFICATION,
  switch_side: VIBRATOR_SCENE_NOTIFICATION,
};

/** The port plus `stop`, which the page calls when it closes mid-buzz. */
export function createVibratorHaptics(): Haptics & { stop(): void } {
  // Created lazily: a page that never buzzes never opens the motor.
  let vibrator: Vibrator | null = null;
  return {
    buzz(kind) {
      vibrator ??= new Vibrator();
      vibrator.stop();
      vibrator.start({ mode: SCENES[kind] });
    },
    stop() {
      vibrator?.stop();
    },
  };
}

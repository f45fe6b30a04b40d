// Haptics over the haptics module's named vibration patterns.
import { type VibrationPatternName, vibration } from "haptics";
import type { HapticKind, Haptics } from "../../../core/ports.ts";

const PATTERNS: { [K in HapticKind]: VibrationPatternName } = {
  rep_tap: "bump",
  countdown: "bump",
  hold_end: "confirmation-max",
  rest_end: "confirmation-max",
  set_done: "nudge",
  switch_side: "nudge-max",
};

/** The port plus `stop`, for when the app unloads mid-buzz. */
export function createVibrationHaptics(): Haptics & { stop(): void } {
  return {
    buzz(kind) {
      vibration.stop();
      vibration.start(PATTERNS[kind]);
    },
    stop() {
      vibration.stop();
    },
  };
}

// Haptics over the haptics module's named vibration patterns.
import { type VibrationPatternName, vibration } from "haptics";
import type { HapticKind, Haptics } from "../../../core/ports.ts";

/** A short tap for counting, stronger patterns for what ends a phase or needs the user. */
export const PATTERNS: { [K in HapticKind]: VibrationPatternName } = {
  rep_tap: "bump",
  countdown: "ping",
  hold_end: "confirmation-max",
  rest_end: "nudge-max",
  set_done: "confirmation",
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

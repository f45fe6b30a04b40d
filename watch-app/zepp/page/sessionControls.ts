// Which buttons each session screen offers and what they send to the engine: one table, so the
// round and square layouts cannot disagree about behaviour.
import type { EngineEventType, ScreenView } from "@runstrong/shared/engine";
import type { SessionControls } from "../layout/types.ts";

/** An engine event, or leaving the session page. */
export type SessionCommand = EngineEventType | "exit";

export interface ScreenCommands {
  controls: SessionControls;
  primary: SessionCommand | null;
  secondary: SessionCommand | null;
}

export function commandsFor(view: ScreenView): ScreenCommands {
  switch (view.screen) {
    case "reps":
      return view.can_undo
        ? make("Set done", "set_done", "Undo", "undo_tap", true)
        : make("Set done", "set_done", "Pause", "pause", true);
    case "intro":
      return make("Start hold", "hold_start", "Skip", "skip_exercise");
    case "hold":
      return make("Done", "hold_complete", "Pause", "pause");
    case "rest":
      return make("Skip rest", "rest_skip", "+15 s", "rest_add_15");
    case "switch_side":
      return make("Go", "switch_side", null, null);
    case "paused":
      return make("Resume", "resume", "Finish", "finish");
    case "summary":
      return make("Done", "exit", null, null);
  }
}

function make(
  primaryLabel: string,
  primary: SessionCommand,
  secondaryLabel: string | null,
  secondary: SessionCommand | null,
  tapCounts = false,
): ScreenCommands {
  return {
    controls: { primary: primaryLabel, secondary: secondaryLabel, tapCounts },
    primary,
    secondary,
  };
}

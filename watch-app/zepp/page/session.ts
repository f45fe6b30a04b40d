// The session page: renders whichever screen the session is on (intro, reps, hold, rest, side
// switch, paused, summary) with the target's layout, keeps the screen on and ticks the timers.

import type { ScreenView } from "@runstrong/shared/engine";
import { back } from "@zos/router";
import { createSystemClock } from "../adapters/clock.ts";
import { createVibratorHaptics } from "../adapters/device/haptics.ts";
import { createLocalStorageStore } from "../adapters/device/keyValueStore.ts";
import { createDisplayScreenKeeper } from "../adapters/device/screenKeeper.ts";
import type { SessionLayout } from "../layout/types.ts";
import { openDemoSession } from "./demoSession.ts";
import { commandsFor, type ScreenCommands, type SessionCommand } from "./sessionControls.ts";

/** Timers show whole seconds; four ticks a second keep the display within a quarter second. */
const TICK_MS = 250;

/** A plain page: it never talks to the phone, so it does without ZML's BasePage (5 KB). */
export function sessionPage(layout: SessionLayout): Page.Option {
  const clock = createSystemClock();
  const haptics = createVibratorHaptics();
  const screenKeeper = createDisplayScreenKeeper();
  let ticker: number | null = null;

  return {
    build() {
      const session = openDemoSession(createLocalStorageStore(), haptics, clock.now());
      let commands: ScreenCommands = commandsFor(session.view(clock.now()));
      const ui = layout.build({
        tap: () => {
          if (commands.controls.tapCounts) run("rep_tap");
        },
        primary: () => run(commands.primary),
        secondary: () => run(commands.secondary),
      });

      function show(view: ScreenView): void {
        commands = commandsFor(view);
        ui.render(view, commands.controls);
      }

      function run(command: SessionCommand | null): void {
        if (command === null) return;
        if (command === "exit") {
          session.clear();
          back();
          return;
        }
        show(session.send(command, clock.now()));
      }

      show(session.view(clock.now()));
      screenKeeper.keepOn(true);
      ticker = setInterval(() => show(session.tick(clock.now())), TICK_MS);
    },
    onDestroy() {
      if (ticker !== null) clearInterval(ticker);
      ticker = null;
      haptics.stop();
      screenKeeper.keepOn(false);
    },
  };
}

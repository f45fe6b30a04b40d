// The accent of each session screen, so a glance tells work, hold, rest and pause apart.
import type { ScreenName } from "@runstrong/shared/engine";
import { color } from "./theme.ts";

export function screenAccent(screen: ScreenName): number {
  switch (screen) {
    case "hold":
      return color.hold;
    case "rest":
      return color.rest;
    case "paused":
      return color.paused;
    default:
      return color.accent;
  }
}

/** The small line under the big number: the target, plus the side for one-sided sets. */
export function targetLine(target: string, side: "left" | "right" | undefined): string {
  return side === undefined ? target : `${target} · ${side}`;
}

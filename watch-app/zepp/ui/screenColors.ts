// The accent of each screen kind, so a glance tells work, hold, rest and pause apart.
import type { WatchScreen } from "../../core/index.ts";
import { color } from "../layout/theme.ts";

export function screenAccent(kind: WatchScreen["kind"]): number {
  switch (kind) {
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

// Layouts for square screens (390×450): text top-aligned in full-width rows, a progress bar
// instead of a ring, and full-width buttons along the bottom edge.

import { screenAccent, targetLine } from "./screenColors.ts";
import { color, typeSizes } from "./theme.ts";
import type { HomeLayout, PairingLayout, SessionLayout } from "./types.ts";
import { type Box, button, rect, text } from "./widgets.ts";

const MARGIN = 20;

interface Screen {
  width: number;
  height: number;
}

/** A full-width row (inside the margins) starting at `y` with height `h`, in pixels. */
function row(screen: Screen, y: number, h: number): Box {
  return { x: MARGIN, y, w: screen.width - 2 * MARGIN, h };
}

export function squareHomeLayout(screen: Screen): HomeLayout {
  const t = typeSizes(screen.width);
  return {
    build(actions) {
      const headline = text(row(screen, 40, 50), { size: t.title, color: color.accent });
      const detail = text(row(screen, 100, 120), { size: t.body, color: color.text, wrap: true });
      const start = button(row(screen, screen.height - 150, 64), {
        label: "",
        size: t.button,
        normal: color.accent,
        pressed: color.accentPressed,
        radius: 32,
        onClick: actions.start,
      });
      const pair = button(row(screen, screen.height - 74, 52), {
        label: "",
        size: t.small,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: 26,
        onClick: actions.pair,
      });
      return {
        render(model) {
          headline.set(model.headline);
          detail.set(model.detail);
          start.setLabel(model.start);
          pair.show(model.pair !== null);
          if (model.pair !== null) pair.setLabel(model.pair);
        },
      };
    },
  };
}

export function squareSessionLayout(screen: Screen): SessionLayout {
  const t = typeSizes(screen.width);
  return {
    build(actions) {
      const setLabel = text(row(screen, 14, 32), { size: t.small, color: color.muted });
      const title = text(row(screen, 48, 44), { size: t.title, color: color.text });
      const track = row(screen, 100, 10);
      rect(track, { color: color.track, radius: 5 });
      const bar = rect(track, { color: color.accent, radius: 5 });
      const big = text(row(screen, 118, 130), {
        size: t.big,
        color: color.text,
        onTap: actions.tap,
      });
      const target = text(row(screen, 250, 36), { size: t.body, color: color.muted });
      const next = text(row(screen, 288, 32), { size: t.small, color: color.muted });
      const primary = button(row(screen, screen.height - 128, 64), {
        label: "",
        size: t.button,
        normal: color.accent,
        pressed: color.accentPressed,
        radius: 32,
        onClick: actions.primary,
      });
      const secondary = button(row(screen, screen.height - 56, 48), {
        label: "",
        size: t.small,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: 24,
        onClick: actions.secondary,
      });
      return {
        render(view, controls) {
          bar.setColor(screenAccent(view.screen));
          bar.setFraction(view.ring);
          setLabel.set(view.set_label);
          title.set(view.title);
          big.set(view.big);
          target.set(targetLine(view.target, view.side));
          next.set(view.next_up === undefined ? "" : `Next: ${view.next_up}`);
          primary.show(controls.primary !== null);
          if (controls.primary !== null) primary.setLabel(controls.primary);
          secondary.show(controls.secondary !== null);
          if (controls.secondary !== null) secondary.setLabel(controls.secondary);
        },
      };
    },
  };
}

export function squarePairingLayout(screen: Screen): PairingLayout {
  const t = typeSizes(screen.width);
  return {
    build(actions) {
      const headline = text(row(screen, 40, 50), { size: t.title, color: color.text });
      const code = text(row(screen, 110, 90), { size: t.title * 2, color: color.accent });
      const hint = text(row(screen, 210, 110), { size: t.small, color: color.muted, wrap: true });
      button(row(screen, screen.height - 90, 64), {
        label: "Retry",
        size: t.button,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: 32,
        onClick: actions.retry,
      });
      return {
        render(model) {
          headline.set(model.headline);
          code.set(model.code ?? "");
          hint.set(model.hint);
        },
      };
    },
  };
}

// Layouts for round screens (480 and 466 wide): a progress ring hugs the bezel, text stays in
// the central square, and buttons sit low where the circle is still wide enough.

import { screenAccent, targetLine } from "./screenColors.ts";
import { color, typeSizes } from "./theme.ts";
import type { HomeLayout, PairingLayout, SessionLayout } from "./types.ts";
import { type Box, button, ring, text } from "./widgets.ts";

/** A horizontal band centred on the screen: `top`, `height` and `width` are fractions of `size`. */
function band(size: number, top: number, height: number, width: number): Box {
  const w = Math.round(size * width);
  return {
    x: Math.round((size - w) / 2),
    y: Math.round(size * top),
    w,
    h: Math.round(size * height),
  };
}

export function roundHomeLayout(size: number): HomeLayout {
  const t = typeSizes(size);
  return {
    build(actions) {
      const headline = text(band(size, 0.2, 0.1, 0.7), { size: t.title, color: color.accent });
      const detail = text(band(size, 0.32, 0.2, 0.76), {
        size: t.body,
        color: color.text,
        wrap: true,
      });
      const start = button(band(size, 0.58, 0.13, 0.62), {
        label: "",
        size: t.button,
        normal: color.accent,
        pressed: color.accentPressed,
        radius: Math.round(size * 0.065),
        onClick: actions.start,
      });
      const pair = button(band(size, 0.75, 0.1, 0.46), {
        label: "",
        size: t.small,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: Math.round(size * 0.05),
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

export function roundSessionLayout(size: number): SessionLayout {
  const t = typeSizes(size);
  const half = size / 2;
  return {
    build(actions) {
      const progress = ring({ x: half, y: half }, half - 12, Math.round(size * 0.035), {
        track: color.track,
        fill: color.accent,
      });
      const setLabel = text(band(size, 0.11, 0.07, 0.5), { size: t.small, color: color.muted });
      const title = text(band(size, 0.18, 0.09, 0.72), { size: t.title, color: color.text });
      const big = text(band(size, 0.28, 0.24, 0.66), {
        size: t.big,
        color: color.text,
        onTap: actions.tap,
      });
      const target = text(band(size, 0.52, 0.07, 0.7), { size: t.body, color: color.muted });
      const next = text(band(size, 0.6, 0.07, 0.66), { size: t.small, color: color.muted });
      const primary = button(band(size, 0.69, 0.12, 0.6), {
        label: "",
        size: t.button,
        normal: color.accent,
        pressed: color.accentPressed,
        radius: Math.round(size * 0.06),
        onClick: actions.primary,
      });
      const secondary = button(band(size, 0.83, 0.09, 0.4), {
        label: "",
        size: t.small,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: Math.round(size * 0.045),
        onClick: actions.secondary,
      });
      return {
        render(view, controls) {
          const accent = screenAccent(view.screen);
          progress.setColor(accent);
          progress.setFraction(view.ring);
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

export function roundPairingLayout(size: number): PairingLayout {
  const t = typeSizes(size);
  return {
    build(actions) {
      const headline = text(band(size, 0.17, 0.1, 0.7), { size: t.title, color: color.text });
      const code = text(band(size, 0.33, 0.16, 0.84), { size: t.title * 2, color: color.accent });
      const hint = text(band(size, 0.52, 0.16, 0.78), {
        size: t.small,
        color: color.muted,
        wrap: true,
      });
      button(band(size, 0.74, 0.12, 0.5), {
        label: "Retry",
        size: t.button,
        normal: color.button,
        pressed: color.buttonPressed,
        radius: Math.round(size * 0.06),
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

// Geometry for round screens (480 and 466 wide): a progress ring hugs the bezel, text stays in
// the central square, and buttons sit low where the circle is still wide enough.
import { typeSizes } from "./theme.ts";
import type { Box, HomeLayout, PairingLayout, SessionLayout } from "./types.ts";

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

export function roundSessionLayout(size: number): SessionLayout {
  const half = size / 2;
  return {
    type: typeSizes(size),
    progress: { ring: { cx: half, cy: half, r: half - 12, line: Math.round(size * 0.035) } },
    menu: band(size, 0.035, 0.075, 0.22),
    top: band(size, 0.115, 0.07, 0.62),
    title: band(size, 0.185, 0.09, 0.74),
    big: band(size, 0.275, 0.24, 0.66),
    sub: band(size, 0.515, 0.07, 0.74),
    note: band(size, 0.585, 0.1, 0.74),
    cue: band(size, 0.515, 0.175, 0.78),
    primary: band(size, 0.695, 0.115, 0.58),
    secondary: band(size, 0.825, 0.09, 0.4),
    menuItems: [
      band(size, 0.2, 0.13, 0.66),
      band(size, 0.36, 0.13, 0.74),
      band(size, 0.52, 0.13, 0.74),
      band(size, 0.7, 0.11, 0.48),
    ],
    radius: Math.round(size * 0.055),
  };
}

export function roundHomeLayout(size: number): HomeLayout {
  const w = Math.round(size * 0.74);
  return {
    type: typeSizes(size),
    x: Math.round((size - w) / 2),
    w,
    top: Math.round(size * 0.1),
    bottom: Math.round(size * 0.25),
    line: Math.round(size * 0.075),
    button: Math.round(size * 0.13),
    gap: Math.round(size * 0.02),
    radius: Math.round(size * 0.065),
  };
}

export function roundPairingLayout(size: number): PairingLayout {
  return {
    type: typeSizes(size),
    message: band(size, 0.13, 0.17, 0.72),
    code: band(size, 0.31, 0.16, 0.9),
    expires: band(size, 0.47, 0.07, 0.7),
    url: band(size, 0.54, 0.12, 0.76),
    actions: [band(size, 0.68, 0.11, 0.56), band(size, 0.81, 0.09, 0.4)],
    radius: Math.round(size * 0.055),
  };
}

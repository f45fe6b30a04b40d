// Geometry for square screens (390×450): text top-aligned in full-width rows, a progress bar
// instead of a ring, and full-width buttons along the bottom edge.
import { typeSizes } from "./theme.ts";
import type { Box, HomeLayout, PairingLayout, SessionLayout } from "./types.ts";

const MARGIN = 20;

interface Screen {
  width: number;
  height: number;
}

/** A full-width row (inside the margins) starting at `y` with height `h`, in pixels. */
function row(screen: Screen, y: number, h: number): Box {
  return { x: MARGIN, y, w: screen.width - 2 * MARGIN, h };
}

export function squareSessionLayout(screen: Screen): SessionLayout {
  const { width: w, height: h } = screen;
  return {
    type: typeSizes(w),
    progress: { bar: row(screen, 96, 10) },
    top: { x: MARGIN, y: 12, w: w - 2 * MARGIN - 80, h: 32 },
    menu: { x: w - MARGIN - 70, y: 8, w: 70, h: 40 },
    title: row(screen, 48, 44),
    big: row(screen, 112, 126),
    sub: row(screen, 240, 36),
    note: row(screen, 276, 44),
    cue: row(screen, 240, h - 132 - 240),
    primary: row(screen, h - 124, 62),
    secondary: row(screen, h - 56, 48),
    menuItems: [
      row(screen, 70, 64),
      row(screen, 148, 64),
      row(screen, 226, 64),
      row(screen, h - 90, 56),
    ],
    radius: 28,
  };
}

export function squareHomeLayout(screen: Screen): HomeLayout {
  return {
    type: typeSizes(screen.width),
    x: MARGIN,
    w: screen.width - 2 * MARGIN,
    top: 16,
    bottom: 40,
    line: 34,
    button: 60,
    gap: 8,
    radius: 28,
  };
}

export function squarePairingLayout(screen: Screen): PairingLayout {
  const h = screen.height;
  return {
    type: typeSizes(screen.width),
    message: row(screen, 24, 80),
    code: row(screen, 110, 80),
    expires: row(screen, 192, 36),
    url: row(screen, 230, 60),
    actions: [row(screen, h - 136, 62), row(screen, h - 64, 52)],
    radius: 28,
  };
}

// What each page asks of its screen shape: geometry only. Every shape has its own layout file
// per page (page/*.r480.layout.ts, *.r466.layout.ts, *.s390.layout.ts); the build bundles only
// the target's file into that target's page, so a watch never carries another shape's layout.
// The pages (page/*.ts) turn the core's screen models into widgets placed by these boxes.
import type { TypeSizes } from "./theme.ts";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A ring hugging a round bezel, or a bar across a square screen. */
export type ProgressGeometry =
  | { ring: { cx: number; cy: number; r: number; line: number } }
  | { bar: Box };

/** Every session screen (intro, reps, hold, rest, switch side, paused, summary) fills these slots. */
export interface SessionLayout {
  type: TypeSizes;
  progress: ProgressGeometry;
  /** "Set 2 of 3 · Left side". */
  top: Box;
  /** The exercise. */
  title: Box;
  /** The count or the time; tapping it counts a rep. */
  big: Box;
  /** The target, or what comes next. */
  sub: Box;
  /** The summary's second line, what the next set asks for during a rest. */
  note: Box;
  /** The exercise's cue on the intro screen (up to three lines, over sub and note). */
  cue: Box;
  primary: Box;
  secondary: Box;
  /** Opens the session menu (pause, skip exercise, finish). */
  menu: Box;
  /** The menu: its items top to bottom, the last one closes it. */
  menuItems: Box[];
  /** Button corner radius. */
  radius: number;
}

/** The home list scrolls: rows are stacked from `top` at `x`, `w` wide. */
export interface HomeLayout {
  type: TypeSizes;
  x: number;
  w: number;
  top: number;
  /** Room left under the last row so it can scroll clear of a round bezel. */
  bottom: number;
  /** Height of a text line (sync line, notice, details) and of a button. */
  line: number;
  button: number;
  gap: number;
  radius: number;
}

export interface PairingLayout {
  type: TypeSizes;
  message: Box;
  /** The code, in large type. */
  code: Box;
  expires: Box;
  url: Box;
  /** Up to two buttons ("New code", "Close"). */
  actions: [Box, Box];
  radius: number;
}

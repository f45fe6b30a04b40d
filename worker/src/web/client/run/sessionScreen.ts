// The runner's session screen painted from the engine's view: phase, exercise, set and target,
// the big tap target with its ring, the actions the screen offers, and a spoken line per change.
import type { EngineEventType, EngineState, ScreenView } from "@runstrong/shared/engine";
import { byId } from "../lib/dom.ts";

export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = byId<T>(id);
  if (!found) throw new Error(`runner: #${id} missing`);
  return found;
}

/** Circumference of the progress ring (r = 52). */
const RING = 326.73;

type Screen = ScreenView["screen"];

const PHASE: Record<Screen, string> = {
  reps: "Count your reps",
  intro: "Get in position",
  hold: "Hold",
  switch_side: "Switch sides",
  rest: "Rest · up next",
  paused: "Paused",
  summary: "Done",
};

const BIG_LABEL: Record<Screen, string> = {
  reps: "tap for every rep",
  intro: "tap to start the timer",
  hold: "holding…",
  switch_side: "tap when you are ready",
  rest: "breathe",
  paused: "tap to resume",
  summary: "",
};

export const BIG_EVENT: Partial<Record<Screen, EngineEventType>> = {
  reps: "rep_tap",
  intro: "hold_start",
  switch_side: "switch_side",
  paused: "resume",
};

const PRIMARY: Record<Screen, [string, EngineEventType] | null> = {
  reps: ["Set done", "set_done"],
  intro: ["Start hold", "hold_start"],
  hold: ["Done", "hold_complete"],
  switch_side: ["Go", "switch_side"],
  rest: ["Skip rest", "rest_skip"],
  paused: ["Resume", "resume"],
  summary: null,
};

/** The screen last announced to screen readers ("" after the summary closes: say it again). */
let announced = "";

export function forgetAnnouncement(): void {
  announced = "";
}

export function paintSessionScreen(
  s: EngineState,
  v: ScreenView,
  cues: Readonly<Record<string, string>>,
): void {
  el("run-progress").textContent = `Exercise ${s.itemIndex + 1} of ${s.items.length}`;
  el("run-phase").textContent = PHASE[v.screen];
  el("run-title").textContent = v.title;
  el("run-set").textContent = v.set_label;
  el("run-target").textContent = `· target ${v.target}`;
  const side = el("run-side");
  side.hidden = !v.side;
  side.textContent = v.side === "left" ? "Left side" : v.side === "right" ? "Right side" : "";
  const item = s.items[s.itemIndex];
  el("run-cue").textContent =
    item && (v.screen === "reps" || v.screen === "intro") ? (cues[item.exercise_id] ?? "") : "";
  el("run-big-text").textContent = v.big;
  el("run-big-label").textContent = BIG_LABEL[v.screen];
  const big = el<HTMLButtonElement>("run-big");
  big.dataset.screen = v.screen;
  const bigEvent = BIG_EVENT[v.screen];
  big.setAttribute("aria-disabled", bigEvent ? "false" : "true");
  big.setAttribute(
    "aria-label",
    v.screen === "reps" ? `${v.big} reps. Tap to count a rep.` : `${v.big}. ${BIG_LABEL[v.screen]}`,
  );
  const ring = el("run-ring");
  ring.setAttribute("stroke-dashoffset", String(RING * (1 - v.ring)));
  // A zero-length arc with round caps would still draw a dot.
  ring.setAttribute("visibility", v.ring > 0.005 ? "visible" : "hidden");
  const primary = el<HTMLButtonElement>("run-primary");
  const p = PRIMARY[v.screen];
  primary.hidden = !p;
  if (p) {
    primary.textContent = p[0];
    primary.dataset.event = p[1];
  }
  const undo = el<HTMLButtonElement>("run-undo");
  undo.hidden = v.screen !== "reps";
  undo.disabled = !v.can_undo;
  el("run-secondary").hidden = v.screen !== "rest";
  el("run-pause").textContent = v.screen === "paused" ? "Resume" : "Pause";
  el("run-next").textContent =
    v.screen === "rest" ? "" : v.next_up ? `Then: ${v.next_up}` : "Last exercise";
  if (v.screen !== announced) {
    announced = v.screen;
    const words =
      v.screen === "rest"
        ? `Rest ${v.big}. Next: ${v.title}.`
        : v.screen === "switch_side"
          ? "Switch to the right side."
          : `${PHASE[v.screen]}: ${v.title}, ${v.set_label}${v.side ? `, ${v.side} side` : ""}.`;
    el("run-announce").textContent = words;
  }
}

// Applies a ViewState to resources/index.view: shows one group, writes texts, fills, arc sweeps
// and button labels (only what changed since the last frame), and routes taps on a button's hit
// area to the action it carries in the current frame.
import document from "document";
import {
  type ButtonView,
  GROUPS,
  LAYOUT,
  MENU_BUTTONS,
  type UiAction,
  type ViewState,
} from "./model.ts";

export interface Renderer {
  render(view: ViewState): void;
}

const MENU_GROUP = "menu";

function element<T extends Element = GraphicsElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.view has no #${id}`);
  return found as T;
}

function show(el: GraphicsElement, on: boolean): void {
  const display = on ? "inline" : "none";
  if (el.style.display !== display) el.style.display = display;
}

export function createRenderer(onTap: (act: UiAction) => void): Renderer {
  /** What each button does in the frame on screen (null: hidden or inert). */
  const current: { [id: string]: ButtonView | null } = {};
  const texts: { [id: string]: string } = {};
  const fills: { [id: string]: string } = {};
  const arcs: { [id: string]: number } = {};
  const labels: { [id: string]: string } = {};
  let shownGroup: string | null = null;

  const buttonIds: string[] = Object.keys(MENU_BUTTONS);
  for (const group of GROUPS) buttonIds.push(...Object.keys(LAYOUT[group].buttons));
  for (const id of buttonIds) {
    current[id] = null;
    element(`${id}-hit`).addEventListener("click", () => {
      const button = current[id];
      if (button?.act) onTap(button.act);
    });
  }

  function setText(id: string, value: string): void {
    if (texts[id] === value) return;
    texts[id] = value;
    element(id).text = value;
  }

  function setButtons(
    buttons: { [id: string]: ButtonView | null },
    limits: { [id: string]: number },
  ) {
    for (const id of Object.keys(buttons)) {
      const button = buttons[id] ?? null;
      current[id] = button;
      show(element(id), button !== null);
      if (button === null || !limits[id]) continue;
      if (labels[id] !== button.label) {
        labels[id] = button.label;
        element(`${id}-label`).text = button.label;
      }
    }
  }

  return {
    render(view) {
      if (shownGroup !== view.group) {
        for (const group of GROUPS) show(element(group), group === view.group);
        // Buttons of the groups now hidden must not act on a stale frame.
        for (const group of GROUPS) {
          if (group !== view.group)
            for (const id of Object.keys(LAYOUT[group].buttons)) current[id] = null;
        }
        shownGroup = view.group;
      }
      for (const id of Object.keys(view.texts)) setText(id, view.texts[id] as string);
      for (const id of Object.keys(view.fills)) {
        const fill = view.fills[id] as string;
        if (fills[id] === fill) continue;
        fills[id] = fill;
        element(id).style.fill = fill;
      }
      for (const id of Object.keys(view.arcs)) {
        const angle = view.arcs[id] as number;
        if (arcs[id] === angle) continue;
        arcs[id] = angle;
        element<ArcElement>(id).sweepAngle = angle;
      }
      setButtons(view.buttons, LAYOUT[view.group].buttons);
      const menuGroup = element(MENU_GROUP);
      if (view.menu === null) {
        show(menuGroup, false);
        for (const id of Object.keys(MENU_BUTTONS)) current[id] = null;
      } else {
        setButtons(view.menu, MENU_BUTTONS);
        show(menuGroup, true);
      }
    },
  };
}

// @zos/ui in the simulator: widgets are DOM elements in the watch's screen (host/ui.ts).

import type { Options, SimWidget } from "../host/types.ts";
import { ALIGN, EVENT, PROP, TEXT_STYLE, WIDGET } from "./constants.ts";

export const widget = WIDGET;
export const prop = PROP;
export const align = ALIGN;
export const text_style = TEXT_STYLE;
export const event = EVENT;

export function createWidget(type: number, options: Options = {}): SimWidget {
  return globalThis.__sim.ui.createWidget(type, options);
}

export function deleteWidget(w: SimWidget): void {
  globalThis.__sim.ui.deleteWidget(w);
}

export function showToast(options: { content: string }): void {
  globalThis.__sim.watch.log(`toast: ${options.content}`);
}

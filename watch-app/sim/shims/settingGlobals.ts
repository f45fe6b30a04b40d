// Injected into the simulator's settings-app bundle in place of the Zepp app's settings globals:
// the render functions build plain nodes that the host (host/phone.ts) turns into DOM.
import "../host/types.ts";
import type { Options } from "../host/types.ts";

export interface SettingsNode {
  kind: "View" | "Section" | "Text" | "TextInput" | "Button";
  props: Options;
  children: (SettingsNode | null | false)[];
  text?: string;
}

export const AppSettingsPage = (page: Options): void => globalThis.__sim.phone.settingsPage(page);
export const View = (props: Options, children: SettingsNode[]): SettingsNode => ({
  kind: "View",
  props,
  children,
});
export const Section = (props: Options, children: SettingsNode[]): SettingsNode => ({
  kind: "Section",
  props,
  children,
});
export const Text = (props: Options, text: string): SettingsNode => ({
  kind: "Text",
  props,
  children: [],
  text,
});
export const TextInput = (props: Options): SettingsNode => ({
  kind: "TextInput",
  props,
  children: [],
});
export const Button = (props: Options): SettingsNode => ({ kind: "Button", props, children: [] });

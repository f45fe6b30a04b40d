// Globals of the settings app (runs in the Zepp phone app), which @zeppos/device-types does not
// declare: AppSettingsPage and the render functions it builds its view from.

interface SettingsPageStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
}

interface SettingsPageProps {
  settingsStorage: SettingsPageStorage;
  settings: Record<string, string | undefined>;
}

/** What the render functions return; only ever passed back to other render functions. */
interface SettingsNode {
  readonly __settingsNode: true;
}

type SettingsChild = SettingsNode | null | false;
type SettingsStyle = Record<string, string | number>;

declare function AppSettingsPage<State extends object>(page: {
  state: State;
  build(this: { state: State }, props: SettingsPageProps): SettingsNode;
}): void;

declare function View(props: { style?: SettingsStyle }, children: SettingsChild[]): SettingsNode;

declare function Section(
  props: { title?: string; description?: string; style?: SettingsStyle },
  children: SettingsChild[],
): SettingsNode;

declare function Text(
  props: { bold?: boolean; align?: "left" | "center" | "right"; style?: SettingsStyle },
  text: string,
): SettingsNode;

declare function TextInput(props: {
  label: string;
  value?: string;
  placeholder?: string;
  maxLength?: number;
  onChange(value: string): void;
}): SettingsNode;

declare function Button(props: {
  label: string;
  color?: "default" | "primary" | "secondary";
  style?: SettingsStyle;
  onClick(): void;
}): SettingsNode;

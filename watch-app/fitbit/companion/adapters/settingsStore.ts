// SettingsStore over the companion's settingsStorage (shared with the settings page, whose
// TextInput uses useSimpleValue, so values are plain strings, not {"name": …} JSON).
import { settingsStorage } from "settings";
import type { SettingsStore } from "../../../core/ports.ts";

/** `onWrite` runs after every change the core makes (the companion republishes its status). */
export function createSettingsStore(onWrite: () => void = () => {}): SettingsStore {
  return {
    get: async (key) => settingsStorage.getItem(key),
    set: async (key, value) => {
      settingsStorage.setItem(key, value);
      onWrite();
    },
    remove: async (key) => {
      settingsStorage.removeItem(key);
      onWrite();
    },
  };
}

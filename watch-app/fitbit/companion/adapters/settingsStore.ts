// SettingsStore over the companion's settingsStorage, shared with the settings page (whose
// TextInput uses useSimpleValue, so values are plain strings, not {"name": …} JSON).
import { settingsStorage } from "settings";
import type { SettingsStore } from "../../../core/ports.ts";

export function createSettingsStore(): SettingsStore {
  return {
    get: async (key) => settingsStorage.getItem(key),
    set: async (key, value) => settingsStorage.setItem(key, value),
    remove: async (key) => settingsStorage.removeItem(key),
  };
}

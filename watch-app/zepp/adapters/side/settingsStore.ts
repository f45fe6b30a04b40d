// SettingsStore over the phone-side `settings.settingsStorage`, the storage the settings app
// (setting/index.ts) writes through its props. Synchronous underneath; the port is async.
import type { SettingsStore } from "../../../core/ports.ts";

export function createSideSettingsStore(): SettingsStore {
  const storage = settings.settingsStorage;
  return {
    async get(key) {
      const value = storage.getItem(key);
      return typeof value === "string" ? value : null;
    },
    async set(key, value) {
      storage.setItem(key, value);
    },
    async remove(key) {
      storage.removeItem(key);
    },
  };
}

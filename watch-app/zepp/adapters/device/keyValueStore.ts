// LocalStore over @zos/storage's localStorage (needs the device:os.local_storage permission).
import { localStorage } from "@zos/storage";
import type { LocalStore } from "../../../core/ports.ts";

/**
 * @zeppos/device-types 4.0 types `getItem` as returning void; it returns the stored value
 * (undefined when absent). This view states what the runtime does, in one place.
 */
interface StringStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function createLocalStorageStore(): LocalStore {
  const storage = localStorage as unknown as StringStorage;
  return {
    getItem(key) {
      const value = storage.getItem(key);
      return typeof value === "string" ? value : null;
    },
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}

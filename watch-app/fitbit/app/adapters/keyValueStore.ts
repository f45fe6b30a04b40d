// KeyValueStore over one JSON file in the app's private storage (fs): read once, written through
// on every change so a restart mid-set loses nothing.
// biome-ignore lint/style/useNodejsImportProtocol: Fitbit OS's own "fs" module, not Node's.
import { existsSync, readFileSync, writeFileSync } from "fs";
import type { KeyValueStore } from "../../../core/ports.ts";

const FILE = "runstrong-store.json";

type Entries = { [key: string]: string };

/**
 * A prototype-free copy of the saved entries, so `key in data` never sees Object.prototype
 * (Object.hasOwn is ES2022, beyond what the Fitbit watch runs).
 */
function load(): Entries {
  const data: Entries = Object.create(null);
  if (!existsSync(FILE)) return data;
  try {
    const saved: unknown = readFileSync(FILE, "json");
    if (typeof saved !== "object" || saved === null) return data;
    const entries = saved as { [key: string]: unknown };
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      if (typeof value === "string") data[key] = value;
    }
  } catch {
    // A corrupt file (e.g. power lost mid-write) must not keep the app from starting.
  }
  return data;
}

export function createFileStore(): KeyValueStore {
  const data = load();
  const has = (key: string) => key in data;
  const save = () => writeFileSync(FILE, data, "json");
  return {
    getItem: (key) => (has(key) ? (data[key] as string) : null),
    setItem(key, value) {
      if (has(key) && data[key] === value) return;
      data[key] = value;
      save();
    },
    removeItem(key) {
      if (!has(key)) return;
      delete data[key];
      save();
    },
  };
}

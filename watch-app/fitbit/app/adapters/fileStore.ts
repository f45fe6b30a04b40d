// LocalStore over the watch's private files, one file per key: a rep tap rewrites the small
// session record, not the whole outbox. Each write goes to a temporary file first and is renamed
// over the old one, so power lost mid-write leaves the previous value (or the new one) readable.
// Takes the file functions as a parameter so it runs under vitest; keyValueStore.ts passes "fs".
import type { LocalStore } from "../../../core/ports.ts";

/** The part of Fitbit's "fs" module this store uses (text files in the app's private folder). */
export interface TextFiles {
  existsSync(name: string): boolean;
  readFileSync(name: string, encoding: "utf-8"): string;
  writeFileSync(name: string, data: string, encoding: "utf-8"): void;
  renameSync(from: string, to: string): void;
  unlinkSync(name: string): void;
}

const PREFIX = "kv_";
const TEMP_SUFFIX = ".new";

/** A file name for a key: letters, digits, "." and "-" kept, anything else as _XXXX. */
export function fileNameFor(key: string): string {
  let name = PREFIX;
  for (let k = 0; k < key.length; k++) {
    const c = key.charAt(k);
    if (/[A-Za-z0-9.-]/.test(c)) name += c;
    else name += `_${`000${key.charCodeAt(k).toString(16)}`.slice(-4)}`;
  }
  return name;
}

/**
 * Nothing is cached: the core reads each key once, when it opens, and a copy of the outbox kept
 * here would cost the watch's small JS heap as much again.
 */
export function createFileStore(files: TextFiles): LocalStore {
  return {
    getItem(key) {
      const name = fileNameFor(key);
      for (const candidate of [name, name + TEMP_SUFFIX]) {
        // The temporary file alone means the rename was cut short: it holds the newest value.
        if (!files.existsSync(candidate)) continue;
        try {
          return files.readFileSync(candidate, "utf-8");
        } catch {
          // Unreadable: try the other one, else treat the key as absent.
        }
      }
      return null;
    },
    setItem(key, value) {
      const name = fileNameFor(key);
      const temp = name + TEMP_SUFFIX;
      files.writeFileSync(temp, value, "utf-8");
      if (files.existsSync(name)) files.unlinkSync(name);
      files.renameSync(temp, name);
    },
    removeItem(key) {
      const name = fileNameFor(key);
      for (const candidate of [name + TEMP_SUFFIX, name]) {
        if (files.existsSync(candidate)) files.unlinkSync(candidate);
      }
    },
  };
}

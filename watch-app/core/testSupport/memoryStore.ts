// In-memory stand-ins for the storage ports, with the failure switches tests need.
import type { KeyValueStore, SettingsStore } from "../ports.ts";

export class MemoryKeyValueStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  /** When set, the next writes throw (a full flash). */
  failWrites = false;
  /** When set, writes to this key alone throw. */
  failKey: string | null = null;
  writes = 0;
  /** Copies of the whole store after each write: the states a crash could leave behind. */
  snapshots: Map<string, string>[] | null = null;

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites || this.failKey === key) throw new Error("storage full");
    this.writes++;
    this.data.set(key, value);
    this.snapshots?.push(new Map(this.data));
  }

  removeItem(key: string): void {
    this.data.delete(key);
    this.snapshots?.push(new Map(this.data));
  }

  static from(data: Map<string, string>): MemoryKeyValueStore {
    const store = new MemoryKeyValueStore();
    for (const [k, v] of data) store.data.set(k, v);
    return store;
  }
}

export class MemorySettingsStore implements SettingsStore {
  readonly data = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.data.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.data.set(key, value);
  }

  async remove(key: string): Promise<void> {
    this.data.delete(key);
  }
}

// A KeyValueStore in memory: for tests, scripts and soak devices. `failWrites` simulates a full
// or broken store.
import type { KeyValueStore } from "./ports.ts";

export class MemoryKeyValueStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  failWrites = false;

  async get(key: string): Promise<string | null> {
    return this.data.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    if (this.failWrites) throw new Error("storage is full");
    this.data.set(key, value);
  }

  async remove(key: string): Promise<void> {
    this.data.delete(key);
  }
}

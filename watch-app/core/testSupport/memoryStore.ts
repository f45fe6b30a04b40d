// In-memory stand-ins for the storage ports, with the failure switches tests need.
import type { SettingsStore } from "../ports.ts";

export { MemoryLocalStore } from "@runstrong/shared/sessionDriver/testing";

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

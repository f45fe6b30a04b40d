// @zos/storage in the simulator: the watch's localStorage, kept in the browser's localStorage
// under a per-watch prefix, so it survives "kill app" and page reloads.
import type { SimStorage } from "../host/types.ts";

export const localStorage: SimStorage = {
  getItem: (key, fallback) => globalThis.__sim.storage.getItem(key, fallback),
  setItem: (key, value) => globalThis.__sim.storage.setItem(key, value),
  removeItem: (key) => globalThis.__sim.storage.removeItem(key),
  clear: () => globalThis.__sim.storage.clear(),
};

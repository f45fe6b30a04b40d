// The core's LocalStore on the watch: one file per key in the app's private storage (fs).
// biome-ignore lint/style/useNodejsImportProtocol: Fitbit OS's own "fs" module, not Node's.
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "fs";
import type { LocalStore } from "../../../core/ports.ts";
import { createFileStore } from "./fileStore.ts";

export function createDeviceStore(): LocalStore {
  return createFileStore({
    existsSync,
    readFileSync: (name, encoding) => readFileSync(name, encoding),
    writeFileSync: (name, data, encoding) => writeFileSync(name, data, encoding),
    renameSync,
    unlinkSync,
  });
}

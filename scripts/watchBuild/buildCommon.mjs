// Where the watch build reads and writes, its error type, the printout helpers every step
// shares, and reading back the packages the toolchains wrote.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readZipArchive } from "../zipArchive.mjs";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export const watchDir = path.join(root, "watch-app");
export const distDir = path.join(watchDir, "dist");
export const zeppDir = path.join(watchDir, "zepp");
export const fitbitDir = path.join(watchDir, "fitbit");

export class BuildError extends Error {}

export const rel = (p) => path.relative(root, p) || ".";
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
export const step = (text) => console.log(`\n▸ ${text}`);

/** Reads back a package the toolchains wrote; a malformed one fails the build. */
export function readZip(buffer, label) {
  return readZipArchive(buffer, label, (message) => new BuildError(message));
}

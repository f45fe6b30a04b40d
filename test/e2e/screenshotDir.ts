// Where browser tests write screenshots: the tracked docs/screenshots only when asked for
// (`npm run screenshots` sets UPDATE_SCREENSHOTS=1), otherwise beside the test results, so a
// test run never dirties a contributor's tree.
import { mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export function screenshotDir(): string {
  const dir =
    process.env.UPDATE_SCREENSHOTS === "1"
      ? path.join(root, "docs/screenshots")
      : path.join(root, ".test-results/screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "watch",
    // Pinned so `vitest run --config watch-app/vitest.config.ts` from the repo root finds the tests.
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["core/**/*.test.ts", "fitbit/**/*.test.ts", "zepp/**/*.test.ts", "sim/**/*.test.ts"],
    environment: "node",
  },
});

import { defineConfig } from "vitest/config";

// One vitest run covers every package; each package brings its own project config.
export default defineConfig({
  test: {
    projects: [
      "shared/vitest.config.ts",
      "worker/vitest.config.ts",
      "test/vitest.config.ts",
      "watch-app/vitest.config.ts",
    ],
  },
});

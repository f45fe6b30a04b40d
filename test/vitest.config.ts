import { defineConfig } from "vitest/config";

// Cross-package tests: boundaries between packages, end-to-end runs against the real Worker.
export default defineConfig({
  test: {
    name: "cross",
    include: ["test/**/*.test.ts"],
    root: "..",
    environment: "node",
    // Browser tests wait on a real Worker and Chromium sharing two cores with other suites:
    // a page that updates within ten seconds is working, not flaky.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});

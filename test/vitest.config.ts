import { defineConfig } from "vitest/config";

// Cross-package tests: boundaries between packages, end-to-end runs against the real Worker.
export default defineConfig({
  test: { name: "cross", include: ["test/**/*.test.ts"], root: "..", environment: "node" },
});

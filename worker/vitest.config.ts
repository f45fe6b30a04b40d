// Worker tests run inside workerd with the real D1 (Miniflare) and the real migrations.
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: path.join(root, "wrangler.toml") },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")) },
      },
    }),
  ],
  test: {
    name: "worker",
    include: ["src/**/*.test.ts"],
    setupFiles: ["./test/applyMigrations.ts"],
  },
}));

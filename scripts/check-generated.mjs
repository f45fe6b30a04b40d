// Part of `npm run check`: generated files must be fresh. `wrangler types --check` compares the
// Worker's Env types with wrangler.toml; drizzle-kit generates into a copy of migrations/ and
// must find nothing to add (a schema change without its migration fails here).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => path.join(root, "node_modules/.bin", name);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1" };
let failed = false;

const types = spawnSync(bin("wrangler"), ["types", "--check", "worker/worker-configuration.d.ts"], {
  cwd: root,
  env,
  encoding: "utf8",
});
if (types.status === 0) console.log("worker/worker-configuration.d.ts matches wrangler.toml.");
else {
  failed = true;
  console.error(
    "worker/worker-configuration.d.ts is stale: run `npx wrangler types worker/worker-configuration.d.ts`.",
  );
}

const copy = mkdtempSync(path.join(tmpdir(), "runstrong-migrations-"));
try {
  cpSync(path.join(root, "migrations"), copy, { recursive: true });
  const before = new Set(readdirSync(copy));
  const gen = spawnSync(
    bin("drizzle-kit"),
    // drizzle-kit prefixes --out with "./": give it a path relative to the repository.
    [
      "generate",
      "--dialect",
      "sqlite",
      "--schema",
      "./worker/src/db/schema.ts",
      "--out",
      path.relative(root, copy),
    ],
    { cwd: root, env, encoding: "utf8" },
  );
  const added = readdirSync(copy).filter((f) => !before.has(f));
  // drizzle-kit can exit 0 after an error: its output says so.
  if (gen.status !== 0 || /\bError\b|ENOENT/.test(gen.stderr)) {
    failed = true;
    console.error(`drizzle-kit generate failed:\n${gen.stderr}${gen.stdout}`);
  } else if (added.length > 0) {
    failed = true;
    console.error(
      `worker/src/db/schema.ts has changes without a migration (drizzle-kit would add ${added.join(", ")}): run \`npx drizzle-kit generate\` and commit it.`,
    );
  } else console.log("migrations/ matches worker/src/db/schema.ts.");
} finally {
  rmSync(copy, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

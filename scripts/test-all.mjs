// `npm test`: every suite (vitest projects: shared, worker in workerd, watch core, end-to-end)
// in one run, then one closing line that totals them: "N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const report = `${root}.test-results/vitest.json`;
mkdirSync(`${root}.test-results`, { recursive: true });

const run = spawnSync(
  "vitest",
  [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load counts as a failure even though it ran no test.
  failed += json.testResults.filter(
    (f) => f.status === "failed" && f.assertionResults.length === 0,
  ).length;
} catch {
  failed += 1;
  console.error("No test report was written: the run itself failed.");
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);

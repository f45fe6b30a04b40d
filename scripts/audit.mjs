// `node scripts/audit.mjs`: `npm audit --omit=dev` of the production dependencies. A high or
// critical finding fails (exit 1). When the registry's audit service cannot answer (these
// machines get 405 from it; offline there is no answer at all) the audit is skipped with one
// line saying why, and the script passes: no answer is not a finding.
// `--report <file>` judges a saved `npm audit --json` answer instead of asking the registry.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const TIMEOUT_MS = 120_000;

/** npm's answer: the JSON it printed, or why there is none. */
function askNpm() {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_UPDATE_NOTIFIER: "1" },
  });
  if (run.error?.code === "ETIMEDOUT")
    return { problem: `npm audit did not answer within ${TIMEOUT_MS / 1000} s` };
  if (run.error) return { problem: `npm could not be run (${run.error.message})` };
  return { text: run.stdout, stderr: run.stderr };
}

function firstLine(text) {
  return (
    String(text ?? "")
      .split("\n")
      .map((l) => l.replace(/^npm (error|warn|ERR!)\s*/, "").trim())
      .find((l) => l !== "") ?? ""
  );
}

/** The verdict on one answer of `npm audit --json`: { exit, line }. */
function judge({ text, stderr, problem }) {
  const skipped = (why) => ({ exit: 0, line: `npm audit skipped: ${why}.` });
  if (problem) return skipped(problem);
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return skipped(`no readable answer from npm (${firstLine(stderr) || "empty output"})`);
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    // The service refused (405 here), failed, or could not be reached (ENOTFOUND, ECONNREFUSED…).
    const why =
      report?.message ||
      report?.error?.summary ||
      report?.error?.code ||
      firstLine(stderr) ||
      "the answer has no findings section";
    const status = report?.statusCode ? ` (HTTP ${report.statusCode})` : "";
    return skipped(`the registry's audit service did not answer${status}: ${why}`);
  }
  const serious = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === "high" || v.severity === "critical")
    .map(([name, v]) => `${name} (${v.severity})`);
  const high = (counts.high ?? 0) + (counts.critical ?? 0);
  if (high > 0) {
    const list = serious.length ? `: ${serious.join(", ")}` : "";
    return {
      exit: 1,
      line: `npm audit: ${counts.critical ?? 0} critical and ${counts.high ?? 0} high findings in production dependencies${list}. Run \`npm audit --omit=dev\` for details.`,
    };
  }
  return {
    exit: 0,
    line: `npm audit: no high or critical findings in production dependencies (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low).`,
  };
}

const reportFlag = process.argv.indexOf("--report");
const answer =
  reportFlag >= 0
    ? { text: readFileSync(process.argv[reportFlag + 1] ?? "", "utf8"), stderr: "" }
    : askNpm();
const verdict = judge(answer);
console.log(verdict.line);
process.exitCode = verdict.exit;

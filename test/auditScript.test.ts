// scripts/audit.mjs judges npm's audit answer: a high or critical finding fails; a registry
// that cannot answer (405 on these machines, or offline) is one "skipped" line and a pass.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "../scripts/audit.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "runstrong-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function judge(name: string, answer: unknown) {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(answer));
  const run = spawnSync(process.execPath, [script, "--report", file], { encoding: "utf8" });
  return { exit: run.status, lines: run.stdout.trim().split("\n") };
}

const counts = (high: number, critical: number) => ({
  metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high, critical, total: 3 } },
});

describe("scripts/audit.mjs", () => {
  it("passes with one line when nothing is high or critical", () => {
    const res = judge("clean", { auditReportVersion: 2, vulnerabilities: {}, ...counts(0, 0) });
    expect(res).toEqual({
      exit: 0,
      lines: [
        "npm audit: no high or critical findings in production dependencies (2 moderate, 1 low).",
      ],
    });
  });

  it("fails on a high or critical finding and names the package", () => {
    const res = judge("critical", {
      vulnerabilities: { hono: { severity: "critical" }, zod: { severity: "low" } },
      ...counts(0, 1),
    });
    expect(res.exit).toBe(1);
    expect(res.lines).toHaveLength(1);
    expect(res.lines[0]).toContain("hono (critical)");
    expect(res.lines[0]).not.toContain("zod");
  });

  it("skips in one line, passing, when the audit service answers 405 or cannot be reached", () => {
    const refused = judge("405", {
      message:
        "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
      error: { summary: "", detail: "" },
    });
    expect(refused.exit).toBe(0);
    expect(refused.lines).toEqual([
      expect.stringMatching(/^npm audit skipped: .*HTTP 405.*405 Method Not Allowed/),
    ]);
    const offline = judge("offline", {
      error: { code: "ENOTFOUND", summary: "getaddrinfo ENOTFOUND registry.npmjs.org" },
    });
    expect(offline.exit).toBe(0);
    expect(offline.lines).toEqual([expect.stringMatching(/^npm audit skipped: .*ENOTFOUND/)]);
  });
});

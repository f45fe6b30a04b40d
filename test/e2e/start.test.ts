// `npm start` as a newcomer runs it, offline: the Worker answers and the output holds no error
// (no ENOTFOUND stack trace from Miniflare's Request.cf download, no failed step).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { freePort } from "./localWorker.ts";

const root = path.resolve(import.meta.dirname, "../..");

it("npm start serves the Worker and prints no error", { timeout: 120_000 }, async () => {
  const port = await freePort();
  const persist = mkdtempSync(path.join(tmpdir(), "runstrong-start-"));
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PERSIST_TO: persist },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  try {
    let ok = false;
    const deadline = Date.now() + 90_000;
    while (!ok && Date.now() < deadline && child.exitCode === null) {
      ok = await fetch(`http://127.0.0.1:${port}/api/v1/exercises`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!ok) await new Promise((r) => setTimeout(r, 300));
    }
    expect(ok, out).toBe(true);
    // Give a late Request.cf failure time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(out).toContain(`http://127.0.0.1:${port}/pair`);
    expect(out).not.toMatch(/ENOTFOUND|Error:|\bfailed\b/i);
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    rmSync(persist, { recursive: true, force: true });
  }
});

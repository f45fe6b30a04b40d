// Starts the real Worker with `wrangler dev` on a free loopback port and a throw-away local D1
// (migrations applied the same way `npm start` applies them), for end-to-end tests.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  NO_UPDATE_NOTIFIER: "1",
  CI: "true",
  // No Request.cf download (and no ENOTFOUND trace) without a network.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export type LocalWorker = { url: string; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

export async function startLocalWorker(): Promise<LocalWorker> {
  const persist = mkdtempSync(path.join(tmpdir(), "runstrong-e2e-"));
  const migrate = spawnSync(
    wrangler,
    ["d1", "migrations", "apply", "runstrong", "--local", "--persist-to", persist],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrate.status !== 0)
    throw new Error(`migrations failed: ${migrate.stderr}${migrate.stdout}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    wrangler,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    rmSync(persist, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/api/v1/exercises`);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within 60 s:\n${log}`);
}

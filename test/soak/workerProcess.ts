// The real Worker under `wrangler dev` for the soak, started like test/e2e/localWorker.ts does
// (loopback, a free port, migrations applied to a local D1), but over a data directory that
// outlives each process: the soak kills a Worker (SIGTERM or SIGKILL) and a new process serves
// the same data.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../e2e/localWorker.ts";

const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  NO_UPDATE_NOTIFIER: "1",
  CI: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

const READY_WITHIN_MS = 90_000;

/** Each time wrangler dev rebuilt and reloaded a Worker because a source file changed. */
export const devReloads: { url: string; at: number }[] = [];

/** Every wrangler this module started and has not seen exit: stopped by pid on an interrupt. */
const running = new Set<ChildProcess>();

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};

/** Kills (SIGKILL, by process group) every Worker this process started that still runs. */
export function killStartedWorkers(): void {
  for (const child of running) killGroup(child, "SIGKILL");
  running.clear();
}

/** The local D1 the Worker processes of one soak share, in a temporary directory. */
export class WorkerData {
  readonly dir = mkdtempSync(path.join(tmpdir(), "runstrong-soak-"));

  /**
   * Applies the migrations. It may run alongside the first start: D1 is a SQLite file and the
   * Worker opens it only on a request that needs it.
   */
  migrate(): Promise<void> {
    const run = spawn(
      wrangler,
      ["d1", "migrations", "apply", "runstrong", "--local", "--persist-to", this.dir],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    run.stdout?.on("data", (d) => (out += d));
    run.stderr?.on("data", (d) => (out += d));
    return new Promise((resolve, reject) =>
      run.once("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`migrations failed: ${out}`)),
      ),
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One `wrangler dev` process serving a WorkerData directory. */
export class WorkerProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts wrangler dev and resolves once it answers. */
  static async start(data: WorkerData): Promise<WorkerProcess> {
    const port = await freePort();
    const child = spawn(
      wrangler,
      [
        ...["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", data.dir],
        "--show-interactive-dev-session=false",
      ],
      // Its own process group, so a kill reaches workerd as well as wrangler.
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    running.add(child);
    child.once("exit", () => running.delete(child));
    let log = "";
    const url = `http://127.0.0.1:${port}`;
    const take = (d: Buffer) => {
      const text = String(d);
      if (text.includes("Reloading local server")) devReloads.push({ url, at: Date.now() });
      if (log.length < 100_000) log += text;
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
    const worker = new WorkerProcess(url, child);
    const deadline = Date.now() + READY_WITHIN_MS;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`${worker.url}/api/v1/exercises`, {
          signal: AbortSignal.timeout(5_000),
        });
        await res.arrayBuffer();
        if (res.ok) return worker;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.kill("SIGKILL");
    throw new Error(`wrangler dev did not answer within ${READY_WITHIN_MS / 1000} s:\n${log}`);
  }

  /** Kills the process group with `signal` and waits for wrangler to exit (SIGKILL after 10 s). */
  async kill(signal: "SIGTERM" | "SIGKILL"): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    killGroup(child, signal);
    const late = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(late);
    // workerd may outlive wrangler by a moment after SIGTERM: make sure the group is gone.
    killGroup(child, "SIGKILL");
  }
}

// The chaos soak: households of simulated devices, each a real SyncClient, log sessions against
// `wrangler dev` through the fault proxy while the Worker is killed and restarted; then, on a
// clean link, everything is pushed and pulled to the end and checked (see verify.ts).

import { SoakDevice } from "./device.ts";
import type { Credentials } from "./devicePlatform.ts";
import { isDevServerFault } from "./devServerFaults.ts";
import { noFindings } from "./expectation.ts";
import {
  DEFAULT_FAULTS,
  type FaultKind,
  FaultProxy,
  type FaultRates,
  type WorkerFault,
} from "./faultProxy.ts";
import { type Household, pair, pullEverything, signUp } from "./households.ts";
import { between, fork } from "./random.ts";
import { checkAccount, checkDevice, type DeviceFindings, serverCopyOf } from "./verify.ts";
import { devReloads, WorkerData, WorkerProcess } from "./workerProcess.ts";
import { type DeviceSpec, planWorkload, type Role } from "./workload.ts";

export type SoakConfig = {
  devices: number;
  /** Training sessions each device logs. */
  sessions: number;
  seed: number;
  /** How long the logging should take: devices pace their steps to fill it. */
  workloadSeconds: number;
  /** Hard cap on the whole run: devices stop logging early so the final checks fit. */
  maxSeconds: number;
  restarts: number;
  /** After each kill the Worker stays away for a seeded pause of up to this long. */
  maxPauseSeconds: number;
  faults?: FaultRates;
  log?: (line: string) => void;
};

/** One kill: the signal, and how long the proxy found no Worker behind it. */
export type Restart = { signal: "SIGTERM" | "SIGKILL"; downMs: number };

export type SoakResult = {
  config: Omit<SoakConfig, "log">;
  devices: number;
  households: number;
  mutations: number;
  steps: { done: number; planned: number };
  requests: number;
  faults: Record<FaultKind, number>;
  crashes: number;
  restarts: Restart[];
  lost: string[];
  duplicated: string[];
  resurrected: string[];
  mismatched: string[];
  unknown: string[];
  diverged: string[];
  cursorRegressions: string[];
  refused: string[];
  resets: number;
  worker5xx: string[];
  /** Reloads of the Worker by wrangler dev after source edits during the run, and its 5xx then. */
  devReloads: { reloads: number; answers5xx: string[] };
  wallMs: number;
  /** Everything that makes the run a failure, one line each. */
  problems: string[];
};

const ROLES: readonly Role[] = ["watch", "phone", "web"];
/** Entity id prefixes per role: ids are per account, so a household's devices must differ. */
const TAG: Record<Role, string> = { watch: "w", phone: "p", web: "b" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `task` over `items` with at most `width` at a time. */
async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  task: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(task))));
  return out;
}

function specs(config: SoakConfig): DeviceSpec[] {
  return Array.from({ length: config.devices }, (_, d) => {
    const household = Math.floor(d / 3) + 1;
    const role = ROLES[d % 3] as Role;
    const name = `h${String(household).padStart(2, "0")}-${role}`;
    return { name, tag: `h${household}${TAG[role]}`, household, role, sessions: config.sessions };
  });
}

export async function runSoak(config: SoakConfig): Promise<SoakResult> {
  const started = Date.now();
  const say = config.log ?? (() => undefined);
  const log = (line: string) =>
    say(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}`);
  const hardStop = started + config.maxSeconds * 1_000;
  const data = new WorkerData();
  let worker: WorkerProcess | null = null;
  /** The replacement Worker, starting while the current one serves. */
  const spare: { next: Promise<WorkerProcess> | null } = { next: null };
  const proxy = new FaultProxy(config.seed, config.faults ?? DEFAULT_FAULTS);
  const devices: SoakDevice[] = [];
  const restarts: Restart[] = [];
  try {
    [, worker] = await Promise.all([data.migrate(), WorkerProcess.start(data)]);
    proxy.upstream = worker.url;
    const proxyUrl = await proxy.listen();
    log(`Worker up (pid ${worker.pid}), proxy at ${proxyUrl}`);
    // Each replacement starts while its predecessor still serves (wrangler takes seconds to
    // start); the outage each kill causes is the kill itself plus a seeded pause.
    const startNext = () => {
      const next = WorkerProcess.start(data);
      // Awaited when its turn comes; until then a failed start must not be an unhandled rejection.
      next.catch(() => undefined);
      spare.next = next;
    };
    startNext();

    // Sign-up and pairing through the real API, on a clean link.
    const all = specs(config);
    const householdNumbers = [...new Set(all.map((s) => s.household))];
    const households = new Map<number, Household>();
    const credentials = new Map<string, Credentials>();
    await inBatches(householdNumbers, 4, async (n) => {
      const h = await signUp(proxyUrl, n, config.seed);
      households.set(n, h);
      for (const s of all.filter((x) => x.household === n)) {
        credentials.set(
          s.name,
          s.role === "web"
            ? { cookie: h.cookie }
            : await pair(proxyUrl, h, `${s.name}`, s.role === "watch" ? "zepp" : "cli"),
        );
      }
    });
    for (const s of all) {
      const ctx = {
        proxy: proxyUrl,
        seed: config.seed,
        credentials: credentials.get(s.name) as Credentials,
      };
      const d = new SoakDevice(s, planWorkload(s, fork(config.seed, `workload:${s.name}`)), ctx);
      await d.open();
      devices.push(d);
    }
    const planned = devices.reduce((n, d) => n + d.steps.length, 0);
    log(`${devices.length} devices in ${households.size} households, ${planned} steps to log`);

    // Logging under faults, while the Worker is killed and started again.
    proxy.faultsOn = true;
    const workStart = Date.now();
    const workMs = config.workloadSeconds * 1_000;
    // Leave room for the final push, pull and checks within the cap.
    const logUntil = Math.max(
      workStart + workMs,
      hardStop - Math.max(20_000, config.maxSeconds * 150),
    );
    const working = devices.map((d) => d.work(workMs / Math.max(1, d.steps.length), logUntil));
    const pauses = fork(config.seed, "restarts");
    const restarting = (async () => {
      for (let i = 0; i < config.restarts; i++) {
        const at = workStart + (workMs * (i + 1)) / (config.restarts + 1);
        await sleep(at - Date.now());
        const replacement = await (spare.next as Promise<WorkerProcess>);
        const signal = i % 2 === 0 ? "SIGTERM" : "SIGKILL";
        const down = Date.now();
        const killed = worker as WorkerProcess;
        log(`restart ${i + 1}: ${signal} to ${killed.url} (pid ${killed.pid})`);
        await killed.kill(signal);
        proxy.upstream = null;
        await sleep(between(pauses, 500, config.maxPauseSeconds * 1_000));
        worker = replacement;
        proxy.upstream = worker.url;
        if (i + 1 < config.restarts) startNext();
        else spare.next = null;
        restarts.push({ signal, downMs: Date.now() - down });
        log(
          `restart ${i + 1}: back after ${((Date.now() - down) / 1000).toFixed(1)} s at ${worker.url} (pid ${worker.pid})`,
        );
      }
    })();
    await Promise.all([...working, restarting]);
    log(`logging done after ${((Date.now() - workStart) / 1000).toFixed(1)} s`);

    // Faults off, Worker up: everything pushed, then everything pulled, to the end.
    proxy.faultsOn = false;
    await proxy.settled();
    await Promise.all(devices.map((d) => d.flushAll()));
    await Promise.all(devices.map((d) => d.pullAll()));
    log("every device pushed and pulled to the end");

    const findings = noFindings();
    const perDevice: DeviceFindings[] = [];
    for (const h of households.values()) {
      const reader = await pair(proxyUrl, h, `h${h.n} reader`, "cli");
      const server = serverCopyOf(await pullEverything(proxyUrl, h.n, reader));
      const own = devices.filter((d) => d.spec.household === h.n);
      checkAccount(own, server, findings);
      for (const d of own) perDevice.push(await checkDevice(d, server));
    }
    const reloads = devReloads.filter((r) => r.at >= started);
    const fromDevServer = proxy.workerFaults.filter((f) => isDevServerFault(f, reloads));
    const fromWorker = proxy.workerFaults.filter((f) => !fromDevServer.includes(f));
    const describe = (f: WorkerFault) =>
      `${f.status} ${f.method} ${f.path} from ${f.upstream} at ${((f.at - started) / 1000).toFixed(1)} s: ${f.body}`;
    const flat = (f: (x: DeviceFindings) => string[]) => perDevice.flatMap(f);
    const result: SoakResult = {
      config: { ...config, log: undefined } as Omit<SoakConfig, "log">,
      devices: devices.length,
      households: households.size,
      mutations: devices.reduce(
        (n, d) => n + d.steps.slice(0, d.done).reduce((m, s) => m + s.bodies.length, 0),
        0,
      ),
      steps: { done: devices.reduce((n, d) => n + d.done, 0), planned },
      requests: proxy.requests,
      faults: { ...proxy.faults },
      crashes: devices.reduce(
        (n, d) => n + d.crashes.idle + d.crashes.midFlush + d.crashes.midEnqueue,
        0,
      ),
      restarts,
      lost: [...findings.lost, ...flat((x) => x.lost)],
      duplicated: [...findings.duplicated, ...flat((x) => x.duplicated)],
      resurrected: findings.resurrected,
      mismatched: findings.mismatched,
      unknown: findings.unknown,
      diverged: flat((x) => x.diverged),
      cursorRegressions: flat((x) => x.cursorRegressions),
      refused: flat((x) => x.refused),
      resets: perDevice.reduce((n, x) => n + x.resets, 0),
      worker5xx: fromWorker.map(describe),
      devReloads: { reloads: reloads.length, answers5xx: fromDevServer.map(describe) },
      wallMs: Date.now() - started,
      problems: [],
    };
    result.problems = problemsOf(result);
    return result;
  } finally {
    for (const d of devices) d.close();
    await proxy.close();
    const leftover = await spare.next?.catch(() => null);
    await leftover?.kill("SIGTERM");
    await worker?.kill("SIGTERM");
    data.remove();
  }
}

function problemsOf(r: SoakResult): string[] {
  const out: string[] = [];
  const list = (what: string, items: string[]) => {
    if (items.length > 0)
      out.push(
        `${items.length} ${what}: ${items.slice(0, 5).join("; ")}${items.length > 5 ? " …" : ""}`,
      );
  };
  list("lost", r.lost);
  list("duplicated", r.duplicated);
  list("deleted yet present", r.resurrected);
  list("stored with other values", r.mismatched);
  list("never logged yet present", r.unknown);
  list("diverged", r.diverged);
  list("cursor regressions", r.cursorRegressions);
  list("refused", r.refused);
  list("Worker 5xx", r.worker5xx);
  if (r.resets > 0) out.push(`${r.resets} pull resets without a restored database`);
  if (r.restarts.length < r.config.restarts)
    out.push(`only ${r.restarts.length} of ${r.config.restarts} restarts`);
  return out;
}

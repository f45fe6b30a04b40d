// What the sync benchmarks share (bench/sync.bench.mjs, bench/firstSync.bench.mjs): Workers
// started locally with wrangler's unstable_startWorker on loopback, throw-away D1 directories,
// a watchdog that stops everything this process started, an API client that signs up and pairs
// a device through the real flow, the benchmark's set rows, and the statistics and formats.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { localApi, sessionCookie } from "../scripts/localApi.mjs";

// Before wrangler loads: no telemetry, no update check, no download of the Request.cf object.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.NO_UPDATE_NOTIFIER = "1";
process.env.WRANGLER_HIDE_BANNER = "true";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

const startedAt = performance.now();
const elapsed = () => performance.now() - startedAt;
export const log = (...args) =>
  console.log(`[${(elapsed() / 1000).toFixed(1).padStart(5)} s]`, ...args);

/** wrangler 4 needs Node >= 22.12: `npm run` puts the repo's own Node 22 first on PATH. */
export function requireNode22(script) {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return;
  console.error(
    `Node ${process.versions.node}: wrangler needs Node >= 22.12. Run it as \`npm run ${script}\` ` +
      "(npm puts the repo's Node 22 first on PATH) or with node_modules/.bin/node.",
  );
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Workers and other servers this process starts, and the watchdog that stops them

const temps = [];
const running = new Set();

export function tempDir(label) {
  const dir = mkdtempSync(join(os.tmpdir(), `runstrong-bench-${label}-`));
  temps.push(dir);
  return dir;
}

/** Applies the D1 migrations of `config` (default: the repo's wrangler.toml) into `persist`. */
export function applyMigrations(persist, { config, database = "runstrong" } = {}) {
  const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  const args = ["d1", "migrations", "apply", database, "--local", "--persist-to", persist];
  if (config) args.push("--config", config);
  const res = spawnSync(process.execPath, [wrangler, ...args], {
    cwd: ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`migrations failed:\n${res.stdout}\n${res.stderr}`);
}

/** Starts the Worker of `config` on a free loopback port with its D1 in `persist`. */
export async function startWorker(config, persist) {
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config,
    dev: {
      server: { hostname: "127.0.0.1", port: 0 },
      persist,
      inspector: false,
      watch: false,
      liveReload: false,
      logLevel: "warn",
    },
  });
  const handle = { stop: () => worker.dispose() };
  running.add(handle);
  await worker.ready;
  const url = new URL(String(await worker.url));
  if (url.hostname !== "127.0.0.1") throw new Error(`worker is not on loopback: ${url}`);
  return {
    base: url.origin,
    stop: async () => {
      running.delete(handle);
      await worker.dispose();
    },
  };
}

/** A Worker of the repo's wrangler.toml on its own freshly migrated local D1. */
export async function serviceWorker(label) {
  const persist = tempDir(label);
  applyMigrations(persist);
  return startWorker(join(ROOT, "wrangler.toml"), persist);
}

/** Registers anything else this process started (a child server, a browser) for stopAll. */
export function trackStop(stop) {
  const handle = { stop };
  running.add(handle);
  return async () => {
    running.delete(handle);
    await stop();
  };
}

export async function stopAll() {
  await Promise.allSettled([...running].map((h) => h.stop()));
  running.clear();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

/** Stops everything after `limitMs`, and the process 5 s later if stopping hangs. */
export function watchdog(name, limitMs) {
  const timer = setTimeout(() => {
    console.error(`${name}: over ${limitMs / 1000} s, stopping.`);
    const forced = setTimeout(() => process.exit(2), 5000);
    forced.unref();
    stopAll().finally(() => process.exit(2));
  }, limitMs);
  timer.unref();
  return () => clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// HTTP

/**
 * Signs up, pairs a device through the real flow and returns a client for it: pushes (each
 * numbered after the last, all must be applied), pulls, and the web session's cookie.
 */
export async function account(base, label) {
  const api = localApi(base);
  const { call, expect, pairDevice } = api;
  const email = `bench-${label}-${Date.now()}@runstrong.local`;
  const signup = await call("POST", "/auth/signup", {
    body: { email, password: "bench-password-1" },
  });
  expect(signup, 201, "signup");
  const cookie = sessionCookie(signup);
  const token = await pairDevice(cookie, `bench ${label}`, "cli");

  let seq = 0;
  let cursor;
  return {
    api,
    cookie,
    token,
    /** Pushes bodies as one push; returns the elapsed milliseconds. */
    async push(bodies) {
      const mutations = bodies.map((b) => ({ seq: ++seq, ...b }));
      const t = performance.now();
      const res = await call("POST", "/sync/push", { token, body: { schema: 1, mutations } });
      const ms = performance.now() - t;
      const body = expect(res, 200, "push");
      const bad = body.acks.filter((a) => a.status !== "applied");
      if (bad.length)
        throw new Error(`push: ${bad.length} not applied, e.g. ${JSON.stringify(bad[0])}`);
      cursor = body.cursor;
      return ms;
    },
    get cursor() {
      return cursor;
    },
    /** One pull since `since`; returns the elapsed milliseconds and the page. */
    async pull(since) {
      const t = performance.now();
      const res = await call("GET", `/sync/pull?cursor=${encodeURIComponent(since)}`, {
        token,
      });
      const ms = performance.now() - t;
      return { ms, page: expect(res, 200, "pull") };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rows: the same set rows for the Worker and every baseline

export const PUSH_SIZE = 200;
const EXERCISES = ["squat", "deadlift", "lunge", "glute-bridge", "step-up", "plank", "calf-raise"];
const T0 = Date.UTC(2026, 0, 5, 18, 0, 0);

/** The args of the `i`th set.log of a benchmark series. */
export function setArgs(prefix, i, sessionId) {
  const exercise = EXERCISES[i % EXERCISES.length];
  const t = T0 + i * 45_000;
  const a = {
    id: `${prefix}-${i}`,
    session_id: sessionId,
    exercise_id: exercise,
    set_index: i % 3,
    started_at: new Date(t).toISOString(),
    ended_at: new Date(t + 40_000).toISOString(),
  };
  if (exercise === "plank") {
    a.hold_s = 40 + (i % 20);
    a.target_hold_s = 60;
  } else {
    a.reps = 8 + (i % 8);
    a.target_reps = 12;
  }
  if (exercise === "lunge" || exercise === "step-up") a.side = i % 2 ? "right" : "left";
  if (exercise === "deadlift" || exercise === "calf-raise") a.weight_kg = 16;
  return a;
}

/** `count` set.log mutations in pushes of PUSH_SIZE, all of session `${prefix}-s`. */
export function* setPushes(prefix, from, count) {
  const sessionId = `${prefix}-s`;
  for (let i = from; i < from + count; i += PUSH_SIZE) {
    const bodies = [];
    for (let j = i; j < Math.min(i + PUSH_SIZE, from + count); j++) {
      bodies.push({ op: "set.log", args: setArgs(prefix, j, sessionId) });
    }
    yield bodies;
  }
}

/** Rows of 200 set rows (with user_id and version) as a baseline stores them. */
export function setRowBatches(prefix, batches, userId) {
  return Array.from({ length: batches }, (_, b) =>
    Array.from({ length: PUSH_SIZE }, (_, i) => {
      const n = b * PUSH_SIZE + i;
      return { user_id: userId, version: n + 1, ...setArgs(prefix, n, `${prefix}-s`) };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
export const fmtMs = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const fmtRatio = (x) =>
  x >= 10 ? `${x.toFixed(0)}×` : x >= 1 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
export const fmtKB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

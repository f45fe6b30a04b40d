// `npm run bench:sync`: a benchmark of the sync service, not a test. It starts the real Worker
// locally (wrangler's unstable_startWorker with the repo's wrangler.toml, Miniflare's D1 in a
// temporary directory) and measures, all in the same run so the ratios hold on any machine:
//   - push throughput: set.log mutations per second through POST /sync/push, 200 per push;
//   - baseline A: a naive Worker (bench/naive-worker.js) inserting one row per request into D1;
//   - baseline B: raw SQLite (better-sqlite3 when installed, else Node's built-in node:sqlite) inserting the same rows into the same table and indexes, in one
//     transaction and in 200-row transactions;
//   - pull: a pull of 10 new changes with 1k versus 100k rows of history in the account.
// Prints a table and the ratios, and writes them as the `## Sync service` section of
// docs/benchmarks.md. Only loopback traffic; bounded counts; stops by itself (about 1-2 minutes
// on 2 cores). `--quick` runs smaller counts and leaves docs/benchmarks.md alone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { localApi, sessionCookie } from "../scripts/localApi.mjs";
import { machine, printTable, writeDocSection } from "./benchmarkReport.mjs";

// Before wrangler loads: no telemetry, no update check, no download of the Request.cf object.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.NO_UPDATE_NOTIFIER = "1";
process.env.WRANGLER_HIDE_BANNER = "true";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const QUICK = process.argv.includes("--quick");

const N = QUICK
  ? { warmupPushes: 2, timedPushes: 5, naiveWarmup: 20, naiveRows: 300, small: 1_000 }
  : { warmupPushes: 3, timedPushes: 25, naiveWarmup: 50, naiveRows: 2_000, small: 1_000 };
N.pushSize = 200;
N.large = QUICK ? 10_000 : 100_000;
N.newChanges = 10;
N.pullWarmup = 3;
N.pullRounds = 15;
N.floorRequests = 200;
N.sqliteRows = N.timedPushes * N.pushSize;

const HARD_LIMIT_MS = 175_000; // the whole run, then the watchdog stops it
const HISTORY_BUDGET_MS = 80_000; // seeding the large history stops early past this

const started = performance.now();
const elapsed = () => performance.now() - started;
const log = (...args) => console.log(`[${(elapsed() / 1000).toFixed(1).padStart(5)} s]`, ...args);

const [nodeMajor, nodeMinor] = process.versions.node.split(".").map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 12)) {
  console.error(
    `Node ${process.versions.node}: wrangler needs Node >= 22.12. Run it as \`npm run bench:sync\` ` +
      "(npm puts the repo's Node 22 first on PATH) or with node_modules/.bin/node.",
  );
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Workers

const temps = [];
const running = new Set();

function tempDir(label) {
  const dir = mkdtempSync(join(os.tmpdir(), `runstrong-bench-${label}-`));
  temps.push(dir);
  return dir;
}

function applyMigrations(persist) {
  const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  const res = spawnSync(
    process.execPath,
    [wrangler, "d1", "migrations", "apply", "runstrong", "--local", "--persist-to", persist],
    {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  if (res.status !== 0) throw new Error(`migrations failed:\n${res.stdout}\n${res.stderr}`);
}

async function startWorker(config, persist) {
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
  running.add(worker);
  await worker.ready;
  const url = new URL(String(await worker.url));
  if (url.hostname !== "127.0.0.1") throw new Error(`worker is not on loopback: ${url}`);
  return {
    base: url.origin,
    stop: async () => {
      running.delete(worker);
      await worker.dispose();
    },
  };
}

async function stopAll() {
  await Promise.allSettled([...running].map((w) => w.dispose()));
  running.clear();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.error(`bench:sync: over ${HARD_LIMIT_MS / 1000} s, stopping.`);
  const forced = setTimeout(() => process.exit(2), 5000);
  forced.unref();
  stopAll().finally(() => process.exit(2));
}, HARD_LIMIT_MS);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// HTTP

/** Signs up, pairs a device through the real flow and returns a pusher for it. */
async function account(base, label) {
  const { call, expect, pairDevice } = localApi(base);
  const email = `bench-${label}-${Date.now()}@runstrong.local`;
  const signup = await call("POST", "/auth/signup", {
    body: { email, password: "bench-password-1" },
  });
  expect(signup, 201, "signup");
  const token = await pairDevice(sessionCookie(signup), `bench ${label}`, "cli");

  let seq = 0;
  let cursor;
  return {
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
// Rows: the same set rows for the Worker, the naive Worker and SQLite

const EXERCISES = ["squat", "deadlift", "lunge", "glute-bridge", "step-up", "plank", "calf-raise"];
const T0 = Date.UTC(2026, 0, 5, 18, 0, 0);

function setArgs(prefix, i, sessionId) {
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

/** `count` set.log mutations in pushes of 200, the first one opening the session. */
function* setPushes(prefix, from, count) {
  const sessionId = `${prefix}-s`;
  for (let i = from; i < from + count; i += N.pushSize) {
    const bodies = [];
    for (let j = i; j < Math.min(i + N.pushSize, from + count); j++) {
      bodies.push({ op: "set.log", args: setArgs(prefix, j, sessionId) });
    }
    yield bodies;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
const fmtMs = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const fmtRatio = (x) =>
  x >= 10 ? `${x.toFixed(0)}×` : x >= 1 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;

// ---------------------------------------------------------------------------------------------
// The measurements

async function benchService(results) {
  const persist = tempDir("service");
  log("applying migrations to a temporary local D1…");
  applyMigrations(persist);
  log("starting the Worker (wrangler.toml)…");
  const worker = await startWorker(join(ROOT, "wrangler.toml"), persist);
  try {
    log(`Worker at ${worker.base}`);
    const big = await account(worker.base, "large");
    const small = await account(worker.base, "small");

    // Push throughput.
    let next = 0;
    const pushes = [...setPushes("L", 0, (N.warmupPushes + N.timedPushes) * N.pushSize)];
    for (const bodies of pushes.slice(0, N.warmupPushes)) await big.push(bodies);
    next += N.warmupPushes * N.pushSize;
    log(`push: ${N.timedPushes} pushes of ${N.pushSize} set.log…`);
    const pushMs = [];
    const t = performance.now();
    for (const bodies of pushes.slice(N.warmupPushes)) pushMs.push(await big.push(bodies));
    const total = performance.now() - t;
    next += N.timedPushes * N.pushSize;
    results.push = {
      rows: N.timedPushes * N.pushSize,
      rowsPerS: (N.timedPushes * N.pushSize) / (total / 1000),
      medianMs: median(pushMs),
    };
    log(
      `push: ${fmtInt(results.push.rowsPerS)} set.log/s, median push ${fmtMs(results.push.medianMs)}`,
    );

    // Histories: 1k rows in one account, up to 100k in the other (time-bounded).
    for (const bodies of setPushes("S", 0, N.small)) await small.push(bodies);
    log(`seeding ${fmtInt(N.large)} rows of history…`);
    const seedFrom = next;
    const seedStart = performance.now();
    for (const bodies of setPushes("L", next, N.large - next)) {
      await big.push(bodies);
      next += bodies.length;
      if (performance.now() - seedStart > HISTORY_BUDGET_MS) {
        log(`history budget spent: stopping at ${fmtInt(next)} rows`);
        break;
      }
    }
    const seedMs = performance.now() - seedStart;
    results.history = {
      small: N.small,
      large: next,
      seeded: next - seedFrom,
      seedRowsPerS: (next - seedFrom) / (seedMs / 1000),
    };
    log(`history: ${fmtInt(next)} rows (seeded at ${fmtInt(results.history.seedRowsPerS)} rows/s)`);

    // 10 new changes on top of each history, then pulls since the cursor before them.
    const since = { small: small.cursor, big: big.cursor };
    await small.push([...setPushes("S", N.small, N.newChanges)][0]);
    await big.push([...setPushes("L", next, N.newChanges)][0]);
    const times = { small: [], big: [] };
    for (let round = 0; round < N.pullWarmup + N.pullRounds; round++) {
      for (const [key, acct] of [
        ["small", small],
        ["big", big],
      ]) {
        const { ms, page } = await acct.pull(since[key]);
        if (page.changes.sets.length !== N.newChanges || page.has_more) {
          throw new Error(
            `pull ${key}: expected ${N.newChanges} sets, got ${page.changes.sets.length}`,
          );
        }
        if (round >= N.pullWarmup) times[key].push(ms);
      }
    }
    results.pull = { small: median(times.small), large: median(times.big), rounds: N.pullRounds };
    log(
      `pull of ${N.newChanges}: ${fmtMs(results.pull.small)} (1k) vs ${fmtMs(results.pull.large)} (${fmtInt(next)})`,
    );
  } finally {
    await worker.stop();
  }
}

async function benchNaive(results) {
  const persist = tempDir("naive");
  const config = join(persist, "wrangler.toml");
  writeFileSync(
    config,
    [
      'name = "runstrong-bench-naive"',
      `main = ${JSON.stringify(join(ROOT, "bench", "naive-worker.js"))}`,
      'compatibility_date = "2025-10-01"',
      "[[d1_databases]]",
      'binding = "DB"',
      'database_name = "naive"',
      'database_id = "00000000-0000-4000-8000-00000000beef"',
      "",
    ].join("\n"),
  );
  log("starting the naive Worker (bench/naive-worker.js)…");
  const worker = await startWorker(config, persist);
  try {
    const insert = async (i) => {
      const row = { user_id: "naive", version: i + 1, ...setArgs("N", i, "N-s") };
      const res = await fetch(`${worker.base}/insert`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(row),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.status !== 204) throw new Error(`naive insert: HTTP ${res.status}`);
    };
    for (let i = 0; i < N.naiveWarmup; i++) await insert(i);
    log(`naive: ${fmtInt(N.naiveRows)} rows, one request each…`);
    const ms = [];
    const t = performance.now();
    for (let i = N.naiveWarmup; i < N.naiveWarmup + N.naiveRows; i++) {
      const t1 = performance.now();
      await insert(i);
      ms.push(performance.now() - t1);
    }
    const total = performance.now() - t;
    // The floor: a request that touches nothing, through the same dev server.
    const floor = [];
    for (let i = 0; i < N.floorRequests; i++) {
      const t1 = performance.now();
      const res = await fetch(`${worker.base}/nothing`, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      floor.push(performance.now() - t1);
    }
    const count = await (await fetch(`${worker.base}/count`)).json();
    if (count.rows !== N.naiveWarmup + N.naiveRows)
      throw new Error(`naive: ${count.rows} rows stored`);
    results.naive = {
      rows: N.naiveRows,
      rowsPerS: N.naiveRows / (total / 1000),
      medianMs: median(ms),
      floorMs: median(floor),
    };
    log(
      `naive: ${fmtInt(results.naive.rowsPerS)} rows/s, median request ${fmtMs(results.naive.medianMs)}` +
        ` (an empty request: ${fmtMs(results.naive.floorMs)})`,
    );
  } finally {
    await worker.stop();
  }
}

/**
 * better-sqlite3 if it loads (a native module: it fails to load when it was compiled against
 * other Node headers than the running Node's), else Node's built-in node:sqlite.
 * BENCH_SQLITE=node forces node:sqlite.
 */
async function openSqlite(file) {
  try {
    if (process.env.BENCH_SQLITE === "node") throw new Error("BENCH_SQLITE=node");
    const Database = require("better-sqlite3");
    const db = new Database(file);
    const version = require("better-sqlite3/package.json").version;
    return {
      name: `better-sqlite3 ${version}`,
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql),
      transaction: (fn) => db.transaction(fn),
      sqliteVersion: db.prepare("select sqlite_version() AS v").get().v,
      close: () => db.close(),
    };
  } catch (err) {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(file);
    console.warn(`better-sqlite3 did not load (${err.message.split("\n")[0]}); using node:sqlite`);
    return {
      name: `node:sqlite ${process.versions.node}`,
      exec: (sql) => db.exec(sql),
      prepare: (sql) => db.prepare(sql),
      transaction: (fn) => (arg) => {
        db.exec("BEGIN");
        try {
          fn(arg);
          db.exec("COMMIT");
        } catch (e) {
          db.exec("ROLLBACK");
          throw e;
        }
      },
      sqliteVersion: db.prepare("select sqlite_version() AS v").get().v,
      close: () => db.close(),
    };
  }
}

async function benchSqlite(results) {
  const dir = tempDir("sqlite");
  const db = await openSqlite(join(dir, "bench.sqlite"));
  try {
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    // The service's own schema, so the table and its indexes are the same as D1's.
    const migration = readFileSync(join(ROOT, "migrations", "0000_init.sql"), "utf8");
    for (const stmt of migration.split("--> statement-breakpoint")) {
      if (stmt.trim()) db.exec(stmt);
    }
    db.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)").run(
      "u",
      "bench@runstrong.local",
      "x",
      Date.now(),
    );
    const insert = db.prepare(
      `INSERT INTO sets (user_id, id, session_id, exercise_id, set_index, started_at, ended_at,
        reps, hold_s, side, weight_kg, rpe, target_reps, target_hold_s, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMany = db.transaction((rows) => {
      for (const r of rows) {
        insert.run(
          "u",
          r.id,
          r.session_id,
          r.exercise_id,
          r.set_index,
          r.started_at,
          r.ended_at,
          r.reps ?? null,
          r.hold_s ?? null,
          r.side ?? null,
          r.weight_kg ?? null,
          r.rpe ?? null,
          r.target_reps ?? null,
          r.target_hold_s ?? null,
          r.version,
        );
      }
    });
    const rows = (prefix, n) =>
      Array.from({ length: n }, (_, i) => ({
        ...setArgs(prefix, i, `${prefix}-s`),
        version: i + 1,
      }));
    insertMany(rows("W", 1_000)); // warm-up
    const one = rows("A", N.sqliteRows);
    let t = performance.now();
    insertMany(one);
    const oneTx = performance.now() - t;
    const chunked = rows("B", N.sqliteRows);
    t = performance.now();
    for (let i = 0; i < chunked.length; i += N.pushSize)
      insertMany(chunked.slice(i, i + N.pushSize));
    const chunkTx = performance.now() - t;
    results.sqlite = {
      name: db.name,
      sqliteVersion: db.sqliteVersion,
      rows: N.sqliteRows,
      oneTxRowsPerS: N.sqliteRows / (oneTx / 1000),
      chunkRowsPerS: N.sqliteRows / (chunkTx / 1000),
    };
    log(
      `${db.name}: ${fmtInt(results.sqlite.oneTxRowsPerS)} rows/s in one transaction, ` +
        `${fmtInt(results.sqlite.chunkRowsPerS)} rows/s in ${N.pushSize}-row transactions`,
    );
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function table(r) {
  const history = fmtInt(r.history.large);
  const rows = [
    [
      `Push: set.log via POST /sync/push (${N.timedPushes} pushes × ${N.pushSize})`,
      `${fmtInt(r.push.rowsPerS)} rows/s`,
      `median push ${fmtMs(r.push.medianMs)}`,
    ],
    [
      `Push while seeding the history (${fmtInt(r.history.seeded)} more rows)`,
      `${fmtInt(r.history.seedRowsPerS)} rows/s`,
      "same pushes, growing tables",
    ],
    [
      `Baseline A: naive Worker, 1 row per request into D1 (${fmtInt(r.naive.rows)} requests)`,
      `${fmtInt(r.naive.rowsPerS)} rows/s`,
      `median request ${fmtMs(r.naive.medianMs)}`,
    ],
    [
      "Request floor: an empty request to the same dev server (404)",
      fmtMs(r.naive.floorMs),
      `median of ${N.floorRequests}`,
    ],
    [
      `Baseline B: ${r.sqlite.name}, one transaction (${fmtInt(r.sqlite.rows)} rows)`,
      `${fmtInt(r.sqlite.oneTxRowsPerS)} rows/s`,
      `SQLite ${r.sqlite.sqliteVersion}, WAL`,
    ],
    [
      `Baseline B: ${r.sqlite.name}, ${N.pushSize}-row transactions`,
      `${fmtInt(r.sqlite.chunkRowsPerS)} rows/s`,
      "",
    ],
    [
      `Pull of ${N.newChanges} new changes, ${fmtInt(r.history.small)} rows of history`,
      fmtMs(r.pull.small),
      `median of ${r.pull.rounds}`,
    ],
    [
      `Pull of ${N.newChanges} new changes, ${history} rows of history`,
      fmtMs(r.pull.large),
      `median of ${r.pull.rounds}`,
    ],
  ];
  const ratios = [
    ["Push ÷ naive one-row-per-request", fmtRatio(r.push.rowsPerS / r.naive.rowsPerS)],
    ["Push ÷ SQLite, one transaction", fmtRatio(r.push.rowsPerS / r.sqlite.oneTxRowsPerS)],
    [
      `Push ÷ SQLite, ${N.pushSize}-row transactions`,
      fmtRatio(r.push.rowsPerS / r.sqlite.chunkRowsPerS),
    ],
    [
      `Pull time, ${history} ÷ ${fmtInt(r.history.small)} rows of history (≈ 1 expected)`,
      (r.pull.large / r.pull.small).toFixed(2),
    ],
  ];
  return { rows, ratios };
}

function markdown(r, m, { rows, ratios }) {
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    "## Sync service",
    "",
    `Measured ${date} by \`npm run bench:sync\` (bench/sync.bench.mjs) on ${m.cores} cores (${m.cpu}),`,
    `${m.memGiB} GiB, ${m.os}, Node ${m.node}, wrangler ${m.wrangler}. Shared cores: expect ±30% between runs;`,
    "the ratios, measured in the same run, are what to compare.",
    "",
    "Method: the real Worker runs locally under wrangler's `unstable_startWorker` with the repo's",
    "wrangler.toml and Miniflare's D1 in a temporary directory (migrations applied first); a client",
    "in the same process signs up, pairs a device through the real pairing flow and sends HTTP over",
    "loopback. Push: sequential pushes of 200 `set.log` after a warm-up, timed from outside the",
    "Worker. Baseline A: bench/naive-worker.js, the same table and indexes as `sets` in D1, one",
    "`POST /insert` per row. Baseline B: the same rows into the service's own schema with",
    `${r.sqlite.name} (WAL, synchronous=NORMAL), in-process, no HTTP. Pull: \`GET /sync/pull\` of the`,
    "10 changes of one push, with a cursor taken just before it, in an account with 1k and one with",
    "100k rows of history, alternating, after warm-up pulls. Every request goes through wrangler's",
    "local dev server (its proxy adds a few ms per request, see the request floor), which weighs on",
    "the one-row-per-request baseline far more than on 200-mutation pushes, as network latency would.",
    "Raw SQLite is better-sqlite3 when it is installed; it is not a dependency because on these",
    "machines npm builds native addons against the system Node 20 headers, which the repo's Node 22",
    "cannot load, so the benchmark uses Node's built-in node:sqlite (the same SQLite engine) instead.",
    "",
    "| Measurement | Result | Note |",
    "|---|---:|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    "| Ratio | Value |",
    "|---|---:|",
    ...ratios.map((row) => `| ${row.join(" | ")} |`),
    "",
  ];
  return lines.join("\n");
}

async function main() {
  const results = {};
  try {
    await benchService(results);
    await benchNaive(results);
    await benchSqlite(results);
  } finally {
    await stopAll();
  }
  const m = machine({ wrangler: require("wrangler/package.json").version });
  const t = table(results);
  printTable(t);
  if (QUICK) {
    log("--quick: docs/benchmarks.md left alone.");
  } else {
    log(`wrote ${writeDocSection("## Sync service", markdown(results, m, t))}`);
  }
  clearTimeout(watchdog);
}

main().catch((err) => {
  console.error(`bench:sync failed: ${err.stack ?? err}`);
  process.exitCode = 1;
});

// The baselines bench/sync.bench.mjs measures beside the push, in the same run and with the same
// set rows: the naive one-request-per-row Worker, a bare D1 batch behind the same HTTP hop, raw
// SQLite in-process, and PouchDB replication to a CouchDB-style server on loopback.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  applyMigrations,
  fmtInt,
  fmtMs,
  log,
  median,
  PUSH_SIZE,
  ROOT,
  setArgs,
  setRowBatches,
  startWorker,
  tempDir,
  trackStop,
} from "./syncHarness.mjs";

const require = createRequire(import.meta.url);

/** A wrangler.toml in `dir` for a bench Worker with one D1 binding (and optionally migrations). */
function benchConfig(dir, name, main, { migrations = false } = {}) {
  const config = join(dir, "wrangler.toml");
  writeFileSync(
    config,
    [
      `name = "runstrong-bench-${name}"`,
      `main = ${JSON.stringify(join(ROOT, "bench", main))}`,
      'compatibility_date = "2025-10-01"',
      "[[d1_databases]]",
      'binding = "DB"',
      `database_name = "${name}"`,
      'database_id = "00000000-0000-4000-8000-00000000beef"',
      ...(migrations ? [`migrations_dir = ${JSON.stringify(join(ROOT, "migrations"))}`] : []),
      "",
    ].join("\n"),
  );
  return config;
}

async function post(url, body) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  if (res.status !== 204) throw new Error(`${url}: HTTP ${res.status}`);
}

/** Baseline A: one HTTP request per row, each one INSERT (bench/naive-worker.js). */
export async function benchNaive(N) {
  const persist = tempDir("naive");
  log("starting the naive Worker (bench/naive-worker.js)…");
  const worker = await startWorker(benchConfig(persist, "naive", "naive-worker.js"), persist);
  try {
    const insert = (i) =>
      post(`${worker.base}/insert`, {
        user_id: "naive",
        version: i + 1,
        ...setArgs("N", i, "N-s"),
      });
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
    const r = {
      rows: N.naiveRows,
      rowsPerS: N.naiveRows / (total / 1000),
      medianMs: median(ms),
      floorMs: median(floor),
    };
    log(
      `naive: ${fmtInt(r.rowsPerS)} rows/s, median request ${fmtMs(r.medianMs)}` +
        ` (an empty request: ${fmtMs(r.floorMs)})`,
    );
    return r;
  } finally {
    await worker.stop();
  }
}

/**
 * A contender of the interleaved push rounds in bench/sync.bench.mjs: `next()` stores the next
 * 200 set rows its own way and returns the milliseconds it took; `check()` verifies the count.
 */

/** Bare D1: the service's migrations, one batch() of 200 INSERTs per request (bare-d1-worker.js). */
export async function bareD1Contender(units) {
  const persist = tempDir("bare");
  const config = benchConfig(persist, "bare", "bare-d1-worker.js", { migrations: true });
  log("applying the service's migrations for the bare-D1 Worker…");
  applyMigrations(persist, { config, database: "bare" });
  log("starting the bare-D1 Worker (bench/bare-d1-worker.js)…");
  const worker = await startWorker(config, persist);
  await post(`${worker.base}/user`, { id: "bare" });
  const batches = setRowBatches("D", units, "bare");
  let i = 0;
  return {
    async next() {
      const t = performance.now();
      await post(`${worker.base}/batch`, batches[i++]);
      return performance.now() - t;
    },
    async check() {
      const count = await (await fetch(`${worker.base}/count`)).json();
      if (count.rows !== i * PUSH_SIZE) throw new Error(`bare D1: ${count.rows} rows stored`);
    },
    stop: worker.stop,
  };
}

/** Starts bench/pouchdb-server.mjs as a child process; resolves with its URL and stop(). */
async function startPouchServer() {
  const child = spawn(process.execPath, [join(ROOT, "bench", "pouchdb-server.mjs")], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = trackStop(async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("pouchdb server: no port in 20 s")), 20_000);
    child.once("exit", (code) => reject(new Error(`pouchdb server exited (${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = /^listening (\d+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { base: `http://127.0.0.1:${port}`, stop };
}

/**
 * PouchDB: the same set rows as documents in a memory PouchDB, replicated over HTTP to the
 * express-pouchdb server. `next()` is a sync round: 200 new documents written locally (not
 * timed), then one replicate.to, as a device syncs after a session. `oneShot(rows)` times a
 * single replication of `rows` documents in 200-document batches into a new database.
 */
export async function pouchContender(units) {
  const PouchDB = require("pouchdb-core")
    .plugin(require("pouchdb-adapter-memory"))
    .plugin(require("pouchdb-adapter-http"))
    .plugin(require("pouchdb-replication"));
  const name = `PouchDB ${require("pouchdb-core/package.json").version} + express-pouchdb ${require("express-pouchdb/package.json").version}`;
  log("starting the PouchDB server (bench/pouchdb-server.mjs: express-pouchdb, memory adapter)…");
  const server = await startPouchServer();
  const docs = (batch) => batch.map((r) => ({ _id: r.id, type: "set", ...r }));
  const replicate = async (local, remote, expected) => {
    const t = performance.now();
    const res = await local.replicate.to(remote, { batch_size: PUSH_SIZE });
    const ms = performance.now() - t;
    if (!res.ok || res.docs_written !== expected)
      throw new Error(`pouchdb: ${res.docs_written} of ${expected} written`);
    return ms;
  };
  const local = new PouchDB("rounds", { adapter: "memory" });
  const remote = new PouchDB(`${server.base}/rounds`);
  const batches = setRowBatches("P", units, "pouch");
  let i = 0;
  return {
    name,
    async next() {
      await local.bulkDocs(docs(batches[i++]));
      return replicate(local, remote, PUSH_SIZE);
    },
    async check() {
      const info = await remote.info();
      if (info.doc_count !== i * PUSH_SIZE)
        throw new Error(`pouchdb: ${info.doc_count} documents on the server`);
    },
    async oneShot(rows) {
      const bulk = new PouchDB("oneshot", { adapter: "memory" });
      await bulk.bulkDocs(docs(setRowBatches("Q", rows / PUSH_SIZE, "pouch").flat()));
      return replicate(bulk, new PouchDB(`${server.base}/oneshot`), rows);
    },
    stop: server.stop,
  };
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
    return {
      name: `better-sqlite3 ${require("better-sqlite3/package.json").version}`,
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

/** Baseline B: the same rows into the service's own schema, in-process, no HTTP. */
export async function benchSqlite(N) {
  const db = await openSqlite(join(tempDir("sqlite"), "bench.sqlite"));
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
          ...[r.user_id, r.id, r.session_id, r.exercise_id, r.set_index, r.started_at],
          ...[r.ended_at, r.reps ?? null, r.hold_s ?? null, r.side ?? null, r.weight_kg ?? null],
          ...[r.rpe ?? null, r.target_reps ?? null, r.target_hold_s ?? null, r.version],
        );
      }
    });
    const rows = (prefix, batches) => setRowBatches(prefix, batches, "u").flat();
    insertMany(rows("W", 5)); // warm-up
    const one = rows("A", N.timedPushes);
    let t = performance.now();
    insertMany(one);
    const oneTx = performance.now() - t;
    const chunked = setRowBatches("B", N.timedPushes, "u");
    t = performance.now();
    for (const chunk of chunked) insertMany(chunk);
    const chunkTx = performance.now() - t;
    const r = {
      name: db.name,
      sqliteVersion: db.sqliteVersion,
      rows: one.length,
      oneTxRowsPerS: one.length / (oneTx / 1000),
      chunkRowsPerS: one.length / (chunkTx / 1000),
    };
    log(
      `${db.name}: ${fmtInt(r.oneTxRowsPerS)} rows/s in one transaction, ` +
        `${fmtInt(r.chunkRowsPerS)} rows/s in ${PUSH_SIZE}-row transactions`,
    );
    return r;
  } finally {
    db.close();
  }
}

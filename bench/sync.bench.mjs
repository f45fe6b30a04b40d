// `npm run bench:sync`: a benchmark of the sync service, not a test. It starts the real Worker
// locally (wrangler's unstable_startWorker with the repo's wrangler.toml, Miniflare's D1 in a
// temporary directory) and measures, all in the same run so the ratios hold on any machine:
//   - push throughput: set.log mutations per second through POST /sync/push, 200 per push, on
//     empty tables and in an account with 100k rows of history (two instances of the Worker);
//   - bare D1: a Worker with the same migrations inserting the same 200 rows with one batch();
//   - PouchDB: replication of the same documents to express-pouchdb on loopback;
//   - naive: a Worker inserting one row per request; raw SQLite in-process;
//   - pull: a pull of 10 new changes with 1k versus 100k rows of history in the account.
// The pushes, bare D1 and PouchDB run in interleaved rounds, so a busy neighbour on the shared
// cores slows them alike. Prints a table and the ratios, and writes them as the `## Sync service`
// section of docs/benchmarks.md. Only loopback traffic; bounded counts; stops by itself (about
// 2-3 minutes on 2 cores). `--quick` runs smaller counts and leaves docs/benchmarks.md alone.
import { createRequire } from "node:module";
import { machine, printTable, writeDocSection } from "./benchmarkReport.mjs";
import { bareD1Contender, benchNaive, benchSqlite, pouchContender } from "./syncBaselines.mjs";
import {
  account,
  fmtInt,
  fmtMs,
  log,
  median,
  PUSH_SIZE,
  requireNode22,
  serviceWorker,
  setPushes,
  stopAll,
  watchdog,
} from "./syncHarness.mjs";
import { syncMarkdown, syncTable } from "./syncReport.mjs";

requireNode22("bench:sync");
const require = createRequire(import.meta.url);
const QUICK = process.argv.includes("--quick");

const N = QUICK
  ? { warmupPushes: 3, rounds: 2, perRound: 3, naiveWarmup: 20, naiveRows: 300 }
  : { warmupPushes: 10, rounds: 8, perRound: 4, naiveWarmup: 50, naiveRows: 1_000 };
N.timedPushes = N.rounds * N.perRound;
N.small = 1_000;
N.large = QUICK ? 10_000 : 100_000;
N.newChanges = 10;
N.pullWarmup = 3;
N.pullRounds = 15;
N.floorRequests = 200;

const HISTORY_BUDGET_MS = 110_000; // seeding the large history stops early past this
const disarm = watchdog("bench:sync", 280_000);

/** A push contender: the next 200 set.log of `prefix`, from set number `from` on. */
function pushContender(acct, prefix, from) {
  const pushes = setPushes(prefix, from, (N.warmupPushes + N.timedPushes) * PUSH_SIZE);
  return { next: () => acct.push(pushes.next().value) };
}

/**
 * Runs each contender's warm-up, then `rounds` rounds in which each does `perRound` units in
 * turn (the order rotating every round); returns per contender rows/s and the median unit.
 */
async function interleaved(contenders) {
  const names = Object.keys(contenders);
  for (const name of names) {
    for (let i = 0; i < N.warmupPushes; i++) await contenders[name].next();
  }
  const ms = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < N.rounds; round++) {
    const order = names.map((_, k) => names[(k + round) % names.length]);
    for (const name of order) {
      for (let i = 0; i < N.perRound; i++) ms[name].push(await contenders[name].next());
    }
  }
  const rows = N.timedPushes * PUSH_SIZE;
  return Object.fromEntries(
    names.map((n) => {
      const total = ms[n].reduce((a, b) => a + b, 0);
      return [n, { rows, rowsPerS: rows / (total / 1000), medianMs: median(ms[n]) }];
    }),
  );
}

async function benchRounds(results) {
  log("two instances of the Worker (wrangler.toml), each on a freshly migrated local D1…");
  const empty = await serviceWorker("empty");
  const history = await serviceWorker("history");
  log(`Workers at ${empty.base} (empty tables) and ${history.base} (history)`);
  const fresh = await account(empty.base, "empty");
  const small = await account(history.base, "small");
  const big = await account(history.base, "large");

  // Histories: 1k rows in one account, up to 100k in the other (time-bounded).
  for (const bodies of setPushes("S", 0, N.small)) await small.push(bodies);
  log(`seeding ${fmtInt(N.large)} rows of history…`);
  let next = 0;
  const seedStart = performance.now();
  for (const bodies of setPushes("L", 0, N.large)) {
    await big.push(bodies);
    next += bodies.length;
    if (performance.now() - seedStart > HISTORY_BUDGET_MS) {
      log(`history budget spent: stopping at ${fmtInt(next)} rows`);
      break;
    }
  }
  const seedMs = performance.now() - seedStart;
  results.history = { small: N.small, large: next, seedRowsPerS: next / (seedMs / 1000) };
  log(`history: ${fmtInt(next)} rows (seeded at ${fmtInt(results.history.seedRowsPerS)} rows/s)`);

  const units = N.warmupPushes + N.timedPushes;
  const bare = await bareD1Contender(units);
  const pouch = await pouchContender(units);
  try {
    log(
      `interleaved rounds: ${N.rounds} × ${N.perRound} units of ${PUSH_SIZE} rows for each contender…`,
    );
    const r = await interleaved({
      pushEmpty: pushContender(fresh, "E", 0),
      pushHistory: pushContender(big, "L", next),
      bare,
      pouch,
    });
    await bare.check();
    await pouch.check();
    next += units * PUSH_SIZE;
    results.pushEmpty = r.pushEmpty;
    results.pushHistory = { ...r.pushHistory, historyRows: results.history.large };
    results.bare = r.bare;
    results.pouch = { ...r.pouch, name: pouch.name };
    log("pouchdb: one replication of the same number of documents…");
    results.pouch.oneShotDocsPerS = r.pouch.rows / ((await pouch.oneShot(r.pouch.rows)) / 1000);
    for (const [name, x] of Object.entries(r))
      log(`${name}: ${fmtInt(x.rowsPerS)} rows/s, median ${fmtMs(x.medianMs)}`);
  } finally {
    await Promise.allSettled([bare.stop(), pouch.stop(), empty.stop()]);
  }

  try {
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
      `pull of ${N.newChanges}: ${fmtMs(results.pull.small)} (1k) vs ${fmtMs(results.pull.large)}`,
    );
  } finally {
    await history.stop();
  }
}

async function main() {
  const results = {};
  try {
    await benchRounds(results);
    results.naive = await benchNaive(N);
    results.sqlite = await benchSqlite(N);
  } finally {
    await stopAll();
  }
  const m = machine({ wrangler: require("wrangler/package.json").version });
  const t = syncTable(results, N);
  printTable(t);
  if (QUICK) {
    log("--quick: docs/benchmarks.md left alone.");
  } else {
    log(`wrote ${writeDocSection("## Sync service", syncMarkdown(results, m, t, N))}`);
  }
  disarm();
}

main().catch(async (err) => {
  console.error(`bench:sync failed: ${err.stack ?? err}`);
  await stopAll();
  process.exitCode = 1;
});

// The table, ratios and docs/benchmarks.md section of bench/sync.bench.mjs, with the method:
// what each baseline is and how it ran.
import { markdownTables } from "./benchmarkReport.mjs";
import { fmtInt, fmtMs, fmtRatio, PUSH_SIZE } from "./syncHarness.mjs";

const target = (value, min) =>
  `${fmtRatio(value)} (target ≥ ${min}: ${value >= min ? "met" : "NOT met"})`;

export function syncTable(r, N) {
  const history = fmtInt(r.history.large);
  const units = `${N.timedPushes} × ${PUSH_SIZE}`;
  const rows = [
    [
      `Push, empty tables: set.log via POST /sync/push (${units})`,
      `${fmtInt(r.pushEmpty.rowsPerS)} rows/s`,
      `median push ${fmtMs(r.pushEmpty.medianMs)}`,
    ],
    [
      `Push, ${history} rows of history in the account (${units})`,
      `${fmtInt(r.pushHistory.rowsPerS)} rows/s`,
      `median push ${fmtMs(r.pushHistory.medianMs)}`,
    ],
    [
      `Push while seeding the history (${history} rows)`,
      `${fmtInt(r.history.seedRowsPerS)} rows/s`,
      "same pushes, growing tables",
    ],
    [
      `Bare D1: one batch() of ${PUSH_SIZE} INSERTs per request (${units})`,
      `${fmtInt(r.bare.rowsPerS)} rows/s`,
      `median request ${fmtMs(r.bare.medianMs)}`,
    ],
    [
      `PouchDB: sync rounds of ${PUSH_SIZE} new docs, replicate.to (${units})`,
      `${fmtInt(r.pouch.rowsPerS)} docs/s`,
      `median round ${fmtMs(r.pouch.medianMs)}`,
    ],
    [
      `PouchDB: one replication of ${fmtInt(r.pouch.rows)} docs, batches of ${PUSH_SIZE}`,
      `${fmtInt(r.pouch.oneShotDocsPerS)} docs/s`,
      r.pouch.name,
    ],
    [
      `Naive Worker, 1 row per request into D1 (${fmtInt(r.naive.rows)} requests)`,
      `${fmtInt(r.naive.rowsPerS)} rows/s`,
      `median request ${fmtMs(r.naive.medianMs)}`,
    ],
    [
      "Request floor: an empty request to the same dev server (404)",
      fmtMs(r.naive.floorMs),
      `median of ${N.floorRequests}`,
    ],
    [
      `Raw SQLite: ${r.sqlite.name}, one transaction (${fmtInt(r.sqlite.rows)} rows)`,
      `${fmtInt(r.sqlite.oneTxRowsPerS)} rows/s`,
      `SQLite ${r.sqlite.sqliteVersion}, WAL`,
    ],
    [
      `Raw SQLite: ${r.sqlite.name}, ${PUSH_SIZE}-row transactions`,
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
  const push = r.pushEmpty.rowsPerS;
  const ratios = [
    [
      `Push at ${history} rows of history ÷ push on empty tables`,
      target(r.pushHistory.rowsPerS / push, 0.9),
    ],
    ["Push (empty tables) ÷ bare D1 batch", target(push / r.bare.rowsPerS, 0.7)],
    ["Push (empty tables) ÷ PouchDB sync rounds", target(push / r.pouch.rowsPerS, 3)],
    ["Push (empty tables) ÷ PouchDB one replication", target(push / r.pouch.oneShotDocsPerS, 3)],
    // What push ÷ PouchDB could reach at most while the push costs what a bare batch does.
    [
      "Bare D1 ÷ PouchDB sync rounds (the ceiling above)",
      fmtRatio(r.bare.rowsPerS / r.pouch.rowsPerS),
    ],
    ["Bare D1 ÷ PouchDB one replication", fmtRatio(r.bare.rowsPerS / r.pouch.oneShotDocsPerS)],
    ["Push ÷ naive one-row-per-request", fmtRatio(push / r.naive.rowsPerS)],
    ["Push ÷ raw SQLite, one transaction", fmtRatio(push / r.sqlite.oneTxRowsPerS)],
    [`Push ÷ raw SQLite, ${PUSH_SIZE}-row transactions`, fmtRatio(push / r.sqlite.chunkRowsPerS)],
    [
      `Pull time, ${history} ÷ ${fmtInt(r.history.small)} rows of history (≈ 1 expected)`,
      (r.pull.large / r.pull.small).toFixed(2),
    ],
  ];
  return { rows, ratios };
}

export function syncMarkdown(r, m, { rows, ratios }, N) {
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    "## Sync service",
    "",
    `Measured ${date} by \`npm run bench:sync\` (bench/sync.bench.mjs) on ${m.cores} cores (${m.cpu}),`,
    `${m.memGiB} GiB, ${m.os}, Node ${m.node}, wrangler ${m.wrangler}. Shared cores: expect ±30% between runs;`,
    "the ratios, measured in the same run, are what to compare.",
    "",
    "Method. The real Worker runs locally under wrangler's `unstable_startWorker` with the repo's",
    "wrangler.toml and Miniflare's D1 in a temporary directory (migrations applied first); a client",
    "in the same process signs up, pairs a device through the real pairing flow and sends HTTP over",
    "loopback. Every Worker is reached through wrangler's local dev server (its proxy adds a few ms",
    "per request, see the request floor), as network latency would be in production.",
    "",
    `- Push: sequential pushes of ${PUSH_SIZE} \`set.log\`, timed from outside the Worker. Two`,
    "  instances of the Worker run side by side: one on empty tables (its account grows from 0 to",
    `  about ${fmtInt((N.warmupPushes + N.timedPushes) * PUSH_SIZE)} rows during the run), one whose account was first given ${fmtInt(r.history.large)} sets`,
    "  of history through the same pushes (next to a second account of 1k sets).",
    "- Bare D1 (bench/bare-d1-worker.js): a Worker with the service's own D1 migrations that takes",
    `  the same ${PUSH_SIZE} rows as JSON and inserts them into \`sets\` with one \`batch()\` of ${PUSH_SIZE} prepared`,
    "  INSERTs: no auth, validation, sync state or compare-and-swap, the same HTTP hop.",
    "- PouchDB (bench/pouchdb-server.mjs): express-pouchdb (the CouchDB HTTP API pouchdb-server is",
    "  built from) over PouchDB's memory adapter, in a child process on a loopback port, started and",
    "  stopped by the benchmark; the client is a memory PouchDB in the benchmark's process holding",
    "  the same set rows as documents. A sync round writes 200 new documents locally (not timed) and",
    "  times one `replicate.to` with `batch_size: 200`, as a device syncing after a session; the",
    "  one-shot figure is a single replication of all the documents into a new database.",
    "  The memory adapter keeps nothing on disk, where D1 writes SQLite files: pouchdb-server's",
    "  own leveldown (and sqlite3) adapters are native addons whose builds are blocked here. The",
    "  bare-D1 ÷ PouchDB ratios show how far any push over local D1 could get.",
    "- Push, bare D1 and PouchDB run interleaved: after their warm-ups, rounds in which each does",
    `  ${N.perRound} units in turn (${N.rounds} rounds, order rotating), so a busy neighbour slows them alike.`,
    "- Naive (bench/naive-worker.js): the same table and indexes as `sets` in D1, one",
    "  `POST /insert` per row. Raw SQLite: the same rows into the service's own schema,",
    `  ${r.sqlite.name} (WAL, synchronous=NORMAL), in-process, no HTTP; better-sqlite3 is used`,
    "  when it loads, but it is not a dependency: npm builds native addons against the system",
    "  Node 20 headers here, which the repo's Node 22 cannot load, so Node's node:sqlite stands in.",
    "- Pull: `GET /sync/pull` of the 10 changes of one push, with a cursor taken just before it, in",
    "  the 1k and the large account, alternating, after warm-up pulls.",
    "",
    ...markdownTables({ rows, ratios }),
    "",
  ];
  return lines.join("\n");
}

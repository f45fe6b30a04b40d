// The PouchDB baseline's server (bench/sync.bench.mjs starts and stops it as a child process):
// express-pouchdb, the CouchDB HTTP API that pouchdb-server is made of, over PouchDB's memory
// adapter, on a free loopback port. Prints `listening <port>` once it answers.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .defaults({ adapter: "memory" });
const expressPouchDB = require("express-pouchdb");

// The CouchDB routes replication needs; inMemoryConfig keeps config and logs off the disk.
const app = expressPouchDB(PouchDB, { mode: "minimumForPouchDB", inMemoryConfig: true });
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});
// Stops with its parent: a closed stdin means the benchmark is gone.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

// `npm start`: builds the web view's scripts, applies the migrations to the local D1 (Miniflare's SQLite under .wrangler/) and
// serves the Worker with `wrangler dev`, offline, with no Cloudflare account.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "8787";
const host = process.env.HOST ?? "127.0.0.1";
// Where the local D1 lives: .wrangler/state by default; PERSIST_TO points elsewhere (tests).
const persist = process.env.PERSIST_TO ? ["--persist-to", process.env.PERSIST_TO] : [];
const env = {
  ...process.env,
  // No telemetry, no update check: both would wait on a network this may not have.
  WRANGLER_SEND_METRICS: "false",
  NO_UPDATE_NOTIFIER: "1",
  WRANGLER_HIDE_BANNER: "true",
  // Miniflare would otherwise fetch the Request.cf object from workers.cloudflare.com and print
  // an ENOTFOUND stack trace when there is no network: a clean start prints no error.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

// The web view's scripts and icons are generated, not committed.
const web = spawnSync(process.execPath, ["scripts/build-web.mjs"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (web.status !== 0) {
  console.error("Could not build the web view's scripts (see above).");
  process.exit(web.status ?? 1);
}

// Every D1 store in wrangler.toml (DB is store 0, DB_1 store 1) gets the same migrations.
for (const store of ["runstrong", "runstrong-1"]) {
  const migrate = spawnSync(
    "wrangler",
    ["d1", "migrations", "apply", store, "--local", ...persist],
    {
      cwd: root,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (migrate.status !== 0) {
    console.error(`Could not apply the migrations to the local database ${store} (see above).`);
    process.exit(migrate.status ?? 1);
  }
}

const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
console.log(`
runstrong is starting at ${url}
  web view        ${url}/
  pair a watch    ${url}/pair
  API reference   ${url}/api/v1/docs   (OpenAPI: ${url}/api/v1/openapi.json)
  demo data       npm run seed:demo     (then sign in as demo@runstrong.local / demo-runner-1)
  watch simulator npm run sim           (a Zepp watch and its phone in the browser)
Stop with Ctrl-C.
`);

const dev = spawn(
  "wrangler",
  ["dev", "--ip", host, "--port", port, "--show-interactive-dev-session=false", ...persist],
  {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

// The browser simulator's server (`npm run sim`, scripts/sim.mjs; also started by the e2e tests):
// bundles the REAL Zepp sources (app.js, each page per screen target, the phone-side service,
// the settings app) with esbuild for the browser, serves them with DOM implementations of the
// @zos modules (an import map points `@zos/*` at watch-app/sim/zos/), and proxies `/api/*`
// same-origin to the runstrong Worker the phone's settings name, so the Worker needs no CORS.
// A development and test harness only: nothing here is part of the Worker's build.
import fs from "node:fs";
import http from "node:http";
import { createServer as createNetServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const simDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(simDir, "../..");
const zeppDir = path.join(root, "watch-app/zepp");

export const DEFAULT_SERVER = "http://127.0.0.1:8787";
export const TARGETS = {
  r480: { shape: "round", width: 480, height: 480, name: "Amazfit Balance (simulator)" },
  r466: { shape: "round", width: 466, height: 466, name: "Amazfit Active 2 (simulator)" },
  s390: { shape: "square", width: 390, height: 450, name: "Amazfit Bip 6 (simulator)" },
};
const PAGES = ["home", "session", "pairing"];
const ZOS_MODULES = [
  "ui",
  "router",
  "storage",
  "sensor",
  "display",
  "device",
  "utils",
  "app",
  "alarm",
];
/** The App Services (zepp/app-service/<name>.ts), bundled as /b/app-service/<name>.js. */
const SERVICES = ["restEnd"];

/** Only loopback upstreams: the proxy must not become an open relay. */
function upstreamAllowed(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on ("the server is down"). */
function deadPort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** One esbuild context holding every simulator bundle, rebuilt when the page is (re)loaded. */
async function bundler() {
  const shim = (name) => path.join(simDir, "shims", name);
  const watchCommon = {
    external: ["@zos/*"],
    inject: [shim("watchGlobals.ts")],
    alias: {
      "@zeppos/zml/base/base-app": shim("zmlApp.ts"),
      "@zeppos/zml/3.0/module/messaging/plugin/app": shim("zmlApp.ts"),
    },
  };
  /** Each page entry: the page module fed with its target's layout, as scripts/watchBuild/zeppBuild.mjs does. */
  const pagePlugin = {
    name: "sim-zepp-pages",
    setup(build) {
      build.onResolve({ filter: /^rs-page:/ }, (args) => ({
        path: args.path.slice("rs-page:".length),
        namespace: "rs-page",
      }));
      build.onLoad({ filter: /.*/, namespace: "rs-page" }, (args) => {
        const [target, page] = args.path.split("/");
        return {
          contents: [
            `import { layout } from "./page/${page}.${target}.layout.ts";`,
            `import { ${page}Page } from "./page/${page}.ts";`,
            `Page(${page}Page(layout));`,
          ].join("\n"),
          resolveDir: zeppDir,
          loader: "ts",
        };
      });
    },
  };
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    mainFields: ["module", "main"],
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
    define: { RS_SIM: "true" },
  };
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      ...watchCommon,
      entryPoints: [{ in: path.join(zeppDir, "app.ts"), out: "app" }],
      outdir: "/b",
    }),
    ...Object.keys(TARGETS).map((target) =>
      esbuild.context({
        ...common,
        ...watchCommon,
        entryPoints: PAGES.map((page) => ({
          in: `rs-page:${target}/${page}`,
          out: `page/${target}/${page}`,
        })),
        outdir: "/b",
        define: { ...common.define, RS_PAGE_DIR: JSON.stringify(`page/${target}`) },
        plugins: [pagePlugin],
      }),
    ),
    esbuild.context({
      ...common,
      external: ["@zos/*"],
      inject: [shim("serviceGlobals.ts")],
      entryPoints: SERVICES.map((name) => ({
        in: path.join(zeppDir, "app-service", `${name}.ts`),
        out: `app-service/${name}`,
      })),
      outdir: "/b",
    }),
    esbuild.context({
      ...common,
      entryPoints: [{ in: path.join(zeppDir, "app-side/index.ts"), out: "app-side" }],
      outdir: "/b",
      inject: [shim("sideGlobals.ts")],
      alias: { "@zeppos/zml/base-side": shim("zmlSide.ts") },
    }),
    esbuild.context({
      ...common,
      entryPoints: [{ in: path.join(zeppDir, "setting/index.ts"), out: "setting" }],
      outdir: "/b",
      inject: [shim("settingGlobals.ts")],
    }),
    esbuild.context({
      ...common,
      entryPoints: [
        { in: path.join(simDir, "host/main.ts"), out: "host" },
        ...ZOS_MODULES.map((m) => ({ in: path.join(simDir, "zos", `${m}.ts`), out: `zos/${m}` })),
      ],
      outdir: "/b",
    }),
  ]);
  const files = new Map();
  async function rebuild() {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    files.clear();
    for (const result of results) {
      for (const file of result.outputFiles) files.set(file.path, file.text);
    }
  }
  try {
    await rebuild();
  } catch (error) {
    await Promise.all(contexts.map((c) => c.dispose()));
    throw error;
  }
  return { files, rebuild, dispose: () => Promise.all(contexts.map((c) => c.dispose())) };
}

function indexHtml() {
  const imports = Object.fromEntries(ZOS_MODULES.map((m) => [`@zos/${m}`, `/b/zos/${m}.js`]));
  const page = fs.readFileSync(path.join(simDir, "public/index.html"), "utf8");
  return page.replace(
    "<!-- importmap -->",
    `<script type="importmap">${JSON.stringify({ imports })}</script>`,
  );
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
  "te",
  "trailer",
]);

/**
 * Starts the simulator server on 127.0.0.1.
 * @param {{ port?: number, host?: string, server?: string, log?: (line: string) => void }} [options]
 */
export async function startSimServer(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const defaultServer = options.server ?? DEFAULT_SERVER;
  const log = options.log ?? (() => {});
  /** "up": forward; "down": forward to a dead port; "lost": forward, then drop the reply. */
  let serverMode = "up";
  const dead = await deadPort();
  const bundles = await bundler();
  let building = null;

  function proxy(req, res, body) {
    const asked = String(req.headers["x-sim-upstream"] ?? defaultServer);
    if (!upstreamAllowed(asked)) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "sim_upstream", message: `not a loopback URL: ${asked}` }));
      return;
    }
    const mode = serverMode;
    const upstream = new URL(mode === "down" ? `http://127.0.0.1:${dead}` : asked);
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      // The phone sends no browser cookies, origin or referrer, and never our control header.
      if (HOP_BY_HOP.has(name) || ["cookie", "origin", "referer", "host"].includes(name)) continue;
      if (name.startsWith("x-sim-") || name.startsWith("sec-")) continue;
      headers[name] = value;
    }
    headers.host = upstream.host;
    const networkError = (message) => {
      if (res.headersSent) return;
      res.writeHead(502, { "content-type": "text/plain", "x-sim-network-error": "1" });
      res.end(message);
    };
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (up) => {
        if (mode === "lost") {
          // The server did the work; the phone never hears back (a connection lost mid-reply).
          up.resume();
          up.on("end", () => networkError("connection lost before the reply (simulated)"));
          return;
        }
        const back = {};
        for (const [name, value] of Object.entries(up.headers)) {
          if (!HOP_BY_HOP.has(name) && name !== "set-cookie") back[name] = value;
        }
        res.writeHead(up.statusCode ?? 502, back);
        up.pipe(res);
      },
    );
    out.on("error", (error) => networkError(`${upstream.origin}: ${error.message}`));
    out.end(body);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sim");
    // Cross-origin isolation: precise performance.now() for the tap benchmark (everything the
    // page loads is same-origin, so nothing else changes).
    res.setHeader("cross-origin-opener-policy", "same-origin");
    res.setHeader("cross-origin-embedder-policy", "require-corp");
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      try {
        if (url.pathname.startsWith("/api/")) {
          proxy(req, res, body);
          return;
        }
        if (url.pathname === "/__sim/state") {
          if (req.method === "POST") {
            const next = JSON.parse(body.toString("utf8") || "{}");
            if (["up", "down", "lost"].includes(next.serverMode)) serverMode = next.serverMode;
            log(`server mode: ${serverMode}`);
          }
          res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify({ serverMode, defaultServer, targets: TARGETS }));
          return;
        }
        if (url.pathname === "/" || url.pathname === "/index.html") {
          // Every page load picks up source changes (esbuild rebuilds incrementally).
          building ??= bundles.rebuild().finally(() => {
            building = null;
          });
          await building;
          res.writeHead(200, {
            "content-type": "text/html; charset=utf-8",
            "cache-control": "no-store",
          });
          res.end(indexHtml());
          return;
        }
        if (url.pathname === "/sim.css") {
          res.writeHead(200, { "content-type": "text/css", "cache-control": "no-store" });
          res.end(fs.readFileSync(path.join(simDir, "public/sim.css")));
          return;
        }
        const file = bundles.files.get(url.pathname);
        if (file !== undefined) {
          res.writeHead(200, {
            "content-type": "text/javascript; charset=utf-8",
            "cache-control": "no-store",
          });
          res.end(file);
          return;
        }
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error?.stack ?? error));
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    /** "up", "down" (a dead port) or "lost" (the Worker applies, the reply is dropped). */
    setServerMode(mode) {
      serverMode = mode;
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      await bundles.dispose();
    },
  };
}

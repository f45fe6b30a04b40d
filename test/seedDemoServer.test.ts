// `npm run seed:demo` talks to the Worker the runner started: on $PORT, or at --server URL —
// never to a default port where something else may listen.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const seen: string[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  // A stand-in Worker: it answers the probe, then refuses sign-up so the seed stops at once.
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/v1/exercises") {
      res.end(JSON.stringify({ exercises: [] }));
      return;
    }
    res.statusCode = 503;
    res.end(JSON.stringify({ error: "stand_in", message: "This is a test stand-in." }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
});

afterAll(() => server?.close());

function seed(args: string[], env: Record<string, string>) {
  // Not spawnSync: the stand-in server must keep answering from this process's event loop.
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/seed-demo.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (status) => resolve({ status, out }));
  });
}

it("uses the Worker on $PORT", { timeout: 30_000 }, async () => {
  seen.length = 0;
  const r = await seed([], { PORT: String(port) });
  expect(r.out).toContain(`Using the Worker already running at http://127.0.0.1:${port}`);
  expect(seen).toContain("POST /api/v1/auth/signup");
  expect(r.status).not.toBe(0);
});

it("uses the Worker at --server URL", { timeout: 30_000 }, async () => {
  seen.length = 0;
  const r = await seed(["--server", `http://127.0.0.1:${port}/`], { PORT: "1" });
  expect(r.out).toContain(`Using the Worker already running at http://127.0.0.1:${port}`);
  expect(seen[0]).toBe("GET /api/v1/exercises");
});

/// <reference types="node" />
// The QuickJS device smoke run (quickjsSmoke.mjs) against the current Zepp build output (built
// first when there is none), and the ways it must fail: a heap over the limit, a bundle that
// throws while loading, a mutation missing from the outbox.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_KEY, storedMutations } from "../../core/index.ts";
import {
  type QueueReader,
  smokeRunZepp,
  smokeRunZeppProject,
  ZEPP_JS_HEAP_LIMIT_BYTES,
} from "./quickjsSmoke.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const project = path.join(root, "watch-app/zepp/build/project");
const built = () =>
  ["app.js", "page/r480/home.js", "page/r480/session.js"].every((f) =>
    fs.existsSync(path.join(project, f)),
  );

/** The r480 build output as smokeRunZepp takes it. */
function buildOutput() {
  const read = (f: string) => fs.readFileSync(path.join(project, f), "utf8");
  const pages: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(project, "page/r480"))) {
    if (f.endsWith(".js")) pages[f.slice(0, -3)] = read(`page/r480/${f}`);
  }
  const services = { "app-service/restEnd": read("app-service/restEnd.js") };
  return { appJs: read("app.js"), pages, pageDir: "page/r480", services };
}

describe("QuickJS smoke run of the shipped Zepp device JS", () => {
  beforeAll(() => {
    if (built()) return;
    const run = spawnSync(process.execPath, ["scripts/build-watch.mjs", "zepp"], {
      cwd: root,
      encoding: "utf8",
      timeout: 9 * 60_000,
    });
    if (run.status !== 0) throw new Error(`the Zepp build failed:\n${run.stdout}${run.stderr}`);
  }, 10 * 60_000);

  it("runs a whole session of the built app within the heap limit and checks its outbox", async () => {
    const result = await smokeRunZeppProject({ project, root });
    expect(result.heapLimitBytes).toBe(ZEPP_JS_HEAP_LIMIT_BYTES);
    expect(result.peakBytes).toBeGreaterThan(0);
    expect(result.peakBytes).toBeLessThanOrEqual(ZEPP_JS_HEAP_LIMIT_BYTES);
    expect(result.passed.join("\n")).toMatch(/session\.start, \d+ set\.log .* session\.finish/);
  }, 60_000);

  it("fails with the heap figures when the limit is tiny", async () => {
    await expect(
      smokeRunZeppProject({ project, root, heapLimitBytes: 128 * 1024 }),
    ).rejects.toThrow(/JS heap reached [\d.]+ KB, over the 128\.0 KB limit/);
  }, 60_000);

  it("fails when the app bundle throws while loading", async () => {
    const output = buildOutput();
    await expect(
      smokeRunZepp({
        ...output,
        appJs: `throw new Error("broken at load");\n${output.appJs}`,
        readQueue: storedMutations as QueueReader,
        outboxKey: OUTBOX_KEY,
      }),
    ).rejects.toThrow(/app\.js threw Error: broken at load/);
  }, 60_000);

  it("fails when a set is missing from the outbox", async () => {
    const dropOneSet: QueueReader = (text) => {
      const items = (storedMutations as QueueReader)(text);
      if (items === null) return null;
      const k = items.findIndex((i) => i.op === "set.log");
      return items.filter((_, i) => i !== k);
    };
    await expect(
      smokeRunZepp({ ...buildOutput(), readQueue: dropOneSet, outboxKey: OUTBOX_KEY }),
    ).rejects.toThrow(/expected \d+ set\.log between start and finish/);
  }, 60_000);
});

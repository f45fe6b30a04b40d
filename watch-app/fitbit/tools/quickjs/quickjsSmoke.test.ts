/// <reference types="node" />
// The QuickJS smoke run of the shipped Fitbit device JS (quickjsSmoke.mjs) against the current
// Fitbit build (built first when there is none), and the ways it must fail: a heap over the
// limit, a bundle that throws while loading, a mutation missing from the outbox.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_KEY, storedMutations } from "../../../core/index.ts";
import { fileNameFor } from "../../app/adapters/fileStore.ts";
import {
  FITBIT_JS_HEAP_LIMIT_BYTES,
  type QueueReader,
  readShippedDevice,
  smokeRunFitbitPackage,
  smokeRunFitbitQuickjs,
} from "./quickjsSmoke.mjs";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const fba = path.join(root, "watch-app/dist/runstrong.fba");

/** The atlas device JS and view as smokeRunFitbitQuickjs takes them. */
const shipped = () => ({ ...readShippedDevice(fba), outboxFile: fileNameFor(OUTBOX_KEY) });

describe("QuickJS smoke run of the shipped Fitbit device JS", () => {
  beforeAll(() => {
    if (fs.existsSync(fba)) return;
    const run = spawnSync(process.execPath, ["scripts/build-watch.mjs", "fitbit"], {
      cwd: root,
      encoding: "utf8",
      timeout: 9 * 60_000,
    });
    if (run.status !== 0) throw new Error(`the Fitbit build failed:\n${run.stdout}${run.stderr}`);
  }, 10 * 60_000);

  it("runs a whole session of the built app within the heap limit and checks its outbox", async () => {
    const result = await smokeRunFitbitPackage({ fba, root });
    expect(result.heapLimitBytes).toBe(FITBIT_JS_HEAP_LIMIT_BYTES);
    expect(result.baselineBytes).toBeGreaterThan(0);
    expect(result.loadedBytes).toBeGreaterThan(result.baselineBytes);
    expect(result.peakBytes).toBeGreaterThanOrEqual(result.loadedBytes);
    expect(result.peakBytes).toBeLessThanOrEqual(FITBIT_JS_HEAP_LIMIT_BYTES);
    expect(result.passed.join("\n")).toMatch(/session\.start, \d+ set\.log .* session\.finish/);
  }, 60_000);

  it("fails with the heap figures when the limit is tiny", async () => {
    await expect(smokeRunFitbitPackage({ fba, root, heapLimitBytes: 128 * 1024 })).rejects.toThrow(
      /JS heap reached [\d.]+ KB, over the 128\.0 KB limit/,
    );
  }, 60_000);

  it("fails when the device JS throws while loading", async () => {
    const output = shipped();
    await expect(
      smokeRunFitbitQuickjs({
        ...output,
        deviceJs: `throw new Error("broken at load");\n${output.deviceJs}`,
        readQueue: storedMutations as QueueReader,
      }),
    ).rejects.toThrow(/app\/index\.js threw Error: broken at load/);
  }, 60_000);

  it("fails when a set is missing from the outbox", async () => {
    const dropOneSet: QueueReader = (text) => {
      const items = (storedMutations as QueueReader)(text);
      if (items === null) return null;
      const k = items.findIndex((i) => i.op === "set.log");
      return items.filter((_, i) => i !== k);
    };
    await expect(smokeRunFitbitQuickjs({ ...shipped(), readQueue: dropOneSet })).rejects.toThrow(
      /expected \d+ set\.log between start and finish/,
    );
  }, 60_000);
});

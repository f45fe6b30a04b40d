/// <reference types="node" />
// Keeps the watch core platform-free and zod-free: it ships inside Zepp OS and Fitbit bundles
// and runs in the browser simulator, so storage, clock, timers and transport come in as ports.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { platformGlobal, runtimeImports } from "../../test/support/sourceBoundaries.ts";
import { report } from "./testSupport/report.ts";

const coreDir = path.dirname(new URL(import.meta.url).pathname);

/** Every production module of the core, in its side's folder (watch/, phone/, link/) or at the top. */
function productionFiles(): string[] {
  return readdirSync(coreDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("testSupport"))
    .map((f) => path.join(coreDir, f));
}

/** The shared modules the core may load at run time: zod-free, platform-free by their own tests. */
const SHARED_AT_RUN_TIME = [
  "@runstrong/shared/engine",
  "@runstrong/shared/client",
  "@runstrong/shared/heartRate",
  "@runstrong/shared/sessionDriver",
];

const FORBIDDEN_GLOBALS =
  /\b(fetch|setTimeout|setInterval|clearTimeout|localStorage|sessionStorage|document|window|navigator|process|require|Date\.now|performance\.now|TextEncoder|crypto)\b\s*[(.]/;

function violations(file: string, text: string): string[] {
  const rel = path.relative(coreDir, file);
  const problems: string[] = [];
  for (const spec of runtimeImports(text)) {
    const inCore =
      spec.startsWith(".") && path.resolve(path.dirname(file), spec).startsWith(coreDir);
    if (!inCore && !SHARED_AT_RUN_TIME.includes(spec)) {
      problems.push(`${rel} imports "${spec}" at run time`);
    }
  }
  const global = platformGlobal(text, FORBIDDEN_GLOBALS);
  if (global) problems.push(`${rel} uses the platform global "${global}"`);
  return problems;
}

describe("watch core boundaries", () => {
  it("imports no platform, no zod, no catalog at run time, and uses no platform global", () => {
    const files = productionFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((f) => violations(f, readFileSync(f, "utf8")))).toEqual([]);
  });

  it("the check catches what it must", () => {
    const f = path.join(coreDir, "x.ts");
    expect(violations(f, 'import { z } from "zod";')).toHaveLength(1);
    expect(violations(f, 'import { exercises } from "@runstrong/shared/catalog";')).toHaveLength(1);
    expect(violations(f, 'import { PlanBody } from "@runstrong/shared/schemas";')).toHaveLength(1);
    expect(violations(f, 'import type { PlanBody } from "@runstrong/shared/schemas";')).toEqual([]);
    expect(violations(f, 'import { type A, type B } from "@runstrong/shared/schemas";')).toEqual(
      [],
    );
    expect(violations(f, 'import { readFileSync } from "node:fs";')).toHaveLength(1);
    expect(violations(f, 'import { Vibrator } from "@zos/sensor";')).toHaveLength(1);
    expect(violations(f, "const t = Date.now();")).toHaveLength(1);
    expect(violations(f, "setTimeout(() => 1, 5);")).toHaveLength(1);
  });

  it("bundles for the watch without zod or the catalog", async () => {
    const result = await build({
      entryPoints: [path.join(coreDir, "index.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2020",
      minify: true,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /zod|catalog|schemas/.test(i))).toEqual([]);
    const bytes = result.outputFiles[0]?.contents.length ?? 0;
    report(`watch core bundle (minified, engine included): ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).toBeLessThan(120 * 1024);
  });
});

// Keeps shared/ free of platforms: it runs on watches, phones, browsers and the Worker alike,
// so clock, storage and transport must come in as parameters.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { platformGlobal, runtimeImports } from "./support/sourceBoundaries.ts";

const srcDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../shared/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

const FORBIDDEN_GLOBALS =
  /\b(fetch|setTimeout|setInterval|localStorage|sessionStorage|process|require|Date\.now|performance\.now)\b\s*[(.]/;

function boundaryViolations(file: string, text: string): string[] {
  const problems: string[] = [];
  const rel = path.relative(srcDir, file);
  for (const spec of runtimeImports(text)) {
    const allowed = spec.startsWith(".") || spec === "zod" || spec === "zod/mini";
    if (!allowed) problems.push(`${rel} imports "${spec}"`);
    // The engine and its driver ship in the watch bundle, which must not carry zod: types only.
    const inWatchBundle = rel.startsWith("engine") || rel.startsWith("sessionDriver");
    if (inWatchBundle && (spec === "zod" || spec.includes("schemas"))) {
      problems.push(`${rel} imports "${spec}" at run time (use import type)`);
    }
  }
  const global = platformGlobal(text, FORBIDDEN_GLOBALS);
  if (global) problems.push(`${rel} uses the platform global "${global}"`);
  return problems;
}

describe("shared/ boundaries", () => {
  it("imports no platform module and uses no platform global", () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((f) => boundaryViolations(f, readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });

  it("the check catches a platform import, a timer and a runtime zod import in the engine", () => {
    expect(
      boundaryViolations(path.join(srcDir, "x.ts"), 'import { Hono } from "hono";'),
    ).toHaveLength(1);
    expect(boundaryViolations(path.join(srcDir, "x.ts"), "setTimeout(() => 1, 5);")).toHaveLength(
      1,
    );
    expect(boundaryViolations(path.join(srcDir, "x.ts"), "const t = Date.now();")).toHaveLength(1);
    expect(
      boundaryViolations(
        path.join(srcDir, "engine/a.ts"),
        'import { PlanItem } from "../schemas/plan.ts";',
      ),
    ).toHaveLength(1);
    expect(
      boundaryViolations(
        path.join(srcDir, "engine/a.ts"),
        'import type { PlanItem } from "../schemas/plan.ts";',
      ),
    ).toEqual([]);
  });
});

// The shared sync client ships to watches and browsers: it must not carry zod (or anything that
// pulls it in) at run time. Types from the schemas come in with `import type` only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runtimeImports } from "./support/sourceBoundaries.ts";

const clientDir = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  "../shared/src/client",
);
/** The only modules outside the client it may load at run time: zod-free constants. */
const ALLOWED_OUTSIDE = new Set(["../sync/kinds.ts"]);

describe("shared/src/client boundaries", () => {
  it("loads no zod, no schemas and no push rules at run time (tests and test fakes aside)", () => {
    const files = readdirSync(clientDir).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    );
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((f) =>
      runtimeImports(readFileSync(path.join(clientDir, f), "utf8"))
        .filter((spec) => !spec.startsWith("./") && !ALLOWED_OUTSIDE.has(spec))
        .map((spec) => `${f} imports "${spec}" at run time`),
    );
    expect(problems).toEqual([]);
  });
});

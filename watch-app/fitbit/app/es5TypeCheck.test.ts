/// <reference types="node" />
// The Fitbit watch runs ECMAScript 5.1 plus Promise and the polyfills of app/polyfills.ts. The
// device code and everything it imports — the watch core and the shared sync client included —
// must type-check under that lib, as the build's gate (tsc -p fitbit/app) and the SDK require;
// this runs the same check in the test suite, so a `flatMap` or `Object.assign` in a shared
// module fails here rather than three minutes into `npm run build:watch`.
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const appDir = path.dirname(new URL(import.meta.url).pathname);

/** Type-checks with fitbit/app/tsconfig.json's options: its own files, or only `roots`. */
function deviceProgram(roots?: string[]) {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(appDir, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (config === undefined) throw new Error("fitbit/app/tsconfig.json is unreadable");
  const program = ts.createProgram({
    rootNames: roots ?? config.fileNames,
    options: { ...config.options, noEmit: true },
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .slice(0, 20)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  const files = program.getSourceFiles().map((f) => path.relative(appDir, f.fileName));
  return { errors, files };
}

describe("Fitbit device code under lib ES5", () => {
  it("the device app, the core and the shared sync client modules it imports type-check", () => {
    const { errors, files } = deviceProgram();
    expect(errors).toEqual([]);
    // The shared client really is part of what was checked (the watch pushes through it).
    const shared = files.filter((f) => f.includes("shared/src/client/"));
    expect(shared.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(["outbox.ts", "outboxState.ts", "pushLoop.ts", "pushClient.ts"]),
    );
  }, 60_000);

  it("the check catches a post-ES5 built-in", () => {
    const probe = path.join(appDir, "es5Probe.fixture.ts");
    const host = ts.sys.readFile;
    ts.sys.readFile = (file, enc) =>
      file === probe
        ? "export const x = [[1]].flatMap((a) => a); export const y = Object.assign({}, {});"
        : host(file, enc);
    try {
      const { errors } = deviceProgram([probe, path.join(appDir, "polyfilled.d.ts")]);
      expect(errors.join("\n")).toMatch(/flatMap/);
      expect(errors.join("\n")).toMatch(/assign/);
    } finally {
      ts.sys.readFile = host;
    }
  }, 60_000);
});

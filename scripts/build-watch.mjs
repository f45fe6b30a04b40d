// `npm run build:watch`: builds the Zepp OS app (watch-app/dist/runstrong.zab) and the Fitbit app
// (watch-app/dist/runstrong.fba) from a fresh clone, offline, without touching the user's home.
//
// Both toolchains run on generated projects inside watch-app/*/build/ (gitignored), with HOME,
// TMPDIR and the XDG folders pointed there and a preload that refuses every network connection.
// Usage: node scripts/build-watch.mjs [zepp|fitbit]   (default: both)
// The steps live in scripts/watchBuild/: toolchains (offline processes, type-check), bundling,
// zeppAppJson, offlineZeus, zeppBuild, fitbitBuild, sizes (the printout and the 80 KB gate).
import fs from "node:fs";
import path from "node:path";
import {
  BuildError,
  distDir,
  fitbitDir,
  root,
  step,
  watchDir,
  zeppDir,
} from "./watchBuild/buildCommon.mjs";
import { buildFitbit } from "./watchBuild/fitbitBuild.mjs";
import { report } from "./watchBuild/sizes.mjs";
import { typeCheck } from "./watchBuild/toolchains.mjs";
import { buildZepp } from "./watchBuild/zeppBuild.mjs";

async function main() {
  const only = process.argv[2];
  if (only !== undefined && only !== "zepp" && only !== "fitbit") {
    throw new BuildError(`unknown platform "${only}" (zepp or fitbit)`);
  }
  const doZepp = only !== "fitbit";
  const doFitbit = only !== "zepp";
  const version = JSON.parse(fs.readFileSync(path.join(watchDir, "package.json"), "utf8")).version;

  for (const dir of [
    doZepp && path.join(zeppDir, "build"),
    doFitbit && path.join(fitbitDir, "build"),
  ]) {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(distDir, { recursive: true });
  for (const [flag, file] of [
    [doZepp, "runstrong.zab"],
    [doFitbit, "runstrong.fba"],
  ]) {
    if (flag) fs.rmSync(path.join(distDir, file), { force: true });
  }

  step("Type-check the watch shells (repository TypeScript, per-folder tsconfigs)");
  await typeCheck(
    [
      ...(doZepp ? ["zepp", "zepp/app-side", "zepp/setting"] : []),
      ...(doFitbit ? ["fitbit/app", "fitbit/companion", "fitbit/settings"] : []),
    ].map((p) => path.join(watchDir, p)),
  );

  const zepp = doZepp ? await buildZepp(version) : null;
  if (zepp) {
    step("Zepp OS: run the shipped device JS in QuickJS (watch-app/zepp/tools/quickjsSmoke.mjs)");
    const { smokeRunZeppProject } = await import("../watch-app/zepp/tools/quickjsSmoke.mjs");
    const project = path.join(zeppDir, "build", "project");
    const smoke = await smokeRunZeppProject({ project, root }).catch((error) => {
      throw new BuildError(`Zepp smoke run: ${error.message}`);
    });
    for (const passed of smoke.passed) console.log(`  ✓ ${passed}`);
  }
  const fitbit = doFitbit ? await buildFitbit() : null;
  report(zepp, fitbit);
  console.log("\nWatch build done.");
}

main().catch((error) => {
  if (error instanceof BuildError) {
    console.error(`\n✗ Watch build failed: ${error.message}`);
  } else {
    console.error("\n✗ Watch build failed:", error);
  }
  process.exit(1);
});

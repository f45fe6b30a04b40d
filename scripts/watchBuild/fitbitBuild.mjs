// The Fitbit OS build (maintenance only): bundles the device app, companion and settings page,
// runs fitbit-build offline, smoke-runs what the .fba ships (in an ES5 Node vm sandbox, then the
// device JS in QuickJS under a heap limit) and holds its device JS budget.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { iconPng } from "./appIcon.mjs";
import { BuildError, distDir, fitbitDir, kb, readZip, step } from "./buildCommon.mjs";
import { assertNoZod, bundle, outputSizes } from "./bundling.mjs";
import { run, toolEnv, writeOfflineGuard } from "./toolchains.mjs";

const require = createRequire(import.meta.url);

const FITBIT_ICON_SIZE = 80;

/** Budget for the Fitbit device JS as shipped (the SDK's ES5 output, per watch). */
const FITBIT_DEVICE_JS_BUDGET = 96 * 1024;

/**
 * esbuild options per Fitbit component. ES2020 leaves object spread, async functions and
 * optional chaining to the SDK's TypeScript, which lowers them with ES5-safe helpers (esbuild's
 * own ES2015 helpers call Object.getOwnPropertyDescriptors, which the watch lacks). The device
 * bundle gets app/polyfills.ts's Map and Set for every free `Map`/`Set` reference.
 */
function fitbitBundleOptions(component) {
  const options = { target: "es2020" };
  if (component === "device") options.inject = [path.join(fitbitDir, "app", "polyfills.ts")];
  if (component === "settings") {
    Object.assign(options, { jsx: "preserve", outExtension: { ".js": ".jsx" } });
  }
  return options;
}

/** What the .fba ships per part: the device JS per watch, the companion and settings JS. */
function fitbitShippedSizes(packageZip) {
  const sizes = {};
  for (const target of ["atlas", "vulcan"]) {
    const device = readZip(packageZip.read(`device-${target}.zip`), `device-${target}.zip`);
    sizes[`device ${target} (ES5, shipped)`] = {
      file: `device-${target}.zip: app/index.js`,
      bytes: device.size("app/index.js") ?? 0,
    };
  }
  const companion = readZip(packageZip.read("companion.zip"), "companion.zip");
  for (const name of companion.names.filter((n) => n.endsWith(".js"))) {
    sizes[`${name.replace(/\.js$/, "")} (shipped)`] = {
      file: `companion.zip: ${name}`,
      bytes: companion.size(name) ?? 0,
    };
  }
  return sizes;
}

/**
 * Runs watch-app/fitbit/tools/smoke.mjs on what the .fba ships: the device JS in an ES5-only
 * sandbox (parsed as ES5.1 by acorn, which the SDK's terser brings), the companion behind a fake
 * server, the settings page; a scripted user from home through a routine, pairing and sync.
 */
async function fitbitSmokeRun(packageZip, sdkDir) {
  const terserDir = path.dirname(require.resolve("terser/package.json", { paths: [sdkDir] }));
  const acorn = createRequire(path.join(terserDir, "package.json"))("acorn");
  const { smokeRunFitbit } = await import(
    new URL(`file://${path.join(fitbitDir, "tools", "smoke.mjs")}`).href
  );
  const device = readZip(packageZip.read("device-atlas.zip"), "device-atlas.zip");
  const companion = readZip(packageZip.read("companion.zip"), "companion.zip");
  try {
    return await smokeRunFitbit({
      deviceJs: device.read("app/index.js").toString("utf8"),
      viewXml: device.read("resources/index.view").toString("utf8"),
      companionJs: companion.read("companion.js").toString("utf8"),
      settingsJs: companion.read("settings.js").toString("utf8"),
      parseEs5: (code) => acorn.parse(code, { ecmaVersion: 5, sourceType: "script" }),
    });
  } catch (error) {
    throw new BuildError(`Fitbit smoke run: ${error.message}`);
  }
}

export async function buildFitbit() {
  const build = path.join(fitbitDir, "build");
  const project = path.join(build, "project");
  const sdkDir = path.dirname(require.resolve("@fitbit/sdk/package.json"));
  const sdkPackage = require("@fitbit/sdk/package.json");
  const { externals } = require(path.join(sdkDir, "lib", "plugins", "platformExternals.js"));

  step("Fitbit OS: bundle the device app, the companion and the settings page");
  // The SDK's own TypeScript (4.9) rejects the repository's `.ts` import paths and package
  // `exports`, so the sources are type-checked above with the repository's TypeScript and
  // bundled here into plain ES modules; the SDK then compiles those to its targets.
  const sizes = {};
  for (const [entry, out, component] of [
    ["app/index.ts", "app/index", "device"],
    ["companion/index.ts", "companion/index", "companion"],
    ["settings/index.tsx", "settings/index", "settings"],
  ]) {
    const result = await bundle({
      outdir: project,
      entryPoints: [{ in: path.join(fitbitDir, entry), out }],
      external: externals[component],
      ...fitbitBundleOptions(component),
    });
    if (component === "device") assertNoZod(result.metafile, "the Fitbit device app");
    sizes[`${component} (bundled)`] = outputSizes(result.metafile, project)[0];
  }

  step("Fitbit OS: write package.json and resources");
  const projectPackage = JSON.parse(fs.readFileSync(path.join(fitbitDir, "package.json"), "utf8"));
  fs.writeFileSync(
    path.join(project, "package.json"),
    `${JSON.stringify({ ...projectPackage, devDependencies: { "@fitbit/sdk": sdkPackage.version } }, null, 2)}\n`,
  );
  // The SDK looks for a tsconfig.json upwards from each entry; without this one it would find the
  // repository's, whose options its TypeScript 4.9 does not know.
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    `${JSON.stringify({ extends: path.relative(project, path.join(sdkDir, "sdk-tsconfig.json")) }, null, 2)}\n`,
  );
  fs.cpSync(path.join(fitbitDir, "resources"), path.join(project, "resources"), {
    recursive: true,
  });
  fs.writeFileSync(path.join(project, "resources", "icon.png"), iconPng(FITBIT_ICON_SIZE));

  step(`Fitbit OS: fitbit-build (@fitbit/sdk ${sdkPackage.version})`);
  const guard = writeOfflineGuard(build);
  const output = await run(process.execPath, [path.join(sdkDir, "bin", "fitbit-build.js")], {
    cwd: project,
    env: toolEnv(build, guard),
  });
  if (/\[error\]/.test(output)) throw new BuildError("fitbit-build reported errors");
  const built = path.join(project, "build", "app.fba");
  if (!fs.existsSync(built)) throw new BuildError("fitbit-build produced no build/app.fba");
  const fba = path.join(distDir, "runstrong.fba");
  fs.copyFileSync(built, fba);
  const packageZip = readZip(fs.readFileSync(fba), "runstrong.fba");
  for (const f of ["manifest.json", "device-atlas.zip", "device-vulcan.zip", "companion.zip"]) {
    if (!packageZip.names.includes(f)) throw new BuildError(`runstrong.fba lacks ${f}`);
  }
  step("Fitbit OS: smoke run of the shipped app (ES5 sandbox, companion, fake server)");
  for (const passed of await fitbitSmokeRun(packageZip, sdkDir)) console.log(`  ✓ ${passed}`);
  step(
    "Fitbit OS: run the shipped device JS in QuickJS under a heap limit (watch-app/fitbit/tools/quickjs/quickjsSmoke.mjs)",
  );
  const { smokeRunFitbitPackage } = await import(
    new URL(`file://${path.join(fitbitDir, "tools", "quickjs", "quickjsSmoke.mjs")}`).href
  );
  // Both watches ship the same device JS; atlas's is the one run, as in the vm smoke run.
  const heap = await smokeRunFitbitPackage({ fba }).catch((error) => {
    throw new BuildError(`Fitbit QuickJS smoke run: ${error.message}`);
  });
  for (const passed of heap.passed) console.log(`  ✓ ${passed}`);
  Object.assign(sizes, fitbitShippedSizes(packageZip));
  const over = Object.entries(sizes).filter(
    ([part, out]) => part.startsWith("device ") && out.bytes > FITBIT_DEVICE_JS_BUDGET,
  );
  if (over.length > 0) {
    throw new BuildError(
      `Fitbit device JS over its ${kb(FITBIT_DEVICE_JS_BUDGET)} budget: ${over.map(([p, o]) => `${p} ${kb(o.bytes)}`).join(", ")}`,
    );
  }
  return { sizes, fba };
}

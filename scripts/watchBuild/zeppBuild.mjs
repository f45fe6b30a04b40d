// The Zepp OS build: bundles the device app, each target's pages, the App Service and the phone
// side, writes app.json and the icons, runs zeus offline and checks the .zab it produced.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { iconPng } from "./appIcon.mjs";
import { BuildError, distDir, readZip, step, zeppDir } from "./buildCommon.mjs";
import { assertNoZod, BUNDLE_OPTIONS, bundle, bundleDevice, outputSizes } from "./bundling.mjs";
import { prepareZeusHome, runZeusBuild } from "./offlineZeus.mjs";
import {
  ZEPP_ICON_SIZE,
  ZEPP_PAGES,
  ZEPP_SERVICES,
  zeppAppJson,
  zeppConfig,
} from "./zeppAppJson.mjs";

const require = createRequire(import.meta.url);

/** Inputs of a bundle that belong to ZML's runtime. */
const ZML_INPUT = /(^|\/)node_modules\/@zeppos\/zml\//;

export async function buildZepp(version) {
  const build = path.join(zeppDir, "build");
  const project = path.join(build, "project");
  const config = zeppConfig();
  const zeusPackage = require("@zeppos/zeus-cli/package.json");

  step("Zepp OS: bundle the device app, the phone-side service and the settings app");
  const sizes = { app: 0, service: 0, targets: {}, zml: 0, zmlPages: {} };
  const device = {
    ...BUNDLE_OPTIONS,
    outdir: project,
    external: ["@zos/*"],
    // The simulator's test hooks (`if (RS_SIM)`) are dropped from every device bundle.
    define: { RS_SIM: "false" },
  };
  const app = await bundleDevice({
    ...device,
    entryPoints: [{ in: path.join(zeppDir, "app.ts"), out: "app" }],
  });
  assertNoZod(app.metafile, "app.js");
  sizes.app = outputSizes(app.metafile, project)[0].bytes;
  sizes.zml = zmlBytes(app.metafile);
  const services = await bundleDevice({
    ...device,
    entryPoints: ZEPP_SERVICES.map((name) => ({
      in: path.join(zeppDir, "app-service", `${name}.ts`),
      out: `app-service/${name}`,
    })),
  });
  // A service runs alone in about 600 ms: it must not drag in the core or ZML.
  const heavy = Object.keys(services.metafile.inputs).filter((i) => !i.includes("app-service/"));
  if (heavy.length > 0) throw new BuildError(`an App Service imports ${heavy[0]}: keep it alone`);
  sizes.service = outputSizes(services.metafile, project).reduce((sum, o) => sum + o.bytes, 0);
  for (const target of config.targets) {
    const pages = await bundleDevice({
      ...device,
      entryPoints: ZEPP_PAGES.map((page) => ({
        in: `rs-page:${page}`,
        out: `page/${target.id}/${page}`,
      })),
      define: { ...device.define, RS_PAGE_DIR: JSON.stringify(`page/${target.id}`) },
      plugins: [zeppPageEntries(target.id)],
    });
    assertNoZod(pages.metafile, `the ${target.id} pages`);
    sizes.targets[target.id] = outputSizes(pages.metafile, project);
    sizes.zmlPages[target.id] = zmlBytes(pages.metafile);
  }
  const phone = await bundle({
    outdir: project,
    entryPoints: [
      { in: path.join(zeppDir, "app-side", "index.ts"), out: "app-side/index" },
      { in: path.join(zeppDir, "setting", "index.ts"), out: "setting/index" },
    ],
  });
  sizes.phone = outputSizes(phone.metafile, project);

  step("Zepp OS: write app.json, icons, and the device list into the build's own HOME");
  fs.writeFileSync(
    path.join(project, "app.json"),
    `${JSON.stringify(zeppAppJson(config, version), null, 2)}\n`,
  );
  const icon = iconPng(ZEPP_ICON_SIZE);
  for (const target of config.targets) {
    fs.mkdirSync(path.join(project, "assets", target.id), { recursive: true });
    fs.writeFileSync(path.join(project, "assets", target.id, "icon.png"), icon);
  }
  const env = prepareZeusHome(build, config, zeusPackage.version);

  step(`Zepp OS: zeus build (zeus-cli ${zeusPackage.version})`);
  await runZeusBuild(project, env);
  // zeus reports some failures only in its log and still exits 0: check the package itself.
  const zabs = fs.existsSync(path.join(project, "dist"))
    ? fs.readdirSync(path.join(project, "dist")).filter((f) => f.endsWith(".zab"))
    : [];
  if (zabs.length !== 1) throw new BuildError(`zeus build produced ${zabs.length} .zab files`);
  const zab = path.join(distDir, "runstrong.zab");
  fs.copyFileSync(path.join(project, "dist", zabs[0]), zab);
  const bytecode = checkZab(zab, config);
  return { sizes, bytecode, zab };
}

/** Bytes ZML's runtime contributes to a bundle's output. */
function zmlBytes(metafile) {
  let bytes = 0;
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, part] of Object.entries(output.inputs)) {
      if (ZML_INPUT.test(input)) bytes += part.bytesInOutput;
    }
  }
  return bytes;
}

/** Generates each page's entry for one target: the page module fed with that target's layout. */
function zeppPageEntries(targetId) {
  return {
    name: "runstrong-zepp-pages",
    setup(build) {
      build.onResolve({ filter: /^rs-page:/ }, (args) => ({
        path: args.path.slice("rs-page:".length),
        namespace: "rs-page",
      }));
      build.onLoad({ filter: /.*/, namespace: "rs-page" }, (args) => ({
        contents: [
          `import { layout } from "./page/${args.path}.${targetId}.layout.ts";`,
          `import { ${args.path}Page } from "./page/${args.path}.ts";`,
          `Page(${args.path}Page(layout));`,
        ].join("\n"),
        resolveDir: zeppDir,
        loader: "ts",
      }));
    },
  };
}

/** Checks the .zab holds one package per target with its pages, icon and phone side. */
function checkZab(file, config) {
  const zab = readZip(fs.readFileSync(file), "runstrong.zab");
  const manifest = JSON.parse(zab.read("manifest.json").toString("utf8"));
  const bytecode = {};
  for (const entry of manifest.zpks) {
    const zpk = readZip(zab.read(entry.name), entry.name);
    const deviceZip = readZip(zpk.read("device.zip"), `${entry.name}/device.zip`);
    const appJson = JSON.parse(deviceZip.read("app.json").toString("utf8"));
    const pages = appJson.module.page.pages;
    const targetId = pages[0]?.split("/")[1];
    const sources = appJson.platforms.map((p) => p.deviceSource).sort();
    const expected = config.byTarget
      .get(targetId)
      ?.flatMap((d) => d.deviceSources)
      .sort();
    if (!expected || sources.join() !== expected.join()) {
      throw new BuildError(`${entry.name}: unexpected devices ${sources.join(", ")}`);
    }
    const services = appJson.module["app-service"]?.services ?? [];
    if (services.length !== ZEPP_SERVICES.length) {
      throw new BuildError(`${entry.name}: app.json declares ${services.length} App Services`);
    }
    const files = [
      "app.bin",
      ...pages.map((p) => `${p}.bin`),
      ...services.map((p) => `${p}.bin`),
      "assets/icon.png",
    ];
    const missing = files.filter((f) => !deviceZip.names.includes(f));
    if (missing.length > 0) throw new BuildError(`${entry.name} lacks ${missing.join(", ")}`);
    const side = readZip(zpk.read("app-side.zip"), `${entry.name}/app-side.zip`);
    for (const f of ["app-side.js", "setting.js"]) {
      if (!side.names.includes(f)) throw new BuildError(`${entry.name} lacks ${f}`);
    }
    bytecode[targetId] = deviceZip.names
      .filter((f) => f.endsWith(".bin"))
      .reduce((sum, f) => sum + (deviceZip.size(f) ?? 0), 0);
  }
  const built = Object.keys(bytecode).sort().join();
  const wanted = config.targets
    .map((t) => t.id)
    .sort()
    .join();
  if (built !== wanted) throw new BuildError(`runstrong.zab holds targets ${built}, not ${wanted}`);
  return bytecode;
}

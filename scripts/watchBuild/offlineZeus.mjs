// zeus offline: the device list it would fetch, written from app.config.json into the build's
// own HOME with the version files that keep it from checking npm, then `zeus build` itself.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { rel } from "./buildCommon.mjs";
import { run, toolEnv, writeOfflineGuard } from "./toolchains.mjs";
import { ZEPP_ICON_SIZE } from "./zeppAppJson.mjs";

const require = createRequire(import.meta.url);

/**
 * The device list zeus and zpm read from $HOME/.zepp/.zeus_devices, built from the public facts
 * in app.config.json. Fields the build does not use and the facts do not give (product ids) are
 * zero; iconSize is our icon's own size, so zpm keeps it as is.
 */
function zeusDeviceList(config, zeusVersion) {
  const devices = config.devices.flatMap((device) => {
    const code = device.name.toLowerCase().replace(/[^a-z0-9]+/g, "");
    return device.deviceSources.map((deviceSource) => ({
      productName: device.name,
      code,
      deviceSource,
      value: {
        code,
        productId: 0,
        productVersion: 0,
        shape: device.shape,
        screen: { size: `${device.width}*${device.height}`, iconSize: ZEPP_ICON_SIZE },
        os: { apiLevel: device.apiLevel },
      },
    }));
  });
  // zeus refetches the list unless `version` is its own and `expiredTime` lies ahead.
  const expiredTime = Date.now() + 24 * 3600 * 1000;
  return { version: zeusVersion, expiredTime, devices, devices_beta: [] };
}

/** The build's tool environment with zeus's files in its HOME; returns that environment. */
export function prepareZeusHome(build, config, zeusVersion) {
  const guard = writeOfflineGuard(build);
  const env = toolEnv(build, guard);
  const zeppHome = path.join(env.HOME, ".zepp");
  fs.mkdirSync(zeppHome, { recursive: true });
  fs.writeFileSync(
    path.join(zeppHome, ".zeus_devices"),
    JSON.stringify(zeusDeviceList(config, zeusVersion)),
  );
  // Without .zeus_version zeus deletes the device list as stale; the check time in .zeus
  // spares its npm version check.
  fs.writeFileSync(path.join(zeppHome, ".zeus_version"), zeusVersion);
  fs.writeFileSync(
    path.join(zeppHome, ".zeus"),
    `____inner_version_check_time=${Date.now()}\n____inner_version=${zeusVersion}\n`,
  );
  console.log(`  ${rel(zeppHome)}/.zeus_devices: ${config.devices.length} devices`);
  return env;
}

/** Runs `zeus build` in the generated project, offline. */
export async function runZeusBuild(project, env) {
  const zeusDir = path.dirname(require.resolve("@zeppos/zeus-cli/package.json"));
  // A local zeus-cli looks for its private zeppos-app-utils as a top-level module: NODE_PATH
  // provides it without touching the root package.json (`_moduleAliases`).
  env.NODE_PATH = [path.join(zeusDir, "private-modules"), process.env.NODE_PATH]
    .filter(Boolean)
    .join(path.delimiter);
  await run(process.execPath, [path.join(zeusDir, "bin", "main.js"), "build"], {
    cwd: project,
    env,
  });
}

// The Zepp project's app.json, generated from watch-app/zepp/app.config.json: its targets, the
// devices each ships to, the pages and App Services of every target.
import fs from "node:fs";
import path from "node:path";
import { BuildError, rel, zeppDir } from "./buildCommon.mjs";

export const ZEPP_PAGES = ["home", "session", "pairing"];
/** App Services (zepp/app-service/<name>.ts): tiny, started by an alarm, shared by the targets. */
export const ZEPP_SERVICES = ["restEnd"];
export const ZEPP_ICON_SIZE = 248;

export function zeppConfig() {
  const config = JSON.parse(fs.readFileSync(path.join(zeppDir, "app.config.json"), "utf8"));
  const byTarget = new Map(config.targets.map((t) => [t.id, []]));
  for (const device of config.devices) {
    const target = config.targets.find(
      (t) => t.shape === device.shape && t.width === device.width && t.height === device.height,
    );
    if (!target) {
      throw new BuildError(
        `${device.name} (${device.shape} ${device.width}×${device.height}) fits no target in app.config.json`,
      );
    }
    byTarget.get(target.id).push(device);
  }
  for (const [id, devices] of byTarget) {
    if (devices.length === 0) throw new BuildError(`target ${id} has no device`);
    for (const page of ZEPP_PAGES) {
      const layout = path.join(zeppDir, "page", `${page}.${id}.layout.ts`);
      if (!fs.existsSync(layout)) throw new BuildError(`missing layout ${rel(layout)}`);
    }
  }
  return { ...config, byTarget };
}

/** "0.1.0" → 100: Zepp wants an increasing integer next to the version name. */
function versionCode(version) {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map((n) => Number.parseInt(n, 10));
  return major * 10_000 + minor * 100 + patch;
}

export function zeppAppJson(config, version) {
  const targets = {};
  for (const target of config.targets) {
    targets[target.id] = {
      module: {
        page: { pages: ZEPP_PAGES.map((page) => `page/${target.id}/${page}`) },
        "app-service": { services: ZEPP_SERVICES.map((name) => `app-service/${name}`) },
        "app-side": { path: "app-side/index" },
        setting: { path: "setting/index" },
      },
      // Named devices rather than a screen filter: each target ships only to the watches it was
      // laid out for, and its assets folder is assets/<target id>/.
      platforms: config.byTarget
        .get(target.id)
        .flatMap((device) => device.deviceSources.map((deviceSource) => ({ deviceSource }))),
      designWidth: target.width,
    };
  }
  return {
    configVersion: "v3",
    app: {
      appId: config.app.appId,
      appName: config.app.appName,
      appType: "app",
      version: { code: versionCode(version), name: version },
      icon: "icon.png",
      vender: config.app.vender,
      description: config.app.description,
    },
    permissions: config.permissions,
    runtime: { apiVersion: config.apiVersion },
    debug: false,
    targets,
    i18n: { "en-US": { appName: config.app.appName } },
    defaultLanguage: "en-US",
  };
}

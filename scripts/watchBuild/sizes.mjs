// The printout of what was built, with the 80 KB gate on each Zepp watch's device JS: a build
// over it fails.
import fs from "node:fs";
import path from "node:path";
import { BuildError, kb, rel, step } from "./buildCommon.mjs";

/**
 * Budget for the whole device JS of one Zepp watch (app.js plus the target's pages and the App
 * Service, ZML's messaging runtime included), minified as handed to zeus: a build over it fails, so the app
 * cannot grow unnoticed. An estimate of ours, not a platform limit (watch-app/README.md, "Size").
 */
const ZEPP_DEVICE_JS_BUDGET = 80 * 1024;

export function report(zepp, fitbit) {
  step("Sizes");
  if (zepp) {
    console.log(
      "  Zepp OS device JS (minified ES2015 as handed to zeus; bytecode = .bin in the .zab):",
    );
    let over = [];
    for (const [target, pages] of Object.entries(zepp.sizes.targets)) {
      const zml = zepp.sizes.zml + zepp.sizes.zmlPages[target];
      const total =
        zepp.sizes.app + zepp.sizes.service + pages.reduce((sum, p) => sum + p.bytes, 0);
      const parts = pages.map((p) => `${path.basename(p.file, ".js")} ${kb(p.bytes)}`).join(", ");
      console.log(
        `    ${target}: app ${kb(zepp.sizes.app)}, ${parts}, app-service ${kb(zepp.sizes.service)} → ${kb(total)} JS (runstrong ${kb(total - zml)} + ZML ${kb(zml)}), ${kb(zepp.bytecode[target])} bytecode`,
      );
      console.log(`      headroom ${kb(ZEPP_DEVICE_JS_BUDGET - total)}`);
      if (total > ZEPP_DEVICE_JS_BUDGET) over = [...over, `${target} (${kb(total)})`];
    }
    console.log(`    budget: ${kb(ZEPP_DEVICE_JS_BUDGET)} of device JS per watch, ZML included`);
    for (const p of zepp.sizes.phone) console.log(`  Zepp phone side ${p.file}: ${kb(p.bytes)}`);
    console.log(`  ${rel(zepp.zab)}: ${kb(fs.statSync(zepp.zab).size)}`);
    if (over.length > 0) {
      throw new BuildError(
        `device JS over its ${kb(ZEPP_DEVICE_JS_BUDGET)} budget: ${over.join(", ")}`,
      );
    }
  }
  if (fitbit) {
    for (const [component, out] of Object.entries(fitbit.sizes)) {
      console.log(`  Fitbit ${component} ${out.file}: ${kb(out.bytes)}`);
    }
    console.log(`  ${rel(fitbit.fba)}: ${kb(fs.statSync(fitbit.fba).size)}`);
  }
}

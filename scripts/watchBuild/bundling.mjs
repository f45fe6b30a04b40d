// esbuild with the watch's shared options (scripts/watchBundleOptions.mjs), the second minifying
// pass for device JS, output sizes, and the rule that no watch bundle carries zod.
import fs from "node:fs";
import path from "node:path";
import { compactDeviceJs, watchBundleOptions } from "../watchBundleOptions.mjs";
import { BuildError, root } from "./buildCommon.mjs";

const esbuild = await import("esbuild");

export const BUNDLE_OPTIONS = watchBundleOptions(root);

export async function bundle(options) {
  try {
    return await esbuild.build({ ...BUNDLE_OPTIONS, ...options });
  } catch (error) {
    throw new BuildError(`esbuild failed (${error.errors?.length ?? "?"} errors, see above)`);
  }
}

/** Output files of a metafile with their sizes on disk (after any second pass), relative to `outdir`. */
export function outputSizes(metafile, outdir) {
  return Object.keys(metafile.outputs).map((file) => ({
    file: path.relative(outdir, path.resolve(root, file)),
    bytes: fs.statSync(path.resolve(root, file)).size,
  }));
}

/** Bundles device JS, then gives every output the second minifying pass (compactDeviceJs). */
export async function bundleDevice(options) {
  const result = await bundle(options);
  for (const file of Object.keys(result.metafile.outputs)) {
    if (file.endsWith(".js")) await compactDeviceJs(path.resolve(root, file));
  }
  return result;
}

/** The watch bundle must not carry zod (too big for a watch; the engine imports its types only). */
export function assertNoZod(metafile, what) {
  const zodInputs = Object.keys(metafile.inputs).filter((input) =>
    /(^|\/)node_modules\/zod\//.test(input),
  );
  if (zodInputs.length > 0) {
    throw new BuildError(`zod found in ${what} (${zodInputs[0]}…): import only types from schemas`);
  }
}

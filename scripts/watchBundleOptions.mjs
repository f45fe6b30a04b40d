// The esbuild options the watch build bundles with, in one place: the watch benchmark measures
// with the same ones, so the sizes it reports are what ships.
export function watchBundleOptions(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    // Both toolchains lower further (Zepp to ES2015, Fitbit's device to ES5); ES2015 here keeps
    // the sizes reported close to what ships.
    target: "es2015",
    minify: true,
    legalComments: "eof",
    charset: "utf8",
    metafile: true,
    logLevel: "warning",
  };
}

/**
 * A second minifying pass over a device bundle, in place: terser with two compress passes takes
 * about 2 % more off what esbuild's single pass leaves (1.5 KB of the Zepp app). Safe options only
 * (no `unsafe*`); the QuickJS smoke run executes the result. License comments stay.
 */
export async function compactDeviceJs(file) {
  const { readFile, writeFile } = await import("node:fs/promises");
  const { minify } = await import("terser");
  const code = await readFile(file, "utf8");
  const out = await minify(code, {
    module: true,
    ecma: 2015,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: "some" },
  });
  if (typeof out.code !== "string") throw new Error(`terser gave nothing for ${file}`);
  await writeFile(file, out.code);
}

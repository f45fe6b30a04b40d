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

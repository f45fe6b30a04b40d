// `npm run build:web`: bundles the web view's client scripts (TypeScript under
// worker/src/web/client) with esbuild, copies uPlot's stylesheet and draws the app icons as PNG,
// all into worker/public/static/dist/ (generated, not committed: the root .gitignore has dist/).
// Prints each page's compressed JS size; `--watch` rebuilds on change.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { encodePng } from "./pngEncode.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const clientDir = path.join(root, "worker/src/web/client");
const outDir = path.join(root, "worker/public/static/dist");
/** Every page loads exactly one of these bundles. */
const ENTRIES = ["main", "progress", "run", "plan", "runs", "assessments"];
/** The budget the issue sets for compressed JS on any page. */
const BUDGET_GZ = 60 * 1024;

mkdirSync(outDir, { recursive: true });

const options = {
  entryPoints: ENTRIES.map((name) => ({ in: path.join(clientDir, `${name}.ts`), out: name })),
  outdir: outDir,
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2020", "chrome90", "firefox90", "safari15"],
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
};

function reportSizes() {
  let over = false;
  for (const name of ENTRIES) {
    const code = readFileSync(path.join(outDir, `${name}.js`));
    const gz = gzipSync(code, { level: 9 }).length;
    over ||= gz > BUDGET_GZ;
    console.log(
      `  ${`${name}.js`.padEnd(12)} ${(code.length / 1024).toFixed(1).padStart(6)} KB  ${(gz / 1024).toFixed(1).padStart(5)} KB gzip`,
    );
  }
  if (over) {
    console.error(`A page bundle is over the ${BUDGET_GZ / 1024} KB gzip budget.`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Icons: a white kettlebell on the brand teal, drawn from signed distances with 4×4 supersampling
// (the same design as worker/public/icon.svg), encoded as RGBA PNG with node:zlib.

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];
const ORANGE = [251, 146, 60];

function roundedRectInside(x, y, size, radius) {
  const dx = Math.max(Math.abs(x - size / 2) - (size / 2 - radius), 0);
  const dy = Math.max(Math.abs(y - size / 2) - (size / 2 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** The mark in unit coordinates (0..1, y down): which colour covers the point, if any. */
function mark(u, v) {
  // Kettlebell: a wide handle over a round body with a flat base, moving right (speed lines).
  const body = (u - 0.56) ** 2 + (v - 0.6) ** 2 <= 0.25 ** 2 && v <= 0.82;
  const r = Math.hypot((u - 0.56) / 1.15, v - 0.38);
  const handle = r <= 0.2 && r >= 0.125 && v <= 0.47;
  if (body || handle) return WHITE;
  const lines = [
    [0.5, 0.12, 0.26],
    [0.6, 0.06, 0.26],
    [0.7, 0.12, 0.26],
  ];
  for (const [y, x0, x1] of lines) {
    const dy = Math.abs(v - y);
    const dx = u < x0 ? x0 - u : u > x1 ? u - x1 : 0;
    if (Math.hypot(dx, dy) <= 0.025) return ORANGE;
  }
  return null;
}

function drawIcon(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  // Maskable icons keep the mark inside the central 80 % safe zone and fill the whole square.
  const scale = maskable ? 0.72 : 0.9;
  const radius = size * 0.22;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          if (!maskable && !roundedRectInside(px, py, size, radius)) continue;
          const u = (px / size - 0.5) / scale + 0.5;
          const v = (py / size - 0.5) / scale + 0.5;
          const colour = mark(u, v) ?? TEAL;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function writeAssets() {
  const icons = [
    ["icon-192.png", 192, false],
    ["icon-512.png", 512, false],
    ["icon-maskable-512.png", 512, true],
    ["apple-touch-icon.png", 180, true],
  ];
  for (const [file, size, maskable] of icons) {
    writeFileSync(path.join(outDir, file), drawIcon(size, { maskable }));
  }
  writeFileSync(
    path.join(outDir, "uplot.css"),
    readFileSync(path.join(root, "node_modules/uplot/dist/uPlot.min.css")),
  );
}

writeAssets();
if (process.argv.includes("--watch")) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [{ name: "sizes", setup: (b) => b.onEnd(() => reportSizes()) }],
  });
  await ctx.watch();
  console.log("watching worker/src/web/client for changes…");
} else {
  await esbuild.build(options);
  console.log("web view bundles in worker/public/static/dist:");
  reportSizes();
}

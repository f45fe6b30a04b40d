// The table and docs/benchmarks.md section of bench/firstSync.bench.mjs, with its method.
import { fmtInt, fmtKB, fmtMs } from "./syncHarness.mjs";

const FULL_MS = 1000;
const FULL_GZIP = 300 * 1024;
const met = (ok) => (ok ? "met" : "NOT met");

export function firstSyncTable(r) {
  const c = r.year.counts;
  const rows = [
    [
      `The year pushed: ${fmtInt(r.year.mutations)} mutations in pushes of 200`,
      fmtMs(r.year.seedMs),
      `${c.sessions} sessions, ${fmtInt(c.sets)} sets, ${c.runs} runs, ${c.assessments} assessments, ${c.plans} plans`,
    ],
    [
      `New device's full pull: ${r.full.pages} pages until has_more is false`,
      fmtMs(r.full.ms),
      `${fmtKB(r.full.raw)} raw, ${fmtKB(r.full.gzip)} gzip; median of ${r.rounds}`,
    ],
    [
      "Phone's plans-and-settings pull (kinds=plans,settings)",
      fmtMs(r.plansOnly.ms),
      `${fmtKB(r.plansOnly.raw)} raw, ${fmtKB(r.plansOnly.gzip)} gzip; ${r.plansOnly.pages} page`,
    ],
    ...r.pages.flatMap((p) => [
      [
        `Page ${p.path}: server, HTML over HTTP with the session cookie`,
        fmtMs(p.ms),
        `${fmtKB(p.raw)} HTML, ${fmtKB(p.gzip)} gzip; median of ${r.rounds}`,
      ],
      [
        `Page ${p.path}: first contentful paint, phone 390×844 / desktop 1280×800`,
        `${fmtMs(p.phone.fcp)} / ${fmtMs(p.desktop.fcp)}`,
        `${p.phone.files} files, ${fmtKB(p.phone.bytes)} transferred (cache disabled)`,
      ],
    ]),
    [
      "Browser floor: first contentful paint of a one-heading data: page",
      `${fmtMs(r.floor.phone)} / ${fmtMs(r.floor.desktop)}`,
      "no server, same browser and viewports",
    ],
  ];
  const ratios = [
    [
      `Full pull time ÷ ${FULL_MS / 1000} s target`,
      `${(r.full.ms / FULL_MS).toFixed(2)} (${met(r.full.ms < FULL_MS)})`,
    ],
    [
      "Full pull gzip ÷ 300 KB target",
      `${(r.full.gzip / FULL_GZIP).toFixed(2)} (${met(r.full.gzip < FULL_GZIP)})`,
    ],
    [
      "Plans-and-settings pull ÷ full pull, gzip bytes",
      (r.plansOnly.gzip / r.full.gzip).toFixed(3),
    ],
  ];
  return { rows, ratios };
}

export function firstSyncMarkdown(r, m, { rows, ratios }) {
  const date = new Date().toISOString().slice(0, 10);
  return [
    "## First sync and the web view",
    "",
    `Measured ${date} by \`npm run bench:first-sync\` (bench/firstSync.bench.mjs) on ${m.cores} cores (${m.cpu}),`,
    `${m.memGiB} GiB, ${m.os}, Node ${m.node}, wrangler ${m.wrangler}, Chromium ${r.chromium}.`,
    "",
    "Method. A year of a committed runner (bench/runnerYear.mjs: the 52 weeks before this one, two",
    "plans from `POST /plans/generate`, the second active from week 27, 3 strength sessions a week",
    "of 19-20 sets, 4 runs in most weeks, an assessment every 4 weeks) is pushed through",
    "`POST /sync/push` in pushes of 200 into the real Worker (`unstable_startWorker`, the repo's",
    "wrangler.toml, a freshly migrated local D1). A second device is then paired through the real",
    "flow and pulls from scratch, following `cursor` until `has_more` is false (default page",
    "limit); the phone's pull is the same with `kinds=plans,settings`. Times are medians of",
    `${r.rounds} complete pulls after a warm-up, over loopback through wrangler's dev server; bytes are`,
    "the JSON bodies, and the same bodies gzipped by Node's zlib (level 6; Cloudflare compresses",
    "responses on the way out). Pages: the signed-in HTML of `/`, `/history` and `/progress`",
    "fetched with the account's session cookie (server time as seen by the client, median after a",
    "warm-up), and loaded in Chromium (playwright-core, Debian's /usr/bin/chromium, headless), one",
    "signed-in context per viewport, each load in a new tab with the HTTP cache disabled (DevTools",
    "protocol) and the service worker blocked; first contentful paint is",
    "`performance.getEntriesByName('first-contentful-paint')` (median after a warm-up; the",
    "browser's very first tab, which pays for starting its renderer, is not counted), transferred",
    "bytes sum the navigation's and resources' `transferSize`. The floor is the same measurement",
    "of a one-heading `data:` page. Targets: the full pull under 1 s locally and under 300 KB gzip.",
    "",
    "| Measurement | Result | Note |",
    "|---|---:|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    "| Ratio | Value |",
    "|---|---:|",
    ...ratios.map((row) => `| ${row.join(" | ")} |`),
    "",
  ].join("\n");
}

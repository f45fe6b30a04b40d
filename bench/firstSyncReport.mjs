// The table and docs/benchmarks.md section of bench/firstSync.bench.mjs, with its method.
import { markdownTables } from "./benchmarkReport.mjs";
import { fmtInt, fmtKB, fmtMs } from "./syncHarness.mjs";

const FULL_MS = 1000;
const FULL_GZIP = 300 * 1024;
const met = (ok) => (ok ? "met" : "NOT met");

/** What the pages' first paint waits for: the investigation behind the two floors. */
const CAUSE = [
  "Where the first paint goes (investigated 2026-12-01 with Chromium traces over CDP `Tracing`,",
  "and the page's HTML swapped through `page.route` at the same URL; medians of 7-11 loads on the",
  "2 shared cores at load 8-15, so read them as ±100 ms). The server answers in 24-50 ms and the",
  "pages' own main-thread work before the first paint is about 100-130 ms of CPU (parse 8, style",
  "10, layout 25, paint 7, the page script 40-50, of which most was the first `Intl` call of a fresh",
  "renderer loading ICU's data for the browser's time zone); the rest is waiting. (1) The pages",
  "send `Cross-Origin-Opener-Policy: same-origin` (Hono's secure headers). A new tab starts on",
  "`about:blank`, and a COOP page cannot share its browsing context group, so Chromium starts a",
  "new renderer process, commits there and must bring up its compositor before any frame: the",
  "one-heading floor paints in 128 ms as served, 388 ms with only COOP added (140 ms with only",
  "Origin-Agent-Cluster), 452-520 ms with all the pages' headers, and 160 ms with those headers",
  "when reached in the same tab from an app page. The `data:` floor never pays this; a real",
  "visitor arriving from another site or a new-tab page pays a process start anyway (site",
  "isolation), and clicks inside the app do not. (2) The render-blocking app.css can only be",
  "requested once the document commits in that new process, then style and layout wait for it:",
  "without the stylesheet the dashboard paints as early as the headers floor. (3) The module",
  "script, when its download beats the stylesheet's, runs before the first frame: tens of",
  "milliseconds, mostly the first `Intl` call of a fresh renderer. Pages without a time-zone",
  "picker no longer list every zone. Moving the rest of the start-up work after the first frame",
  "was tried and taken back: its effect was within noise, and under load it moved the time-zone",
  "setting's push into whatever the runner did next. COOP stays (it keeps other windows from",
  "scripting ours); the in-app rows are what a runner feels, and the floor with the pages'",
  "headers shows 250-270 ms of each new-tab figure going to the process start COOP asks for.",
  "",
  "The pages' queries do not grow with the years before the period shown: the progress page's",
  "sets, its sessions and the dashboard's week and newest session read through (user_id,",
  "started_at) index ranges (sets gained sets_user_started_idx); julianday() stays for the exact",
  "comparison. worker/src/web/data/pageQueryPlan.test.ts asks SQLite's EXPLAIN QUERY PLAN about",
  "every statement of both pages on an account with three years of history and fails on any step",
  "that reads a user's sets, sessions, runs or assessments by user_id alone.",
];

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
        `Page ${p.path}: first contentful paint in a new tab, phone 390×844 / desktop 1280×800`,
        `${fmtMs(p.phone.fcp)} / ${fmtMs(p.desktop.fcp)}`,
        `${p.phone.files} files, ${fmtKB(p.phone.bytes)} transferred (cache disabled)`,
      ],
      [
        `Page ${p.path}: first contentful paint in the same tab, from ${"/exercises"}`,
        `${fmtMs(p.inApp.phone)} / ${fmtMs(p.inApp.desktop)}`,
        "a click on the tab bar; cache disabled",
      ],
    ]),
    [
      "Browser floor: first contentful paint of a one-heading data: page",
      `${fmtMs(r.floor.phone)} / ${fmtMs(r.floor.desktop)}`,
      "no server, same browser and viewports",
    ],
    [
      "Floor with the pages' headers: the same heading from loopback, new tab",
      `${fmtMs(r.headersFloor.phone)} / ${fmtMs(r.headersFloor.desktop)}`,
      `Cross-Origin-Opener-Policy: ${r.floorCoop} and the rest of the pages' headers`,
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
    "of a one-heading `data:` page, and of the same page served from loopback with the pages'",
    "own response headers; each page is also loaded in the same tab after `/exercises`, as a click",
    "on the tab bar does. Targets: the full pull under 1 s locally and under 300 KB gzip.",
    "",
    ...CAUSE,
    "",
    ...markdownTables({ rows, ratios }),
    "",
  ].join("\n");
}

// The progress page: draws its four uPlot charts from /web/progress.json, sized to the card
// (readable on a phone), coloured from the page's CSS so dark mode works too.

import uPlot from "uplot";
import { startApp } from "./lib/app.ts";
import { axis, chartSize, dayMonthValues, palette } from "./lib/chartStyle.ts";
import { byId } from "./lib/dom.ts";

type ExerciseSeries = {
  id: string;
  name: string;
  unit: "reps" | "s";
  t: number[];
  total: number[];
  best: number[];
  left: (number | null)[];
  right: (number | null)[];
};
type ProgressData = {
  units: "metric" | "imperial";
  t: number[];
  sessions: number[];
  reps: number[];
  hold_min: number[];
  distance: number[];
  exercises: ExerciseSeries[];
};

const WEEK_S = 7 * 86_400;
const charts = new Map<string, uPlot>();

function draw(id: string, opts: Omit<uPlot.Options, "width" | "height">, data: uPlot.AlignedData) {
  const el = byId(id);
  if (!el) return;
  charts.get(id)?.destroy();
  el.replaceChildren();
  // No hover read-out on touch screens: the legend names the series, the table has numbers.
  const chart = new uPlot({ legend: { live: false }, ...opts, ...chartSize(el) }, data, el);
  charts.set(id, chart);
}

const bars = uPlot.paths.bars?.({ size: [0.6, 36], gap: 2 });
const weekRange = (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [
  min - WEEK_S / 2,
  max + WEEK_S / 2,
];
/** Ticks on the weeks themselves (every n-th when the chart is narrow), under their bars. */
const weekSplits = (weeks: number[]) => (u: uPlot) => {
  const fit = Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 64));
  const step = Math.ceil(weeks.length / fit);
  return weeks.filter((_, i) => (weeks.length - 1 - i) % step === 0);
};

function volumeChart(d: ProgressData) {
  const p = palette();
  draw(
    "chart-volume",
    {
      scales: { x: { time: true, range: weekRange }, reps: { auto: true }, min: { auto: true } },
      axes: [
        axis(p.ink, p.grid, { values: dayMonthValues, splits: weekSplits(d.t) }),
        axis(p.ink, p.grid, { scale: "reps", label: "reps", labelSize: 18, size: 44 }),
        axis(p.ink, p.grid, {
          scale: "min",
          side: 1,
          grid: { show: false },
          label: "min held",
          labelSize: 18,
          size: 44,
        }),
      ],
      series: [
        {},
        {
          label: "Reps",
          scale: "reps",
          stroke: p.accent,
          fill: p.accentFill,
          paths: bars,
          points: { show: false },
        },
        {
          label: "Minutes held",
          scale: "min",
          stroke: p.run,
          width: 2,
          points: { show: true, size: 6, fill: p.run },
        },
      ],
      cursor: { drag: { x: false, y: false } },
    },
    [d.t, d.reps, d.hold_min],
  );
}

function runningChart(d: ProgressData) {
  const p = palette();
  const unit = d.units === "imperial" ? "mi" : "km";
  draw(
    "chart-running",
    {
      scales: {
        x: { time: true, range: weekRange },
        dist: { auto: true },
        n: { range: (_u, _min, max) => [0, Math.max(3, max + 1)] },
      },
      axes: [
        axis(p.ink, p.grid, { values: dayMonthValues, splits: weekSplits(d.t) }),
        axis(p.ink, p.grid, { scale: "dist", label: unit, labelSize: 18, size: 44 }),
        axis(p.ink, p.grid, {
          scale: "n",
          side: 1,
          grid: { show: false },
          label: "sessions",
          labelSize: 18,
          size: 40,
          incrs: [1, 2, 5],
        }),
      ],
      series: [
        {},
        {
          label: `Distance (${unit})`,
          scale: "dist",
          stroke: p.run,
          fill: p.runSoft,
          paths: bars,
          points: { show: false },
        },
        {
          label: "Strength sessions",
          scale: "n",
          stroke: p.accent,
          width: 2,
          points: { show: true, size: 9, fill: p.accent },
        },
      ],
      cursor: { drag: { x: false, y: false } },
    },
    [d.t, d.distance, d.sessions],
  );
}

function dateAxis(p: ReturnType<typeof palette>) {
  return axis(p.ink, p.grid, {
    space: 60,
    values: dayMonthValues,
  });
}

function exerciseChart(d: ProgressData, id: string) {
  const e = d.exercises.find((x) => x.id === id);
  if (!e) return;
  const p = palette();
  const unit = e.unit === "s" ? "seconds" : "reps";
  const caption = byId("exercise-caption");
  if (caption) {
    caption.textContent = `${e.name}: ${unit} per session (line) and best single set (dots).`;
  }
  draw(
    "chart-exercise-plot",
    {
      scales: { x: { time: true } },
      axes: [dateAxis(p), axis(p.ink, p.grid, { label: unit, labelSize: 18, size: 44 })],
      series: [
        {},
        {
          label: `Total ${unit}`,
          stroke: p.accent,
          width: 2,
          fill: p.accentSoft,
          points: { show: true, size: 6 },
        },
        {
          label: "Best set",
          stroke: p.run,
          paths: () => null,
          points: { show: true, size: 8, fill: p.run },
        },
      ],
      cursor: { drag: { x: false, y: false } },
    },
    [e.t, e.total, e.best],
  );
}

function balanceChart(d: ProgressData, id: string) {
  const e = d.exercises.find((x) => x.id === id);
  if (!e) return;
  const p = palette();
  const unit = e.unit === "s" ? "seconds" : "reps";
  draw(
    "chart-balance",
    {
      scales: { x: { time: true } },
      axes: [dateAxis(p), axis(p.ink, p.grid, { label: unit, labelSize: 18, size: 44 })],
      series: [
        {},
        { label: "Left", stroke: p.left, width: 2, points: { show: true, size: 7, fill: p.left } },
        {
          label: "Right",
          stroke: p.right,
          width: 2,
          dash: [6, 4],
          points: { show: true, size: 7, fill: p.right },
        },
      ],
      cursor: { drag: { x: false, y: false } },
    },
    [e.t, e.left, e.right],
  );
}

async function startCharts(): Promise<void> {
  const root = byId("progress");
  const src = root?.dataset.src;
  if (!root || !src) return;
  let d: ProgressData;
  try {
    const res = await fetch(src, { credentials: "same-origin" });
    if (!res.ok) throw new Error(String(res.status));
    d = (await res.json()) as ProgressData;
  } catch {
    root.classList.add("charts-failed");
    return;
  }
  const exerciseSelect = byId<HTMLSelectElement>("chart-exercise");
  const sideSelect = byId<HTMLSelectElement>("chart-side");
  const all = () => {
    volumeChart(d);
    runningChart(d);
    if (exerciseSelect) exerciseChart(d, exerciseSelect.value);
    if (sideSelect) balanceChart(d, sideSelect.value);
  };
  all();
  exerciseSelect?.addEventListener("change", () => exerciseChart(d, exerciseSelect.value));
  sideSelect?.addEventListener("change", () => balanceChart(d, sideSelect.value));
  let width = root.clientWidth;
  new ResizeObserver(() => {
    if (Math.abs(root.clientWidth - width) < 8) return;
    width = root.clientWidth;
    for (const [id, chart] of charts) {
      const el = byId(id);
      if (el) chart.setSize(chartSize(el));
    }
  }).observe(root);
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", all);
  root.dataset.ready = "1";
}

startApp();
void startCharts();

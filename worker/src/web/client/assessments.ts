// The assessments page: logs results through the sync outbox (`assessment.log`, one per side
// for left/right tests) after checking them by their fields, and draws each test's trend chart
// from /assessments/data.json, again after each log and every live refresh of the page.
import { formatClock } from "@runstrong/shared/engine";
import uPlot from "uplot";
import { startApp } from "./lib/app.ts";
import {
  dateProblem,
  parseAssessmentValue,
  todayIn,
  type Units,
  type ValueKind,
} from "./lib/assessmentInput.ts";
import { axis, chartSize, dayMonthValues, palette } from "./lib/chartStyle.ts";
import { announce, byId, newEntityId } from "./lib/dom.ts";
import { busy, setFieldError, setFormError, validate } from "./lib/forms.ts";
import { type MutationBody, type OpArgs, push } from "./lib/sync.ts";

type ChartSeries = {
  id: string;
  name: string;
  kind: ValueKind;
  unit: "s" | "reps" | "km" | "mi";
  labels: string[];
  t: number[];
  values: (number | null)[][];
};
type ChartData = { units: Units; charts: ChartSeries[] };

const DAY_S = 86_400;
const charts = new Map<string, uPlot>();

// --- Logging a result -------------------------------------------------------------------------

function field(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`[name=${name}]`);
}

async function logResult(form: HTMLFormElement): Promise<void> {
  const done = form.querySelector<HTMLElement>(".form-ok");
  if (done) done.textContent = "";
  if (!validate(form)) return;
  const root = byId("tests");
  const units: Units = root?.dataset.units === "imperial" ? "imperial" : "metric";
  const kind = (form.dataset.kind ?? "reps") as ValueKind;
  const tests = (form.dataset.tests ?? "").split(" ").filter(Boolean);
  const date = field(form, "date");
  const inputs =
    tests.length === 2 ? [field(form, "left"), field(form, "right")] : [field(form, "value")];

  const problem = date ? dateProblem(date.value, todayIn(root?.dataset.tz ?? "UTC")) : null;
  if (date && problem) setFieldError(form, date.id, problem);
  const values: number[] = [];
  for (const input of inputs) {
    if (!input) return;
    const parsed = parseAssessmentValue(kind, input.value, units);
    if (parsed.ok) values.push(parsed.value);
    else setFieldError(form, input.id, parsed.message);
  }
  const first = form.querySelector<HTMLElement>("[aria-invalid=true]");
  if (first || !date) {
    first?.focus();
    return;
  }

  const notes = field(form, "notes")?.value.trim() ?? "";
  const bodies = tests.map(
    (test, i): MutationBody => ({
      op: "assessment.log",
      args: {
        id: newEntityId("a"),
        date: date.value,
        test: test as OpArgs<"assessment.log">["test"],
        value: values[i] as number,
        ...(notes ? { notes } : {}),
      },
    }),
  );
  const out = await busy(form, () => push(bodies));
  const refused = out.acks.find((a) => a?.status === "rejected");
  if (refused) {
    setFormError(form, `The server refused this result (${refused.error ?? "no reason given"}).`);
    return;
  }
  for (const input of inputs) if (input) input.value = "";
  const notesInput = field(form, "notes");
  if (notesInput) notesInput.value = "";
  form.removeAttribute("data-dirty");
  if (out.acks.some((a) => a === undefined)) {
    const ok = form.querySelector<HTMLElement>(".form-ok");
    if (ok) ok.textContent = "Saved on this device; it syncs when you are back online.";
    return;
  }
  await refreshViews();
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (ok) ok.textContent = "Logged.";
  announce("Result logged.");
}

/**
 * Re-renders the parts of the page that show results (marked data-view) from a fresh copy,
 * leaving every form as it is: what is typed into another test's form stays.
 */
async function refreshViews(): Promise<void> {
  try {
    const res = await fetch(location.href, { credentials: "same-origin" });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    for (const fresh of doc.querySelectorAll<HTMLElement>("main [data-view][id]")) {
      byId(fresh.id)?.replaceWith(document.importNode(fresh, true));
    }
    const state = doc.body.dataset.state;
    if (state) document.body.dataset.state = state;
  } catch {
    return; // offline: the next live refresh catches up
  }
  await drawCharts();
}

// --- Charts -----------------------------------------------------------------------------------

/** A lone point (or points days apart) still gets a readable stretch of dates around it. */
const dateRange = (_u: uPlot, min: number, max: number): uPlot.Range.MinMax =>
  max - min < 14 * DAY_S
    ? [min - 10 * DAY_S, max + 10 * DAY_S]
    : [min - 3 * DAY_S, max + 3 * DAY_S];

function unitLabel(c: ChartSeries): string {
  if (c.kind === "time") return "min:s";
  return c.unit === "s" ? "seconds" : c.unit;
}

function drawChart(c: ChartSeries): void {
  const el = byId(`chart-${c.id}`);
  if (!el || c.t.length === 0) return;
  const p = palette();
  const paired = c.labels.length === 2;
  const colours = paired ? [p.left, p.right] : [p.accent];
  charts.get(c.id)?.destroy();
  el.replaceChildren();
  const series: uPlot.Series[] = [
    {},
    ...c.labels.map((label, i) => ({
      label,
      stroke: colours[i],
      width: 2,
      spanGaps: true,
      ...(i === 1 ? { dash: [6, 4] } : {}),
      points: { show: true, size: 8, fill: colours[i] },
    })),
  ];
  const opts: uPlot.Options = {
    ...chartSize(el),
    // No hover read-out on touch screens: the legend names the series, the table has numbers.
    legend: { live: false, show: paired },
    scales: { x: { time: true, range: dateRange } },
    axes: [
      axis(p.ink, p.grid, { space: 60, values: dayMonthValues }),
      axis(p.ink, p.grid, {
        label: unitLabel(c),
        labelSize: 18,
        size: c.kind === "time" ? 52 : 44,
        ...(c.kind === "time"
          ? { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => formatClock(t)) }
          : {}),
      }),
    ],
    series,
    cursor: { drag: { x: false, y: false } },
  };
  charts.set(c.id, new uPlot(opts, [c.t, ...c.values] as uPlot.AlignedData, el));
}

let resize: ResizeObserver | null = null;

async function drawCharts(): Promise<void> {
  const root = byId("tests");
  const src = root?.dataset.src;
  if (!root || !src) return;
  let d: ChartData;
  try {
    const res = await fetch(src, { credentials: "same-origin" });
    if (!res.ok) throw new Error(String(res.status));
    d = (await res.json()) as ChartData;
  } catch {
    root.classList.add("charts-failed");
    return;
  }
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  for (const c of d.charts) drawChart(c);
  resize?.disconnect();
  let width = root.clientWidth;
  resize = new ResizeObserver(() => {
    if (Math.abs(root.clientWidth - width) < 8) return;
    width = root.clientWidth;
    for (const [id, chart] of charts) {
      const el = byId(`chart-${id}`);
      if (el) chart.setSize(chartSize(el));
    }
  });
  resize.observe(root);
  root.dataset.ready = "1";
}

startApp();
document.addEventListener("submit", (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.hasAttribute("data-assessment-form")) return;
  event.preventDefault();
  void logResult(form);
});
document.addEventListener("rs:refreshed", () => void drawCharts());
window
  .matchMedia("(prefers-color-scheme: dark)")
  .addEventListener("change", () => void drawCharts());
void drawCharts();

// How the web view's uPlot charts look: colours read from the page's CSS (so dark mode works),
// axes in the page's font, and a size that fits the card and stays readable on a phone.
import type uPlot from "uplot";

const css = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

export function palette() {
  return {
    accent: css("--accent", "#0f766e"),
    accentFill: css("--accent-fill", "#0f766e88"),
    accentSoft: css("--accent-soft", "#0f766e33"),
    run: css("--run", "#c2410c"),
    runSoft: css("--run-fill", "#c2410c88"),
    ink: css("--muted", "#555"),
    grid: css("--grid", "#8883"),
    left: css("--left", "#2563eb"),
    right: css("--right", "#c2410c"),
  };
}

export type Palette = ReturnType<typeof palette>;

export function chartSize(el: HTMLElement): { width: number; height: number } {
  const width = Math.max(260, el.clientWidth);
  return { width, height: Math.round(Math.min(260, Math.max(190, width * 0.55))) };
}

export function axis(color: string, grid: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: color,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    font: "12px system-ui, sans-serif",
    ...extra,
  };
}

/** Day and month under time ticks ("3 Mar"), in the browser's language. */
export const dayMonthValues = (_u: uPlot, ticks: number[]) =>
  ticks.map((t) =>
    new Date(t * 1000).toLocaleDateString(undefined, { day: "numeric", month: "short" }),
  );

// Words for plans, shared by the server-rendered plan pages and the plan page's script (which
// draws the preview and the editor): run kinds of the running week, levels, doses and rests.
// Pure: no DOM, no Hono, so both bundles can import it.
import { exerciseById } from "@runstrong/shared/catalog";
import type { PlanBody, PlanItem, RunningDayKind } from "@runstrong/shared/schemas";
import { distance, formatDuration, type Units } from "../format.ts";
import { RUN_KIND_LABEL } from "../labels.ts";

export { RUNNING_DAY_KINDS } from "@runstrong/shared/schemas";

export const RUNNING_DAY_LABEL: Record<RunningDayKind, string> = {
  rest: "Rest",
  easy: RUN_KIND_LABEL.easy ?? "Easy run",
  tempo: RUN_KIND_LABEL.tempo ?? "Tempo run",
  intervals: RUN_KIND_LABEL.intervals ?? "Intervals",
  long: RUN_KIND_LABEL.long ?? "Long run",
  race: RUN_KIND_LABEL.race ?? "Race",
  cross: "Cross-training",
};

export const LEVEL_LABEL = {
  new: "New to strength work",
  some: "Some experience",
  experienced: "Experienced",
} as const;

export const LEVEL_HINT = {
  new: "Start at the easy end of every range.",
  some: "You have lifted before: middle of the ranges.",
  experienced: "Regular strength work: harder variations, top of the ranges.",
} as const;

/** What the runner does on a weekday: the plan's inputs when it has them, else its planned run. */
export type RunningDay = { kind: RunningDayKind | "other"; distance_m?: number };

export function runningDayOf(plan: PlanBody, weekday: number): RunningDay | null {
  const input = plan.inputs?.running_week.find((d) => d.weekday === weekday);
  if (input) {
    return input.distance_m === undefined
      ? { kind: input.run }
      : { kind: input.run, distance_m: input.distance_m };
  }
  const run = plan.days.find((d) => d.weekday === weekday)?.run;
  if (!run) return null;
  return run.distance_m === undefined
    ? { kind: run.kind }
    : { kind: run.kind, distance_m: run.distance_m };
}

/** "Long run · 18.0 km", "Rest", or "" when nothing is known about the day. */
export function runningDayText(day: RunningDay | null, units: Units): string {
  if (!day) return "";
  const label =
    day.kind === "other" ? (RUN_KIND_LABEL.other ?? "Run") : RUNNING_DAY_LABEL[day.kind];
  return day.distance_m ? `${label} · ${distance(day.distance_m, units)}` : label;
}

/** "3 × 10 each side", "2 × 30 s", "3 × as many as you can". */
export function doseText(item: PlanItem): string {
  const dose =
    item.mode === "hold"
      ? formatDuration(item.target_hold_s ?? 0)
      : item.mode === "amrap"
        ? "as many as you can"
        : String(item.target_reps ?? "–");
  return `${item.sets} × ${dose}${item.per_side ? " each side" : ""}`;
}

export function restText(item: PlanItem): string {
  return item.rest_s > 0 ? `rest ${formatDuration(item.rest_s)}` : "no rest";
}

export function minutesText(minutes: number): string {
  return `about ${minutes} min`;
}

/** The item's own name (a harder variation's, say), else the catalog's, else its id in words. */
export function itemName(item: Pick<PlanItem, "exercise_id" | "name">): string {
  return item.name ?? exerciseById(item.exercise_id)?.name ?? item.exercise_id.replace(/-/g, " ");
}

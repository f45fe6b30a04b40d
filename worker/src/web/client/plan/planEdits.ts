// The editor's changes to a plan, as plain functions on a copy of its body: move a strength
// session to another weekday (the runs stay where they are), swap an exercise for a catalog one
// at the plan's level, change an item's numbers.
import { planItemFor } from "@runstrong/shared/plans";
import type { PlanBody, PlanDay, PlanItem, PlanLevel } from "@runstrong/shared/schemas";

/** The builder titles a cross-training day with strength "Cross-training + <session>". */
const CROSS = "Cross-training";

export type ItemNumber = "sets" | "target_reps" | "target_hold_s" | "rest_s";

function isCross(plan: PlanBody, weekday: number): boolean {
  return plan.inputs?.running_week.some((d) => d.weekday === weekday && d.run === "cross") ?? false;
}

export function dayAt(plan: PlanBody, weekday: number): PlanDay {
  let day = plan.days.find((d) => d.weekday === weekday);
  if (!day) {
    day = { weekday, items: [] };
    plan.days.push(day);
    plan.days.sort((a, b) => a.weekday - b.weekday);
  }
  return day;
}

/** The session's own title, without the cross-training note that belongs to the weekday. */
function sessionTitleOf(day: PlanDay): string | undefined {
  if (day.items.length === 0 || !day.title) return undefined;
  if (day.title === CROSS) return undefined;
  return day.title.startsWith(`${CROSS} + `) ? day.title.slice(CROSS.length + 3) : day.title;
}

function setSession(
  plan: PlanBody,
  day: PlanDay,
  session: { title: string | undefined; items: PlanItem[]; routine_id: string | undefined },
) {
  day.items = session.items;
  if (session.routine_id === undefined) delete day.routine_id;
  else day.routine_id = session.routine_id;
  const parts = [isCross(plan, day.weekday) ? CROSS : "", session.title ?? ""].filter(Boolean);
  if (parts.length) day.title = parts.join(" + ");
  else delete day.title;
}

/** Moves the session of `from` to `to`; a session already on `to` goes to `from` in exchange. */
export function moveSession(plan: PlanBody, from: number, to: number): void {
  if (from === to) return;
  const a = dayAt(plan, from);
  const b = dayAt(plan, to);
  const sa = { title: sessionTitleOf(a), items: a.items, routine_id: a.routine_id };
  const sb = { title: sessionTitleOf(b), items: b.items, routine_id: b.routine_id };
  setSession(plan, a, sb);
  setSession(plan, b, sa);
}

/** Replaces an item by another exercise with the catalog's dose at the plan's level. */
export function swapExercise(
  plan: PlanBody,
  weekday: number,
  index: number,
  exerciseId: string,
  level: PlanLevel,
  equipment: readonly string[],
): void {
  const day = dayAt(plan, weekday);
  if (index < 0 || index >= day.items.length) return;
  day.items[index] = planItemFor(exerciseId, level, equipment);
}

export function setItemNumber(
  plan: PlanBody,
  weekday: number,
  index: number,
  field: ItemNumber,
  value: number,
): void {
  const item = dayAt(plan, weekday).items[index];
  if (item) item[field] = value;
}

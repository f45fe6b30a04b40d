// The editor's week: each strength day with a "move to" choice, and each exercise with a swap
// choice (same focus, fits the kit) and its sets, reps or hold, and rest as number fields.
// Controls carry data attributes the editor listens to; ids give forms.ts its error slots.
import { exerciseById } from "@runstrong/shared/catalog";
import { swapCandidates } from "@runstrong/shared/plans";
import type { PlanBody, PlanDay, PlanItem } from "@runstrong/shared/schemas";
import { itemName } from "../../pages/planWords.ts";
import { h } from "./element.ts";
import type { ItemNumber } from "./planEdits.ts";
import { dayFrame, dayOf, minutesLabel, WEEKDAYS, type WeekLabels } from "./weekView.ts";

type Limits = { label: string; min: number; max: number; message: string };

const LIMITS: Record<ItemNumber, Limits> = {
  sets: { label: "Sets", min: 1, max: 20, message: "Enter from 1 to 20 sets." },
  target_reps: { label: "Reps", min: 1, max: 500, message: "Enter from 1 to 500 reps." },
  target_hold_s: {
    label: "Hold (s)",
    min: 1,
    max: 3600,
    message: "Enter a hold from 1 to 3600 seconds.",
  },
  rest_s: { label: "Rest (s)", min: 0, max: 900, message: "Enter a rest from 0 to 900 seconds." },
};

function numberField(weekday: number, index: number, field: ItemNumber, value: number | undefined) {
  const id = `n-${weekday}-${index}-${field}`;
  const l = LIMITS[field];
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, l.label),
    h("input", {
      id,
      name: id,
      type: "number",
      inputmode: "numeric",
      min: l.min,
      max: l.max,
      step: 1,
      required: true,
      value: value ?? "",
      "data-num": `${weekday}:${index}:${field}`,
      "data-message": l.message,
      "data-message-missing": l.message,
      "aria-describedby": `${id}-error`,
    }),
    h("p", { class: "field-error", id: `${id}-error`, role: "alert" }),
  );
}

function swapField(weekday: number, index: number, item: PlanItem, equipment: readonly string[]) {
  const id = `swap-${weekday}-${index}`;
  const others = swapCandidates(item.exercise_id, equipment);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id, class: "sr-only" }, `Exercise ${index + 1}`),
    h(
      "select",
      { id, name: id, "data-swap": `${weekday}:${index}`, "aria-describedby": `${id}-hint` },
      h("option", { value: item.exercise_id, selected: true }, itemName(item)),
      others.map((x) => h("option", { value: x }, exerciseById(x)?.name ?? x)),
    ),
    h(
      "p",
      { class: "hint", id: `${id}-hint` },
      others.length
        ? `Or one of ${others.length} others of the same kind that fit your kit`
        : "Nothing else of this kind fits your kit",
    ),
  );
}

function itemEditor(day: PlanDay, index: number, item: PlanItem, equipment: readonly string[]) {
  const wd = day.weekday;
  return h(
    "li",
    { class: "plan-edit-item" },
    swapField(wd, index, item, equipment),
    h(
      "div",
      { class: "plan-edit-numbers" },
      numberField(wd, index, "sets", item.sets),
      item.mode === "hold"
        ? numberField(wd, index, "target_hold_s", item.target_hold_s)
        : item.mode === "reps"
          ? numberField(wd, index, "target_reps", item.target_reps)
          : h("p", { class: "muted small plan-amrap" }, "As many reps as you can"),
      numberField(wd, index, "rest_s", item.rest_s),
    ),
  );
}

function moveField(day: PlanDay, labels: WeekLabels) {
  const id = `move-${day.weekday}`;
  return h(
    "div",
    { class: "field field-inline plan-move" },
    h("label", { for: id }, "Move this session to"),
    h(
      "select",
      { id, name: id, "data-move": day.weekday },
      WEEKDAYS.map((wd) =>
        h(
          "option",
          { value: wd, selected: wd === day.weekday },
          labels.weekdays[wd - 1] ?? String(wd),
        ),
      ),
    ),
  );
}

/** The whole week with the editing controls; warnings are filled in by the editor's check. */
export function renderEditorWeek(
  plan: PlanBody,
  labels: WeekLabels,
  equipment: readonly string[],
): HTMLOListElement {
  return h(
    "ol",
    { class: "plain plan-week plan-week-edit", "aria-label": "The plan's week, Monday to Sunday" },
    WEEKDAYS.map((wd) => {
      const li = dayFrame(plan, wd, labels, false);
      const day = dayOf(plan, wd);
      if (!day?.items.length) {
        li.append(h("p", { class: "muted small" }, "No strength"));
        return li;
      }
      li.append(
        h(
          "div",
          { class: "plan-strength" },
          h(
            "p",
            { class: "plan-strength-head" },
            h("strong", {}, day.title ?? "Strength"),
            " ",
            h("span", { class: "muted small plan-minutes" }, minutesLabel(day)),
          ),
          moveField(day, labels),
          h(
            "ul",
            { class: "plain plan-edit-items" },
            day.items.map((item, i) => itemEditor(day, i, item, equipment)),
          ),
        ),
      );
      return li;
    }),
  );
}

// The run form's rules, free of the DOM: reading distance and time as runners type them, a human
// sentence for every bad field, and the server's rejection of a run.log put back by its field.
// Every limit here is at least as strict as RunLogArgs on the server, so what passes is stored.
import type { OpArgs } from "@runstrong/shared/client";
import { addDays, isIsoDate } from "../../format.ts";

export type RunUnits = "metric" | "imperial";
type RunKind = OpArgs<"run.log">["kind"];
export type RunField = "date" | "distance" | "duration" | "kind" | "avg_hr" | "notes";

/** What the form holds, as typed. */
export type RunInput = {
  date: string;
  distance: string;
  duration: string;
  kind: string;
  avgHr: string;
  notes: string;
};

/** The run.log args the form makes (without the id). */
export type RunValues = {
  date: string;
  distance_m: number;
  duration_s: number;
  kind: RunKind;
  notes?: string;
  avg_hr?: number;
};

export type RunCheck =
  | { ok: true; values: RunValues }
  | { ok: false; errors: Partial<Record<RunField, string>> };

export const RUN_KINDS: readonly string[] = [
  "easy",
  "long",
  "tempo",
  "intervals",
  "race",
  "other",
] satisfies RunKind[];
const METERS: Record<RunUnits, number> = { metric: 1000, imperial: 1609.344 };
/** The server's limit (1,000 km), in each unit, rounded down. */
const MAX_DISTANCE: Record<RunUnits, number> = { metric: 1000, imperial: 621 };
const MAX_SECONDS = 24 * 3600;
const MAX_NOTES = 2000;
/** Faster than this (36 km/h) is a typo, not a run: sprinters top out near it for seconds. */
const MAX_SPEED_M_PER_S = 10;

/** A decimal number as typed in any locale ("8.5" or "8,5"), or null. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * Seconds from "h:mm:ss", "mm:ss" or plain minutes ("45", "45.5"); null when unreadable.
 * Minutes and seconds after a colon must be below 60.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (/^\d+([.,]\d+)?$/.test(t)) {
    const minutes = parseDecimal(t);
    return minutes === null ? null : Math.round(minutes * 60);
  }
  const parts = /^(?:(\d+):)?(\d+):(\d{2})$/.exec(t);
  if (!parts) return null;
  const [, h, m, s] = parts;
  const hours = Number(h ?? 0);
  const mins = Number(m);
  const secs = Number(s);
  if (secs >= 60 || (h !== undefined && mins >= 60)) return null;
  return hours * 3600 + mins * 60 + secs;
}

/**
 * Checks the form. `today` is the runner's date in their zone; `kept` is the distance the run
 * had before an edit, reused in metres when its text was left as it was (no rounding drift).
 */
export function checkRun(
  input: RunInput,
  ctx: { today: string; units: RunUnits; kept?: { text: string; meters: number } },
): RunCheck {
  const errors: Partial<Record<RunField, string>> = {};
  const unit = ctx.units === "imperial" ? "mi" : "km";

  const date = input.date.trim();
  if (!date) errors.date = "Enter the day you ran.";
  else if (!isIsoDate(date)) errors.date = "Enter a date like 2026-11-30.";
  else if (date > addDays(ctx.today, 1))
    errors.date = "That day is more than a day ahead. Log a run once you have run it.";
  else if (date < "1900-01-01") errors.date = "That day is too long ago; check the year.";

  let meters: number | null = null;
  const distance = parseDecimal(input.distance);
  if (!input.distance.trim()) errors.distance = `Enter how far you ran, in ${unit}.`;
  else if (input.distance.trim().startsWith("-"))
    errors.distance = "A distance cannot be negative.";
  else if (distance === null) errors.distance = `Enter the distance as a number, like 8.5.`;
  else if (distance <= 0) errors.distance = `Enter a distance of more than 0 ${unit}.`;
  else if (distance > MAX_DISTANCE[ctx.units])
    errors.distance = `That is further than a run can be: enter at most ${MAX_DISTANCE[ctx.units]} ${unit}.`;
  else
    meters =
      ctx.kept && ctx.kept.text === input.distance.trim()
        ? ctx.kept.meters
        : Math.round(distance * METERS[ctx.units] * 10) / 10;

  const seconds = parseDuration(input.duration);
  if (!input.duration.trim()) errors.duration = "Enter how long you ran, like 45:00.";
  else if (seconds === null)
    errors.duration = "Enter the time as h:mm:ss, mm:ss or minutes, like 1:05:30, 45:00 or 45.";
  else if (seconds <= 0) errors.duration = "Enter a time of more than 0 seconds.";
  else if (seconds > MAX_SECONDS) errors.duration = "A run can last at most 24 hours.";
  else if (meters !== null && meters / seconds > MAX_SPEED_M_PER_S)
    errors.duration = "That is faster than any runner: check the distance and the time.";

  if (!RUN_KINDS.includes(input.kind)) errors.kind = "Choose what kind of run it was.";

  let avgHr: number | undefined;
  const hrText = input.avgHr.trim();
  if (hrText) {
    const hr = /^\d+$/.test(hrText) ? Number(hrText) : Number.NaN;
    if (!(hr >= 20 && hr <= 260))
      errors.avg_hr = "Average heart rate is a whole number of beats a minute, from 20 to 260.";
    else avgHr = hr;
  }

  const notes = input.notes.trim();
  if (notes.length > MAX_NOTES)
    errors.notes = `Keep notes under ${MAX_NOTES} characters (now ${notes.length}).`;

  if (Object.keys(errors).length > 0 || meters === null || seconds === null)
    return { ok: false, errors };
  const values: RunValues = {
    date,
    distance_m: meters,
    duration_s: seconds,
    kind: input.kind as RunKind,
  };
  if (notes) values.notes = notes;
  if (avgHr !== undefined) values.avg_hr = avgHr;
  return { ok: true, values };
}

const REJECTED: Record<string, { field: RunField; message: string }> = {
  date: {
    field: "date",
    message: "The server did not accept this date. Enter a day like 2026-11-30.",
  },
  distance_m: {
    field: "distance",
    message:
      "The server did not accept this distance. Enter more than 0 and at most 1000 km (621 mi).",
  },
  duration_s: {
    field: "duration",
    message: "The server did not accept this time. Enter a time of up to 24 hours.",
  },
  kind: {
    field: "kind",
    message: "The server did not accept this kind of run. Choose one from the list.",
  },
  avg_hr: {
    field: "avg_hr",
    message: "The server did not accept this heart rate. Enter a whole number from 20 to 260.",
  },
  notes: {
    field: "notes",
    message: "The server did not accept these notes. Keep them under 2000 characters.",
  },
};

/**
 * A run.log rejection ("distance_m: Too big: …; avg_hr: …") as sentences by their fields;
 * what names no field becomes one sentence for the whole form.
 */
export function explainRejection(error: string | undefined): {
  fields: Partial<Record<RunField, string>>;
  form: string | null;
} {
  const fields: Partial<Record<RunField, string>> = {};
  let unplaced = false;
  for (const part of (error ?? "").split("; ")) {
    const known = REJECTED[part.split(": ")[0] ?? ""];
    if (known) fields[known.field] = known.message;
    else unplaced = true;
  }
  return {
    fields,
    form:
      unplaced || Object.keys(fields).length === 0
        ? "The server did not accept this run, so nothing was saved. Check the values and try again."
        : null,
  };
}

// Dates, durations and quantities as the web view shows them, in the viewer's time zone (from
// the rs_tz cookie the page scripts set), locale (Accept-Language) and units (settings).

import { addDays as sharedAddDays, weekdayOf } from "@runstrong/shared/plans";
export type Units = "metric" | "imperial";

export type Locale = { tz: string; lang: string; units: Units };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  lang: string,
  tz: string,
  opts: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${lang}|${tz}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...opts, timeZone: tz });
    formatters.set(key, f);
  }
  return f;
}

/** A valid IANA zone from the cookie, or UTC. */
export function safeTimeZone(input: string | undefined): string {
  if (!input || input.length > 64) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: input });
    return input;
  } catch {
    return "UTC";
  }
}

/** The first supported language of an Accept-Language header. */
export function pickLanguage(header: string | undefined): string {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length) return tag;
    } catch {
      // malformed tag: try the next
    }
  }
  return "en-GB";
}

export function toMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** YYYY-MM-DD of an instant in the zone. */
export function localDate(ms: number, tz: string): string {
  // en-CA formats as YYYY-MM-DD.
  return formatter("en-CA", tz, { year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

// Calendar arithmetic has one home, shared with the plan rules.
export const addDays = sharedAddDays;
export const isoWeekday = weekdayOf;

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
}

export function dayLabel(date: string, l: Locale, long = false): string {
  return formatter(l.lang, "UTC", {
    weekday: long ? "long" : "short",
    day: "numeric",
    month: "short",
  }).format(Date.parse(`${date}T12:00:00Z`));
}

export function weekdayShort(weekday: number, lang: string): string {
  // 2024-01-01 was a Monday.
  return formatter(lang, "UTC", { weekday: "short" }).format(Date.UTC(2024, 0, weekday, 12));
}

export function dateTime(ms: number, l: Locale): string {
  return formatter(l.lang, l.tz, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(ms);
}

export function timeOfDay(ms: number, l: Locale): string {
  return formatter(l.lang, l.tz, { hour: "2-digit", minute: "2-digit" }).format(ms);
}

// One duration formatter for the watch and every page (see shared/src/engine/durationText.ts).
export { formatClock, formatDuration } from "@runstrong/shared/engine";

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date. */
export function relative(ms: number | null, nowMs: number, l: Locale): string {
  if (ms === null) return "never";
  const s = Math.round((nowMs - ms) / 1000);
  if (s < 0) return dateTime(ms, l);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  return dateTime(ms, l);
}

export function distance(meters: number, units: Units): string {
  if (units === "imperial") return `${(meters / 1609.344).toFixed(1)} mi`;
  return `${(meters / 1000).toFixed(1)} km`;
}

export function distanceValue(meters: number, units: Units): number {
  return units === "imperial" ? meters / 1609.344 : meters / 1000;
}

export function weight(kg: number, units: Units): string {
  if (units === "imperial") return `${Math.round(kg * 2.20462 * 10) / 10} lb`;
  return `${Math.round(kg * 10) / 10} kg`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, tz: string): number {
  const parts = formatter("en-US", tz, {
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight starts `date` in the zone. */
export function startOfLocalDay(date: string, tz: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const first = guess - zoneOffsetMs(guess, tz);
  // Once more at the result, in case a DST change lies between.
  return guess - zoneOffsetMs(first, tz);
}

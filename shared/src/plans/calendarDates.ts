// Calendar arithmetic on ISO dates ("YYYY-MM-DD"): plans think in dates and weekdays, never in
// instants, so every step is done at UTC midnight where days are exactly 24 hours long.

const MS_PER_DAY = 86_400_000;

function utcMs(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

/** The date `n` days after (or before, when negative) `date`. */
export function addDays(date: string, n: number): string {
  return new Date(utcMs(date) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / MS_PER_DAY);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(utcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The weekday after `weekday`, wrapping Sunday to Monday. */
export function nextWeekday(weekday: number): number {
  return (weekday % 7) + 1;
}

/** The weekday before `weekday`, wrapping Monday to Sunday. */
export function previousWeekday(weekday: number): number {
  return ((weekday + 5) % 7) + 1;
}

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** "Monday" for 1 … "Sunday" for 7. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[(weekday - 1 + 7) % 7] ?? "that day";
}

// What a runner types into an assessment form, read into the stored value (seconds, reps or
// metres) or refused with a sentence for beside the field. Pure: no DOM, so it is unit-tested.

/** How a test's value is typed: holds and the 5 km take seconds or m:ss, Cooper a distance. */
export type ValueKind = "hold" | "time" | "reps" | "distance";
export type Units = "metric" | "imperial";
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const MILE_M = 1609.344;
/** Beyond these a typo is far likelier than a result (no 1-hour planks, no sub-12-minute 5 km). */
export const LIMITS = {
  holdMaxS: 3600,
  fiveKMinS: 12 * 60,
  fiveKMaxS: 3 * 3600,
  repsMax: 1000,
  cooperMaxM: 6000,
};

/** "75", "75 s", "1:15", "1:02:03" → seconds; null when it cannot be read. */
export function parseSeconds(text: string): number | null {
  const t = text.trim().replace(/\s*(s|sec|secs|seconds)$/i, "");
  if (/^\d+$/.test(t)) return Number(t);
  const ms = /^(\d+):([0-5]\d)$/.exec(t);
  if (ms) return Number(ms[1]) * 60 + Number(ms[2]);
  const hms = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(t);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  return null;
}

const bad = (message: string): Parsed => ({ ok: false, message });

function parseHold(text: string): Parsed {
  const s = parseSeconds(text);
  if (s === null) return bad("Write the time as seconds (75) or minutes and seconds (1:15).");
  if (s > LIMITS.holdMaxS) {
    return bad("More than an hour is not a plausible hold: check the time (seconds or m:ss).");
  }
  return { ok: true, value: s };
}

function parseFiveK(text: string): Parsed {
  const s = parseSeconds(text);
  if (s === null) return bad("Write the time as minutes and seconds (24:30) or h:mm:ss.");
  if (s < LIMITS.fiveKMinS) {
    return bad(
      "Under 12 minutes for 5 km would beat the world record: write it as m:ss, like 24:30.",
    );
  }
  if (s > LIMITS.fiveKMaxS) return bad("Over 3 hours for 5 km: check the time, written as m:ss.");
  return { ok: true, value: s };
}

function parseReps(text: string): Parsed {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return bad("Count whole reps, like 12.");
  const n = Number(t);
  if (n > LIMITS.repsMax) return bad("More than 1,000 in one go? Check the number.");
  return { ok: true, value: n };
}

function parseDistance(text: string, units: Units): Parsed {
  const t = text
    .trim()
    .replace(/\s*(km|mi|miles?)$/i, "")
    .replace(",", ".");
  const unit = units === "imperial" ? "mi" : "km";
  const example = units === "imperial" ? "1.7" : "2.8";
  if (!/^\d+(\.\d+)?$/.test(t)) return bad(`Write the distance in ${unit}, like ${example}.`);
  const meters = Math.round(Number(t) * (units === "imperial" ? MILE_M : 1000));
  if (meters <= 0) return bad("Enter the distance you covered in the 12 minutes.");
  if (meters > LIMITS.cooperMaxM) {
    return Number(t) >= 100
      ? bad(`Enter the distance in ${unit}, like ${example}, not in metres.`)
      : bad(
          `More than ${units === "imperial" ? "3.7 mi" : "6 km"} in 12 minutes would beat the world record: check the distance.`,
        );
  }
  return { ok: true, value: meters };
}

/** Reads one typed result into the value `assessment.log` stores. */
export function parseAssessmentValue(kind: ValueKind, text: string, units: Units): Parsed {
  const t = text.trim();
  if (t === "") return bad("Enter your result.");
  if (t.startsWith("-")) return bad("A result cannot be negative.");
  switch (kind) {
    case "hold":
      return parseHold(t);
    case "time":
      return parseFiveK(t);
    case "reps":
      return parseReps(t);
    case "distance":
      return parseDistance(t, units);
  }
}

/** A problem with the test's date ("YYYY-MM-DD"), or null; `today` is in the runner's zone. */
export function dateProblem(value: string, today: string): string | null {
  if (value === "") return "Enter the date you did the test.";
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isFinite(ms)) {
    return "Enter a date as YYYY-MM-DD.";
  }
  if (new Date(ms).toISOString().slice(0, 10) !== value) return "Enter a date as YYYY-MM-DD.";
  if (value > today) return "That date is in the future: enter the day you did the test.";
  return null;
}

/** Today's date ("YYYY-MM-DD") in an IANA zone. */
export function todayIn(tz: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

// Heart-rate zones from a runner's maximum heart rate, for the watch, the phone and the web view.
// Pure and dependency-free, and written for lib ES5 (plain loops, no Object.assign, flatMap or
// includes), because the Fitbit watch type-checks everything it imports under ES5.

/** The heart rates a set or session may carry, in bpm: outside this a reading is a sensor fault. */
export const HR_BPM_MIN = 25;
export const HR_BPM_MAX = 250;

/** The range of the account's max-heart-rate setting (`settings.put` `max_hr`), in bpm. */
export const MAX_HR_SETTING_MIN = 100;
export const MAX_HR_SETTING_MAX = 230;

/** The earliest year of birth the account accepts (`settings.put` `birth_year`). */
export const BIRTH_YEAR_MIN = 1900;

/**
 * The range of the heart-rate-aware rest setting (`settings.put` `rest_hr_ready`), in bpm: a rest
 * is over when heart rate drops below it, or when the rest time runs out.
 */
export const REST_HR_READY_MIN = 60;
export const REST_HR_READY_MAX = 180;

/** Zone 0 is below zone 1; zones 1–5 are the usual five training zones. */
export type HrZoneNumber = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * Where each zone starts, in percent of max heart rate: zone 1 at 50 %, 2 at 60 %, 3 at 70 %,
 * 4 at 80 %, 5 at 90 % (and everything above max stays zone 5). Below 50 % is zone 0.
 */
export const ZONE_START_PERCENT: readonly number[] = [50, 60, 70, 80, 90];

/** What each zone is called, by zone number. Shown as text next to the zone's colour. */
export const ZONE_LABELS: readonly string[] = [
  "Rest",
  "Very light",
  "Light",
  "Moderate",
  "Hard",
  "Maximum",
];

/** The settings a max heart rate comes from (the wire names of `settings.put`). */
export type HeartRateProfile = {
  max_hr?: number | null;
  birth_year?: number | null;
};

export type MaxHeartRate = {
  bpm: number;
  /** "setting": the runner's own max_hr; "age": estimated from birth_year. */
  source: "setting" | "age";
};

/**
 * Max heart rate estimated from age by Tanaka's formula, 208 − 0.7 × age (Tanaka, Monahan &
 * Seals, "Age-predicted maximal heart rate revisited", JACC 2001), which fits adults better than
 * 220 − age. Age is counted in whole years from the year of birth alone.
 */
export function estimatedMaxHr(birthYear: number, currentYear: number): number {
  const age = currentYear - birthYear;
  return Math.round(208 - 0.7 * (age < 0 ? 0 : age));
}

/**
 * The runner's max heart rate: their own `max_hr` when set, else estimated from `birth_year`
 * (see estimatedMaxHr), else null (zones unknown).
 */
export function maxHeartRate(profile: HeartRateProfile, currentYear: number): MaxHeartRate | null {
  if (typeof profile.max_hr === "number" && profile.max_hr > 0) {
    return { bpm: profile.max_hr, source: "setting" };
  }
  if (typeof profile.birth_year === "number") {
    return { bpm: estimatedMaxHr(profile.birth_year, currentYear), source: "age" };
  }
  return null;
}

/**
 * The zone of a heart rate: how many zone starts it reaches. Compared as hr × 100 against
 * percent × max, in integers, so a reading exactly on a boundary belongs to the upper zone.
 */
export function hrZone(hr: number, maxHr: number): HrZoneNumber {
  let zone = 0;
  for (let i = 0; i < ZONE_START_PERCENT.length; i++) {
    if (hr * 100 >= (ZONE_START_PERCENT[i] as number) * maxHr) zone = i + 1;
  }
  return zone as HrZoneNumber;
}

export function zoneLabel(zone: HrZoneNumber): string {
  return ZONE_LABELS[zone] as string;
}

/** Zone number and its label, e.g. { zone: 3, label: "Moderate" }. */
export function hrZoneOf(hr: number, maxHr: number): { zone: HrZoneNumber; label: string } {
  const zone = hrZone(hr, maxHr);
  return { zone: zone, label: zoneLabel(zone) };
}

export type ZoneRange = {
  zone: HrZoneNumber;
  label: string;
  /** Lowest whole bpm in the zone (0 for zone 0). */
  from_bpm: number;
  /** Lowest whole bpm of the next zone; null for zone 5, which has no top. */
  below_bpm: number | null;
};

/** Every zone's whole-bpm range for a max heart rate, zone 0 first (for legends and screens). */
export function zoneRanges(maxHr: number): ZoneRange[] {
  const starts: number[] = [0];
  for (let i = 0; i < ZONE_START_PERCENT.length; i++) {
    starts.push(Math.ceil(((ZONE_START_PERCENT[i] as number) * maxHr) / 100));
  }
  const ranges: ZoneRange[] = [];
  for (let z = 0; z < starts.length; z++) {
    const next = z + 1 < starts.length ? (starts[z + 1] as number) : null;
    ranges.push({
      zone: z as HrZoneNumber,
      label: ZONE_LABELS[z] as string,
      from_bpm: starts[z] as number,
      below_bpm: next,
    });
  }
  return ranges;
}

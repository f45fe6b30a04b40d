// Guesses the kind of an imported run from its length, pace and how much the pace changed; the
// runner corrects it on /runs when the guess is wrong.
import type { RunKind } from "@runstrong/shared/schemas";

export type KindEvidence = {
  distanceM: number;
  movingS: number;
  /** Average speed of each minute of moving (m/s); empty when the file has no track. */
  minuteSpeeds: readonly number[];
};

/** 75 minutes or 18 km and more is a long run, whatever the pace. */
export const LONG_RUN_S = 75 * 60;
export const LONG_RUN_M = 18_000;
/** Minute speeds varying by this much (coefficient of variation) are repeats, not a steady run. */
export const INTERVALS_VARIATION = 0.18;
/** Steady and faster than 5:00 per km is a tempo run. */
export const TEMPO_SPEED = 1000 / 300;
/** The variation is only read from at least this many minutes. */
const MIN_MINUTES = 6;

/** Coefficient of variation: standard deviation over mean. */
export function variation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean <= 0) return 0;
  const sq = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(sq) / mean;
}

export function guessRunKind(e: KindEvidence): RunKind {
  if (e.movingS >= LONG_RUN_S || e.distanceM >= LONG_RUN_M) return "long";
  if (e.minuteSpeeds.length >= MIN_MINUTES && variation(e.minuteSpeeds) >= INTERVALS_VARIATION)
    return "intervals";
  const speed = e.movingS > 0 ? e.distanceM / e.movingS : 0;
  return speed >= TEMPO_SPEED ? "tempo" : "easy";
}

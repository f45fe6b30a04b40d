// Wire schemas of heart rate: readings on sets and sessions, the two settings zones come from and
// the heart-rate-aware rest's setting (the limits live beside the zones in ../heartRate/zones.ts,
// which the watch imports without zod).
import { z } from "zod";
import {
  BIRTH_YEAR_MIN,
  HR_BPM_MAX,
  HR_BPM_MIN,
  MAX_HR_SETTING_MAX,
  MAX_HR_SETTING_MIN,
  REST_HR_READY_MAX,
  REST_HR_READY_MIN,
} from "../heartRate/zones.ts";

const bpmMessage = `Heart rate is a whole number of beats per minute from ${HR_BPM_MIN} to ${HR_BPM_MAX}.`;

/** One heart-rate reading (an average or a peak) in bpm; outside 25–250 is a sensor fault. */
export const HeartRateBpm = z
  .number({ error: bpmMessage })
  .int({ error: bpmMessage })
  .min(HR_BPM_MIN, { error: bpmMessage })
  .max(HR_BPM_MAX, { error: bpmMessage });

const maxHrMessage = `Max heart rate is a whole number of beats per minute from ${MAX_HR_SETTING_MIN} to ${MAX_HR_SETTING_MAX}.`;

/** The runner's own max heart rate (from a test or a race), in bpm. */
export const MaxHeartRateSetting = z
  .number({ error: maxHrMessage })
  .int({ error: maxHrMessage })
  .min(MAX_HR_SETTING_MIN, { error: maxHrMessage })
  .max(MAX_HR_SETTING_MAX, { error: maxHrMessage });

const restReadyMessage = `The heart rate that ends a rest is a whole number of beats per minute from ${REST_HR_READY_MIN} to ${REST_HR_READY_MAX}.`;

/** Heart-rate-aware rest: the bpm a rest ends early below (the rest time still caps it). */
export const RestHeartRateReady = z
  .number({ error: restReadyMessage })
  .int({ error: restReadyMessage })
  .min(REST_HR_READY_MIN, { error: restReadyMessage })
  .max(REST_HR_READY_MAX, { error: restReadyMessage })
  .describe(
    `Heart-rate-aware rest: a rest is over when heart rate drops below this many bpm (${REST_HR_READY_MIN}–${REST_HR_READY_MAX}), or when the rest time runs out.`,
  );

/** This year by the server's clock (UTC): the latest year of birth anyone can have. */
function currentYear(): number {
  return new Date().getUTCFullYear();
}

const yearMessage = () =>
  `Year of birth is a year from ${BIRTH_YEAR_MIN} to ${currentYear()}, like 1988.`;

/** A year of birth, to estimate max heart rate from age. */
export const YearOfBirth = z
  .number({ error: yearMessage })
  .int({ error: yearMessage })
  .min(BIRTH_YEAR_MIN, { error: yearMessage })
  .refine((year) => year <= currentYear(), { error: yearMessage });

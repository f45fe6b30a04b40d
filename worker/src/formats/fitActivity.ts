// A logged strength session as a FIT activity file, written with Garmin's FIT SDK: the messages
// Garmin's activity-file recipe requires, plus one FIT `set` message per set and a rest set for
// every gap between two sets, so Garmin Connect and Strava show the workout set by set.
import { Encoder, Profile } from "@garmin/fitsdk";
import { fitExerciseFor } from "@runstrong/shared/catalog";
import { zoneOffsetMs } from "../web/format.ts";

export type FitSetInput = {
  exerciseId: string;
  startedMs: number;
  endedMs: number;
  reps: number | null;
  holdS: number | null;
  weightKg: number | null;
  /** Average heart rate over the set, when the watch logged one (bpm). */
  heartRate?: number | null;
  /** Highest heart rate during the set (bpm). */
  heartRateMax?: number | null;
};

export type FitSessionInput = {
  /** Used for the file's serial number, so one session always gets the same one. */
  id: string;
  startedMs: number | null;
  endedMs: number | null;
  sets: readonly FitSetInput[];
  /** IANA zone for the activity's local timestamp. */
  timeZone: string;
  units: "metric" | "imperial";
  /** The instant the file is written (file_id.time_created; the start when nothing else is known). */
  nowMs: number;
};

const types = Profile.types as Record<string, Record<number, string>>;

/** The profile's number for a value of one of its enums, e.g. ("exerciseCategory", "plank"). */
export function fitEnumValue(enumName: string, name: string): number | undefined {
  const values = types[enumName];
  if (!values) return undefined;
  for (const [num, value] of Object.entries(values)) if (value === name) return Number(num);
  return undefined;
}

/** FIT's "no value" of a uint16 field: a category without a subtype. */
const NO_SUBTYPE = 0xffff;

/** A stable, non-zero 32-bit serial number from the session id (FNV-1a). */
function serialOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h === 0 ? 1 : h;
}

/** Whole seconds: FIT date_time has a resolution of one second. */
const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
const date = (ms: number) => new Date(sec(ms));

function categoryOf(exerciseId: string): { category: number; subtype: number } {
  const m = fitExerciseFor(exerciseId);
  const category = fitEnumValue("exerciseCategory", m.category) ?? 0xfffe;
  const subtype =
    m.subtype === null
      ? NO_SUBTYPE
      : (fitEnumValue(`${m.category}ExerciseName`, m.subtype) ?? NO_SUBTYPE);
  return { category, subtype };
}

/** The session's bounds: its own times, widened to cover every set. */
function bounds(input: FitSessionInput, sets: readonly FitSetInput[]) {
  const starts = sets.map((s) => s.startedMs);
  const ends = sets.map((s) => Math.max(s.endedMs, s.startedMs));
  const start = Math.min(input.startedMs ?? Number.POSITIVE_INFINITY, ...starts);
  const startMs = Number.isFinite(start) ? start : (input.endedMs ?? input.nowMs);
  const endMs = Math.max(startMs, input.endedMs ?? startMs, ...ends);
  return { startMs: sec(startMs), endMs: sec(endMs) };
}

export function encodeStrengthActivity(input: FitSessionInput): Uint8Array {
  const sets = [...input.sets].sort((a, b) => a.startedMs - b.startedMs);
  const { startMs, endMs } = bounds(input, sets);
  const elapsedS = (endMs - startMs) / 1000;
  const sport = { sport: "training", subSport: "strengthTraining" } as const;
  const encoder = new Encoder();
  const write = (mesgNum: number | undefined, mesg: Record<string, unknown>) =>
    encoder.onMesg(mesgNum as number, mesg);
  const M = Profile.MesgNum;

  write(M.FILE_ID, {
    type: "activity",
    manufacturer: "development",
    product: 1,
    timeCreated: date(input.nowMs),
    serialNumber: serialOf(input.id),
  });
  write(M.DEVICE_INFO, {
    timestamp: date(startMs),
    deviceIndex: "creator",
    manufacturer: "development",
    product: 1,
    serialNumber: serialOf(input.id),
    productName: "runstrong",
  });
  write(M.EVENT, {
    timestamp: date(startMs),
    event: "timer",
    eventType: "start",
    timerTrigger: "manual",
  });

  // Records at the start and end of the session and of every set, one per second at most,
  // carrying the set's heart rate when the watch logged one.
  const records = new Map<number, number | null>([
    [startMs, null],
    [endMs, null],
  ]);
  for (const s of sets) {
    const hr = s.heartRate ?? null;
    for (const t of [sec(s.startedMs), sec(Math.max(s.endedMs, s.startedMs))]) {
      if (hr !== null || !records.has(t)) records.set(t, hr ?? records.get(t) ?? null);
    }
  }
  for (const t of [...records.keys()].sort((a, b) => a - b)) {
    const hr = records.get(t);
    write(M.RECORD, { timestamp: date(t), ...(hr ? { heartRate: Math.round(hr) } : {}) });
  }

  let index = 0;
  let previousEnd: number | null = null;
  for (const s of sets) {
    const start = sec(s.startedMs);
    const end = sec(Math.max(s.endedMs, s.startedMs));
    if (previousEnd !== null && start > previousEnd) {
      write(M.SET, {
        timestamp: date(start),
        startTime: date(previousEnd),
        duration: (start - previousEnd) / 1000,
        setType: "rest",
        messageIndex: index++,
      });
    }
    const { category, subtype } = categoryOf(s.exerciseId);
    write(M.SET, {
      timestamp: date(end),
      startTime: date(start),
      duration: s.holdS ?? (end - start) / 1000,
      ...(s.reps !== null ? { repetitions: s.reps } : {}),
      ...(s.weightKg !== null ? { weight: s.weightKg } : {}),
      weightDisplayUnit: input.units === "imperial" ? "pound" : "kilogram",
      setType: "active",
      category: [category],
      categorySubtype: [subtype],
      messageIndex: index++,
    });
    previousEnd = previousEnd === null ? end : Math.max(previousEnd, end);
  }

  write(M.EVENT, {
    timestamp: date(endMs),
    event: "timer",
    eventType: "stopAll",
    timerTrigger: "manual",
  });
  const withHr = sets.filter((s) => typeof s.heartRate === "number");
  const heart = withHr.length
    ? {
        avgHeartRate: Math.round(
          withHr.reduce((a, s) => a + (s.heartRate as number), 0) / withHr.length,
        ),
        maxHeartRate: Math.round(
          Math.max(...withHr.map((s) => s.heartRateMax ?? (s.heartRate as number))),
        ),
      }
    : {};
  const totals = {
    timestamp: date(endMs),
    startTime: date(startMs),
    totalElapsedTime: elapsedS,
    totalTimerTime: elapsedS,
    ...sport,
    ...heart,
  };
  write(M.LAP, { ...totals, messageIndex: 0, event: "lap", eventType: "stop" });
  write(M.SESSION, {
    ...totals,
    messageIndex: 0,
    firstLapIndex: 0,
    numLaps: 1,
    event: "session",
    eventType: "stop",
  });
  write(M.ACTIVITY, {
    timestamp: date(endMs),
    totalTimerTime: elapsedS,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
    localTimestamp: Math.round((endMs + zoneOffsetMs(endMs, input.timeZone)) / 1000) - 631065600,
  });
  return encoder.close();
}

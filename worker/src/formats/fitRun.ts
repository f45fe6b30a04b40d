// Reads a FIT activity with Garmin's SDK Decoder (integrity checked) into a run: the session's
// sport, start, distance, timer time and heart rate, and the records as timed samples.
import { Decoder, Stream } from "@garmin/fitsdk";
import { geodesicM } from "./geodesy.ts";
import type { TrackSample } from "./runTrack.ts";

export type FitRun =
  | {
      ok: true;
      startMs: number | null;
      distanceM: number | null;
      timerS: number | null;
      avgHr: number | null;
      samples: TrackSample[];
    }
  | { ok: false; message: string };

// biome-ignore lint/suspicious/noExplicitAny: decoded messages are loosely typed by the SDK.
type Mesg = Record<string, any>;

const SEMICIRCLE = 180 / 2 ** 31;
const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

function sportWords(sport: unknown): string {
  return String(sport)
    .replace(/([A-Z])/g, " $1")
    .toLowerCase();
}

/** Records as samples: the file's cumulative distance, or the geodesic sum of its positions. */
function samplesOf(records: Mesg[]): TrackSample[] {
  const out: TrackSample[] = [];
  let summed = 0;
  let previous: { lat: number; lon: number } | null = null;
  for (const r of records) {
    const t = ms(r.timestamp);
    if (t === null) continue;
    const lat = num(r.positionLat);
    const lon = num(r.positionLong);
    if (lat !== null && lon !== null) {
      const here = { lat: lat * SEMICIRCLE, lon: lon * SEMICIRCLE };
      if (previous) summed += geodesicM(previous, here);
      previous = here;
    }
    const hr = num(r.heartRate);
    out.push({ t, d: num(r.distance) ?? summed, segment: 0, ...(hr ? { hr } : {}) });
  }
  return out;
}

export function readFitRun(bytes: Uint8Array): FitRun {
  const corrupt = {
    ok: false as const,
    message: "This FIT file is damaged or incomplete (its size or checksum is wrong).",
  };
  let messages: Record<string, Mesg[] | undefined>;
  try {
    const stream = Stream.fromByteArray([...bytes]);
    if (!Decoder.isFIT(stream)) {
      return { ok: false, message: "This file is not a FIT file: it lacks the FIT header." };
    }
    const decoder = new Decoder(stream);
    if (!decoder.checkIntegrity()) return corrupt;
    const read = decoder.read();
    if (read.errors.length > 0) return corrupt;
    messages = read.messages as Record<string, Mesg[] | undefined>;
  } catch {
    return corrupt;
  }
  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== undefined && fileType !== "activity") {
    return {
      ok: false,
      message: `This FIT file is a ${sportWords(fileType)} file, not an activity.`,
    };
  }
  const session = messages.sessionMesgs?.[0];
  const sport = session?.sport ?? messages.sportMesgs?.[0]?.sport;
  if (sport !== "running") {
    return {
      ok: false,
      message:
        sport === undefined
          ? "This FIT file does not say which sport it records, so it cannot be imported as a run."
          : `This FIT file is a ${sportWords(sport)} activity, not a run: only runs can be imported.`,
    };
  }
  const records = messages.recordMesgs ?? [];
  return {
    ok: true,
    startMs: ms(session?.startTime) ?? ms(records[0]?.timestamp),
    distanceM: num(session?.totalDistance),
    timerS: num(session?.totalTimerTime),
    avgHr: num(session?.avgHeartRate),
    samples: samplesOf(records),
  };
}

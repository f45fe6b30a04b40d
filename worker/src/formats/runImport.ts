// An uploaded GPX or FIT file as the run the running log keeps (run.log args without the id):
// date in the runner's zone, distance, moving time, average heart rate, a guessed kind, and the
// file's name as the note. Anything that is not a run gets a sentence instead.
import type { RunLogArgs } from "@runstrong/shared/schemas";
import { localDate } from "../web/format.ts";
import { readFitRun } from "./fitRun.ts";
import { readGpx } from "./gpxRun.ts";
import { guessRunKind } from "./runKindGuess.ts";
import { summarizeTrack, type TrackSummary } from "./runTrack.ts";

export const FIT_TYPE = "application/vnd.ant.fit";
export const GPX_TYPE = "application/gpx+xml";
export type RunFileType = typeof FIT_TYPE | typeof GPX_TYPE;

export type ImportedRun = Omit<RunLogArgs, "id">;
export type RunFromFile = { ok: true; run: ImportedRun } | { ok: false; message: string };

/** Faster than this on average (m/s, 25 km/h) is a ride or a drive, not a run. */
export const MAX_RUN_SPEED = 7;
const MAX_NOTE = 200;

function finish(
  fields: { startMs: number; distanceM: number; movingS: number; avgHr: number | null },
  track: TrackSummary | null,
  fileName: string | null,
  timeZone: string,
): RunFromFile {
  const { distanceM, movingS } = fields;
  if (!(movingS > 0)) {
    return {
      ok: false,
      message: "This file records no moving time, so it holds no run to import.",
    };
  }
  if (distanceM / movingS > MAX_RUN_SPEED) {
    return {
      ok: false,
      message: `This activity averages ${((distanceM / movingS) * 3.6).toFixed(0)} km/h, too fast for a run: only runs can be imported.`,
    };
  }
  if (distanceM > 1_000_000 || movingS > 1_000_000) {
    return { ok: false, message: "This run is longer than the running log can hold (1000 km)." };
  }
  const avgHr =
    fields.avgHr !== null && fields.avgHr >= 20 && fields.avgHr <= 260 ? fields.avgHr : null;
  const note = fileName?.trim().slice(0, MAX_NOTE);
  const run: ImportedRun = {
    date: localDate(fields.startMs, timeZone),
    distance_m: Math.round(distanceM * 10) / 10,
    duration_s: Math.round(movingS),
    kind: guessRunKind({ distanceM, movingS, minuteSpeeds: track?.minuteSpeeds ?? [] }),
    ...(avgHr !== null ? { avg_hr: Math.round(avgHr) } : {}),
    ...(note ? { notes: note } : {}),
  };
  return { ok: true, run };
}

export function runFromFile(
  type: RunFileType,
  bytes: Uint8Array,
  fileName: string | null,
  timeZone: string,
): RunFromFile {
  if (type === GPX_TYPE) {
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { ok: false, message: "This GPX file is not UTF-8 text." };
    }
    const gpx = readGpx(xml);
    if (!gpx.ok) return gpx;
    const track = summarizeTrack(gpx.samples) as TrackSummary;
    return finish(track, track, fileName, timeZone);
  }
  const fit = readFitRun(bytes);
  if (!fit.ok) return fit;
  const track = summarizeTrack(fit.samples);
  const startMs = fit.startMs ?? track?.startMs;
  if (startMs === undefined || startMs === null) {
    return { ok: false, message: "This FIT file has no start time, so the run has no date." };
  }
  return finish(
    {
      startMs,
      distanceM: fit.distanceM ?? track?.distanceM ?? 0,
      movingS: fit.timerS ?? track?.movingS ?? 0,
      avgHr: fit.avgHr ?? track?.avgHr ?? null,
    },
    track,
    fileName,
    timeZone,
  );
}

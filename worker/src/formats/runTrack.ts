// A run's track, from a GPX or a FIT file, reduced to what the running log keeps: distance,
// moving time, average heart rate, and the speed of each minute of moving for the kind guess.
//
// Moving time: the time between two consecutive points of a segment counts when they are at
// most MAX_GAP_S apart and the runner covered at least MIN_MOVING_SPEED between them; a longer
// gap (auto-pause, a stop with the watch paused) or standing still (a traffic light) does not.
// Distance counts every step within a segment, never the jump between two segments.

export type TrackSample = {
  /** Instant (ms). */
  t: number;
  /** Metres from the start of the file, as the file or the geodesic sum says. */
  d: number;
  hr?: number;
  /** Samples of different segments are never joined. */
  segment: number;
};

export type TrackSummary = {
  startMs: number;
  distanceM: number;
  movingS: number;
  avgHr: number | null;
  /** Average speed (m/s) of each full minute of moving time, in order. */
  minuteSpeeds: number[];
};

/** A gap between two points longer than this is a pause. */
export const MAX_GAP_S = 30;
/** Slower than this (m/s, 1.8 km/h) between two points is standing, not running. */
export const MIN_MOVING_SPEED = 0.5;
const WINDOW_S = 60;

export function summarizeTrack(samples: readonly TrackSample[]): TrackSummary | null {
  const points = [...samples].sort((a, b) => a.t - b.t);
  const first = points[0];
  if (!first) return null;
  let distanceM = 0;
  let movingS = 0;
  const minuteSpeeds: number[] = [];
  let windowS = 0;
  let windowM = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TrackSample;
    const b = points[i] as TrackSample;
    if (a.segment !== b.segment) continue;
    const dt = (b.t - a.t) / 1000;
    const dd = Math.max(0, b.d - a.d);
    distanceM += dd;
    if (dt <= 0 || dt > MAX_GAP_S || dd / dt < MIN_MOVING_SPEED) continue;
    movingS += dt;
    windowS += dt;
    windowM += dd;
    if (windowS >= WINDOW_S) {
      minuteSpeeds.push(windowM / windowS);
      windowS = 0;
      windowM = 0;
    }
  }
  const hrs = points.map((p) => p.hr).filter((h): h is number => h !== undefined && h > 0);
  return {
    startMs: first.t,
    distanceM,
    movingS: Math.round(movingS),
    avgHr: hrs.length ? Math.round(hrs.reduce((x, y) => x + y, 0) / hrs.length) : null,
    minuteSpeeds,
  };
}

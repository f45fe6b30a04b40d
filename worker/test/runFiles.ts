// Run files made by the tests themselves (nothing downloaded): GPX 1.1 documents with or without
// Garmin's heart-rate extension, and FIT activities written with Garmin's SDK Encoder.
import { Encoder, Profile } from "@garmin/fitsdk";

export type TrackPoint = { t: number; lat: number; lon: number; hr?: number };

/** Metres per degree of latitude near 48°N, close enough to lay out a track at a given speed. */
const M_PER_DEG_LAT = 111_200;

/**
 * Points every `stepS` seconds heading north from (lat, lon) at `speed` m/s for `seconds`;
 * `hr` gives each point's heart rate.
 */
export function steadyTrack(o: {
  startMs: number;
  speed: number;
  seconds: number;
  stepS?: number;
  lat?: number;
  lon?: number;
  hr?: (i: number) => number;
}): TrackPoint[] {
  const step = o.stepS ?? 5;
  const points: TrackPoint[] = [];
  for (let i = 0; i * step <= o.seconds; i++) {
    points.push({
      t: o.startMs + i * step * 1000,
      lat: (o.lat ?? 48.1) + (o.speed * i * step) / M_PER_DEG_LAT,
      lon: o.lon ?? 11.5,
      ...(o.hr ? { hr: o.hr(i) } : {}),
    });
  }
  return points;
}

/** Continues a track from its last point: the next piece starts `afterS` seconds later. */
export function thenTrack(
  before: TrackPoint[],
  o: {
    speed: number;
    seconds: number;
    afterS?: number;
    stepS?: number;
    hr?: (i: number) => number;
  },
): TrackPoint[] {
  const last = before[before.length - 1] as TrackPoint;
  const next = steadyTrack({
    ...o,
    startMs: last.t + (o.afterS ?? o.stepS ?? 5) * 1000,
    lat: last.lat + (o.afterS === undefined ? (o.speed * (o.stepS ?? 5)) / M_PER_DEG_LAT : 0),
    lon: last.lon,
  });
  return [...before, ...next];
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function gpxDocument(
  segments: TrackPoint[][],
  o: { name?: string; type?: string } = {},
): string {
  const pt = (p: TrackPoint) =>
    `      <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><ele>520.0</ele><time>${new Date(p.t).toISOString()}</time>${
      p.hr === undefined
        ? ""
        : `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`
    }</trkpt>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="runstrong tests" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <metadata><time>${new Date(segments[0]?.[0]?.t ?? 0).toISOString()}</time></metadata>
  <trk>
    ${o.name ? `<name>${escapeXml(o.name)}</name>` : ""}
    ${o.type ? `<type>${escapeXml(o.type)}</type>` : ""}
${segments.map((s) => `    <trkseg>\n${s.map(pt).join("\n")}\n    </trkseg>`).join("\n")}
  </trk>
</gpx>
`;
}

/** Cumulative metres along a track (for FIT records), north-going as steadyTrack lays it out. */
function cumulative(points: TrackPoint[]): number[] {
  let d = 0;
  return points.map((p, i) => {
    const prev = points[i - 1];
    if (prev) d += Math.abs(p.lat - prev.lat) * M_PER_DEG_LAT;
    return d;
  });
}

/**
 * A FIT activity file as a watch writes one: file_id, event, records (with distance, position and
 * heart rate), lap, session (sport, distance, timer time, heart rate) and activity.
 */
export function fitActivityFile(o: {
  sport: string;
  subSport?: string;
  points: TrackPoint[];
  /** Overrides the session summary; `null` leaves the field out. */
  totalDistance?: number | null;
  totalTimerTime?: number | null;
  avgHeartRate?: number | null;
}): Uint8Array {
  const first = o.points[0] as TrackPoint;
  const last = o.points[o.points.length - 1] as TrackPoint;
  const dist = cumulative(o.points);
  const elapsed = (last.t - first.t) / 1000;
  const hrs = o.points.map((p) => p.hr).filter((h): h is number => h !== undefined);
  const M = Profile.MesgNum as Record<string, number>;
  const e = new Encoder();
  const w = (name: string, m: Record<string, unknown>) => e.onMesg(M[name] as number, m);
  w("FILE_ID", {
    type: "activity",
    manufacturer: "development",
    product: 2,
    timeCreated: new Date(last.t),
    serialNumber: 4242,
  });
  w("EVENT", { timestamp: new Date(first.t), event: "timer", eventType: "start" });
  o.points.forEach((p, i) => {
    w("RECORD", {
      timestamp: new Date(p.t),
      positionLat: Math.round((p.lat * 2 ** 31) / 180),
      positionLong: Math.round((p.lon * 2 ** 31) / 180),
      distance: dist[i],
      ...(p.hr !== undefined ? { heartRate: p.hr } : {}),
    });
  });
  w("EVENT", { timestamp: new Date(last.t), event: "timer", eventType: "stopAll" });
  const summary = {
    timestamp: new Date(last.t),
    startTime: new Date(first.t),
    totalElapsedTime: elapsed,
    sport: o.sport,
    subSport: o.subSport ?? "generic",
  };
  const pick = (v: number | null | undefined, fallback: number | undefined) =>
    v === null ? undefined : (v ?? fallback);
  const distance = pick(o.totalDistance, dist[dist.length - 1]);
  const timer = pick(o.totalTimerTime, elapsed);
  const hr = pick(
    o.avgHeartRate,
    hrs.length ? Math.round(hrs.reduce((a, b) => a + b, 0) / hrs.length) : undefined,
  );
  const totals = {
    ...summary,
    ...(distance !== undefined ? { totalDistance: distance } : {}),
    ...(timer !== undefined ? { totalTimerTime: timer } : {}),
    ...(hr !== undefined ? { avgHeartRate: hr } : {}),
  };
  w("LAP", { ...totals, messageIndex: 0, event: "lap", eventType: "stop" });
  w("SESSION", {
    ...totals,
    messageIndex: 0,
    firstLapIndex: 0,
    numLaps: 1,
    event: "session",
    eventType: "stop",
  });
  w("ACTIVITY", {
    timestamp: new Date(last.t),
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
  });
  return e.close();
}

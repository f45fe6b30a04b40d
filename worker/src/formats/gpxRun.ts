// Reads a GPX 1.1 track into timed samples: distances summed along each segment with the
// ellipsoidal geodesic, heart rate from Garmin's TrackPointExtension (gpxtpx:hr) when present.
import { XMLParser } from "fast-xml-parser";
import { geodesicM, type LatLon } from "./geodesy.ts";
import type { TrackSample } from "./runTrack.ts";

export type GpxTrack =
  | { ok: true; samples: TrackSample[]; name: string | null }
  | { ok: false; message: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // gpxtpx:hr, ns3:hr … all read as hr.
  removeNSPrefix: true,
  // Entities are not needed in a track, and expanding them is how XML bombs work.
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => ["trk", "trkseg", "trkpt"].includes(name),
});

/** A track `type` that names another sport (GPX leaves the word free; apps write these). */
const OTHER_SPORT = /cycl|bik|ride|swim|ski|row|walk|hik|paddl|kayak|skat/i;

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : undefined;

/** Heart rate from <extensions><TrackPointExtension><hr> (any namespace prefix). */
function heartRate(extensions: unknown): number | undefined {
  const ext = asNode(extensions);
  for (const holder of [asNode(ext.TrackPointExtension), ext]) {
    const hr = Number(text(holder.hr));
    if (Number.isFinite(hr) && hr > 0) return hr;
  }
  return undefined;
}

export function readGpx(xml: string): GpxTrack {
  let doc: Node;
  try {
    doc = asNode(parser.parse(xml, true));
  } catch {
    return { ok: false, message: "This file is not valid GPX: its XML cannot be read." };
  }
  const gpx = asNode(doc.gpx);
  if (!doc.gpx) return { ok: false, message: "This file is not GPX: it has no <gpx> element." };
  const tracks = (gpx.trk as unknown[] | undefined) ?? [];
  const samples: TrackSample[] = [];
  let segment = 0;
  let distance = 0;
  for (const trk of tracks.map(asNode)) {
    const type = text(trk.type);
    if (type && OTHER_SPORT.test(type)) {
      return {
        ok: false,
        message: `This GPX track is marked as "${type.slice(0, 40)}", not a run: only runs can be imported.`,
      };
    }
    for (const seg of ((trk.trkseg as unknown[] | undefined) ?? []).map(asNode)) {
      segment++;
      let previous: LatLon | null = null;
      for (const pt of ((seg.trkpt as unknown[] | undefined) ?? []).map(asNode)) {
        const lat = Number(text(pt.lat));
        const lon = Number(text(pt.lon));
        const t = Date.parse(text(pt.time) ?? "");
        if (
          !Number.isFinite(lat) ||
          !Number.isFinite(lon) ||
          Math.abs(lat) > 90 ||
          Math.abs(lon) > 180
        )
          continue;
        // A point without a time cannot count towards moving time; its position still counts.
        const here = { lat, lon };
        if (previous) distance += geodesicM(previous, here);
        previous = here;
        if (!Number.isFinite(t)) continue;
        const hr = heartRate(pt.extensions);
        samples.push({ t, d: distance, segment, ...(hr !== undefined ? { hr } : {}) });
      }
    }
  }
  if (samples.length < 2) {
    return {
      ok: false,
      message:
        "This GPX file has no timed track points (<trkpt> with a <time>), so it holds no run to import.",
    };
  }
  const name = text(asNode(tracks[0]).name) ?? null;
  return { ok: true, samples, name };
}

// Heart-rate words shared by the server pages and their scripts: which max heart rate the zones
// use, as a sentence, and a zone's name as text (a zone is never told by its colour alone).
import {
  type HrZoneNumber,
  type MaxHeartRate,
  type ZoneRange,
  zoneLabel,
} from "@runstrong/shared/heartRate";

/** "Zone 3 · Moderate"; below zone 1 it is "Zone 0 · Rest". */
export function zoneText(zone: HrZoneNumber): string {
  return `Zone ${zone} · ${zoneLabel(zone)}`;
}

/** The sentence that says where the zones come from, or how to get them. */
export function maxHrSentence(max: MaxHeartRate | null): string {
  if (!max) return "Add your max heart rate or your year of birth to see heart-rate zones.";
  if (max.source === "setting") return `Zones use your max heart rate of ${max.bpm} bpm.`;
  return `Zones use a max heart rate of ${max.bpm} bpm, estimated from your age (208 − 0.7 × age).`;
}

/** A zone's whole-bpm range, "131–149 bpm", or "169+ bpm" for zone 5. */
export function zoneRangeText(r: ZoneRange): string {
  return r.below_bpm === null ? `${r.from_bpm}+ bpm` : `${r.from_bpm}–${r.below_bpm - 1} bpm`;
}

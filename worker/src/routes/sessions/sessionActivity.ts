// Loads one of the user's sessions with its live sets and the user's zone and units, shaped as
// the FIT encoder's input; null when the id is unknown, another user's or deleted.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { settings } from "../../db/schema.ts";
import type { FitSessionInput } from "../../formats/fitActivity.ts";
import { sessionDetail } from "../../web/data/sessions.ts";
import { safeTimeZone, toMs } from "../../web/format.ts";

export async function loadSessionActivity(
  db: Database,
  userId: string,
  sessionId: string,
  nowMs: number,
): Promise<FitSessionInput | null> {
  const [found, [prefs]] = await Promise.all([
    sessionDetail(db, userId, sessionId),
    db
      .select({ units: settings.units, timeZone: settings.timeZone })
      .from(settings)
      .where(eq(settings.userId, userId)),
  ]);
  if (!found) return null;
  const sets = found.sets.flatMap((s) => {
    const startedMs = toMs(s.startedAt);
    const endedMs = toMs(s.endedAt);
    // A set without a readable time cannot be placed on the activity's timeline.
    if (startedMs === null || endedMs === null) return [];
    return [
      {
        exerciseId: s.exerciseId,
        startedMs,
        endedMs,
        reps: s.reps,
        holdS: s.holdS,
        weightKg: s.weightKg,
        heartRate: s.hrAvg,
        heartRateMax: s.hrMax,
      },
    ];
  });
  return {
    id: found.session.id,
    startedMs: found.session.startedMs,
    endedMs: toMs(found.session.endedAt),
    sets,
    timeZone: safeTimeZone(prefs?.timeZone ?? undefined),
    units: prefs?.units === "imperial" ? "imperial" : "metric",
    nowMs,
  };
}

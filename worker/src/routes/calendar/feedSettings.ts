// What the feed needs of the owner's settings: the active plan, the time zone and the units.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { settings } from "../../db/schema.ts";
import { safeTimeZone, type Units } from "../../web/format.ts";

export type FeedSettings = { activePlanId: string | null; timeZone: string; units: Units };

export async function feedSettings(db: Database, userId: string): Promise<FeedSettings> {
  const [row] = await db
    .select({
      activePlanId: settings.activePlanId,
      timeZone: settings.timeZone,
      units: settings.units,
    })
    .from(settings)
    .where(eq(settings.userId, userId));
  return {
    activePlanId: row?.activePlanId ?? null,
    timeZone: safeTimeZone(row?.timeZone ?? undefined),
    units: row?.units === "imperial" ? "imperial" : "metric",
  };
}

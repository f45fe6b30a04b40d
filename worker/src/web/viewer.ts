// Who is looking at a page: the signed-in web session with what every page needs to render
// (email, units, zone) and what its scripts need to sync (this browser's device and last seq).

import type { HeartRateProfile } from "@runstrong/shared/heartRate";
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../appEnv.ts";
import { resolvePrincipal } from "../auth/principal.ts";
import { devices, settings, syncState, users } from "../db/schema.ts";
import { type Locale, pickLanguage, safeTimeZone, type Units } from "./format.ts";

export type Viewer = Locale & {
  userId: string;
  email: string;
  /** This browser's own sync device (made on its first push), if any. */
  webDeviceId: string | null;
  webLastSeq: number;
  activePlanId: string | null;
  /** The account's time-zone setting (null until set); `tz` is what pages actually use. */
  timeZoneSetting: string | null;
  /** The heart-rate settings zones come from (max HR, else year of birth); nulls when unset. */
  hrProfile: HeartRateProfile;
  /** Heart-rate-aware rest: a rest ends once heart rate drops below this (bpm); null = by time. */
  restHrReady: number | null;
  /** Changes whenever anything of the user syncs: the pages' freshness check compares it. */
  state: string;
  now: number;
};

/**
 * The zone comes from the account's setting when it has one (the same on every device), else
 * from the rs_tz cookie the page scripts set, else UTC.
 */
export function localeOf(
  c: Context<AppEnv>,
  units: Units = "metric",
  timeZone: string | null = null,
): Locale {
  return {
    tz: safeTimeZone(timeZone ?? getCookie(c, "rs_tz")),
    lang: pickLanguage(c.req.header("accept-language")),
    units,
  };
}

export async function loadViewer(c: Context<AppEnv>): Promise<Viewer | null> {
  const principal = await resolvePrincipal(c);
  if (principal?.kind !== "web") return null;
  const db = c.get("db");
  const userId = principal.userId;
  const [userRows, stateRows, deviceRows, settingsRows] = await db.batch([
    db.select({ email: users.email }).from(users).where(eq(users.id, userId)),
    db.select({ version: syncState.version }).from(syncState).where(eq(syncState.userId, userId)),
    db
      .select({ id: devices.id, lastSeq: devices.lastSeq, lastSeen: devices.lastSeen })
      .from(devices)
      .where(and(eq(devices.userId, userId), isNull(devices.revokedAt))),
    db
      .select({
        activePlanId: settings.activePlanId,
        units: settings.units,
        timeZone: settings.timeZone,
        maxHr: settings.maxHr,
        birthYear: settings.birthYear,
        restHrReady: settings.restHrReady,
      })
      .from(settings)
      .where(eq(settings.userId, userId)),
  ]);
  const user = userRows[0];
  if (!user) return null;
  const own = principal.deviceId ? deviceRows.find((d) => d.id === principal.deviceId) : undefined;
  const lastSeen = deviceRows.reduce((m, d) => Math.max(m, d.lastSeen ?? 0), 0);
  const units: Units = settingsRows[0]?.units === "imperial" ? "imperial" : "metric";
  const timeZone = settingsRows[0]?.timeZone ?? null;
  return {
    ...localeOf(c, units, timeZone),
    timeZoneSetting: timeZone,
    hrProfile: {
      max_hr: settingsRows[0]?.maxHr ?? null,
      birth_year: settingsRows[0]?.birthYear ?? null,
    },
    restHrReady: settingsRows[0]?.restHrReady ?? null,
    userId,
    email: user.email,
    webDeviceId: principal.deviceId,
    webLastSeq: own?.lastSeq ?? 0,
    activePlanId: settingsRows[0]?.activePlanId ?? null,
    state: `${stateRows[0]?.version ?? 0}.${lastSeen}.${deviceRows.length}`,
    now: c.get("now"),
  };
}

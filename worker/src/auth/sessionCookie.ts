// The web view's session cookie: an opaque 256-bit secret; D1 keeps only its SHA-256 digest.

import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../appEnv.ts";
import { digestKey, indexSecret } from "../db/accountIndex.ts";
import { authSessions, devices } from "../db/schema.ts";
import { rememberBrowserDevice, rememberedBrowserDevice } from "./browserDeviceCookie.ts";
import { newSecret, sha256Hex } from "./tokens.ts";

export const SESSION_COOKIE = "rs_session";
const SESSION_TTL_S = 30 * 24 * 3600;

/** Signs `userId` in; the request's store must already be theirs (useStore / useUserStore). */
export async function startWebSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const token = newSecret();
  const now = c.get("now");
  const deviceId = await browserDeviceOf(c, userId);
  const tokenHash = await sha256Hex(token);
  const expiresAt = now + SESSION_TTL_S * 1000;
  // Indexed first, so no live session is ever missing from store 0's index.
  await indexSecret(c.get("accounts"), digestKey("session", tokenHash), userId, expiresAt);
  await c
    .get("db")
    .insert(authSessions)
    .values({ tokenHash, userId, deviceId, createdAt: now, expiresAt });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.APP_ENV !== "development",
    path: "/",
    maxAge: SESSION_TTL_S,
  });
  // Seen again: the browser's memory of its device lasts another full term.
  if (deviceId) rememberBrowserDevice(c, deviceId);
}

/** The device this browser already is for `userId`: theirs, a browser, and not revoked. */
async function browserDeviceOf(c: Context<AppEnv>, userId: string): Promise<string | null> {
  const remembered = rememberedBrowserDevice(c);
  if (!remembered) return null;
  const [row] = await c
    .get("db")
    .select({ id: devices.id })
    .from(devices)
    .where(
      and(
        eq(devices.id, remembered),
        eq(devices.userId, userId),
        eq(devices.platform, "web"),
        isNull(devices.revokedAt),
      ),
    );
  return row?.id ?? null;
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

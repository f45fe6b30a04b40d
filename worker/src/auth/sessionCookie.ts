// The web view's session cookie: an opaque 256-bit secret; D1 keeps only its SHA-256 digest.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../appEnv.ts";
import { authSessions } from "../db/schema.ts";
import { newSecret, sha256Hex } from "./tokens.ts";

export const SESSION_COOKIE = "rs_session";
const SESSION_TTL_S = 30 * 24 * 3600;

export async function startWebSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const token = newSecret();
  const now = c.get("now");
  await c
    .get("db")
    .insert(authSessions)
    .values({
      tokenHash: await sha256Hex(token),
      userId,
      createdAt: now,
      expiresAt: now + SESSION_TTL_S * 1000,
    });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.APP_ENV !== "development",
    path: "/",
    maxAge: SESSION_TTL_S,
  });
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

// Remembers which sync device a browser is, across sign-outs: a browser that signs in again
// reuses its device (and its seq numbering) instead of adding another one to the devices page.
// The cookie only names a device; it is honoured only for its owner's live web devices.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../appEnv.ts";

const BROWSER_DEVICE_COOKIE = "rs_browser";
/** Browsers cap cookie lifetimes at about 400 days. */
const BROWSER_DEVICE_TTL_S = 400 * 24 * 3600;
const DEVICE_ID = /^[0-9A-Za-z_-]{1,64}$/;

export function rememberBrowserDevice(c: Context<AppEnv>, deviceId: string): void {
  setCookie(c, BROWSER_DEVICE_COOKIE, deviceId, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.APP_ENV !== "development",
    path: "/",
    maxAge: BROWSER_DEVICE_TTL_S,
  });
}

/** The device this browser was last, if the cookie holds something shaped like a device id. */
export function rememberedBrowserDevice(c: Context<AppEnv>): string | null {
  const id = getCookie(c, BROWSER_DEVICE_COOKIE);
  return id && DEVICE_ID.test(id) ? id : null;
}

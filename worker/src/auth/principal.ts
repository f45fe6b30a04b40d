// Resolves the caller from a Bearer device token or the session cookie; rejects cookie writes
// that do not come from this origin (CSRF).
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../appEnv.ts";
import { digestKey } from "../db/accountIndex.ts";
import { authSessions, devices } from "../db/schema.ts";
import { storeOfKey, useStore } from "../db/userStore.ts";
import { ApiError } from "../http/apiError.ts";
import { readSessionCookie } from "./sessionCookie.ts";
import { sha256Hex } from "./tokens.ts";

const unauthorized = () =>
  new ApiError(401, "unauthorized", "Sign in, or send a valid device token as a Bearer header.");

/**
 * The caller, found through store 0's index and confirmed by their own store, which then
 * becomes the request's store (c.var.db, c.var.d1).
 */
export async function resolvePrincipal(c: Context<AppEnv>): Promise<Principal | null> {
  const auth = c.req.header("authorization");
  if (auth !== undefined) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})$/i.exec(auth.trim());
    if (!match?.[1]) return null;
    const hash = await sha256Hex(match[1]);
    const found = await storeOfKey(c, digestKey("device", hash));
    const { db, owner } = found;
    const [device] = await db
      .select({ id: devices.id, userId: devices.userId })
      .from(devices)
      .where(and(eq(devices.tokenHash, hash), isNull(devices.revokedAt)))
      .limit(1);
    if (!device || (owner && owner.userId !== device.userId)) return null;
    useStore(c, found);
    return { kind: "device", userId: device.userId, deviceId: device.id };
  }
  const cookie = readSessionCookie(c);
  if (!cookie) return null;
  const hash = await sha256Hex(cookie);
  const found = await storeOfKey(c, digestKey("session", hash));
  const { db, owner } = found;
  const [session] = await db
    .select({ userId: authSessions.userId, deviceId: authSessions.deviceId })
    .from(authSessions)
    .where(and(eq(authSessions.tokenHash, hash), gt(authSessions.expiresAt, c.get("now"))))
    .limit(1);
  if (!session || (owner && owner.userId !== session.userId)) return null;
  useStore(c, found);
  return { kind: "web", userId: session.userId, sessionHash: hash, deviceId: session.deviceId };
}

/** A cookie-authenticated write must come from a page of this origin. */
export function assertSameOrigin(c: Context<AppEnv>): void {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  const origin = c.req.header("origin");
  const own = new URL(c.req.url).origin;
  if (origin !== undefined) {
    if (origin === own) return;
  } else if (c.req.header("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new ApiError(403, "forbidden", "Cross-site request refused: the Origin does not match.");
}

/** Requires a caller; `web` callers must also pass the same-origin check on writes. */
export function requireAuth(
  options: { web?: boolean; device?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  const allowWeb = options.web ?? true;
  const allowDevice = options.device ?? true;
  return async (c, next) => {
    const principal = await resolvePrincipal(c);
    if (!principal) throw unauthorized();
    if (principal.kind === "web" && !allowWeb) throw unauthorized();
    if (principal.kind === "device" && !allowDevice) throw unauthorized();
    if (principal.kind === "web") assertSameOrigin(c);
    c.set("principal", principal);
    await next();
  };
}

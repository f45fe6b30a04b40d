// Handlers of the pairing and device routes (specs and wiring in devices.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import {
  formatUserCode,
  PAIRING_EXPIRES_S,
  PAIRING_INTERVAL_S,
  type PairRequest,
  type PendingDeviceView,
} from "@runstrong/shared/schemas";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { AppEnv } from "../../appEnv.ts";
import { clientIp, hit, LIMITS } from "../../auth/rateLimit.ts";
import { newId, newSecret, newUserCode, sha256Hex } from "../../auth/tokens.ts";
import { digestKey, dropKeys, indexSecret } from "../../db/accountIndex.ts";
import type { Database } from "../../db/client.ts";
import { authSessions, devices, pairings } from "../../db/schema.ts";
import { useUserStore } from "../../db/userStore.ts";
import { ApiError } from "../../http/apiError.ts";
import type {
  approveRoute,
  denyRoute,
  listRoute,
  pairRoute,
  pendingRoute,
  revokeRoute,
  tokenRoute,
} from "./devices.routes.ts";
import { pollOutcome } from "./pairingPoll.ts";

async function findLivePairing(db: Database, userCode: string, now: number) {
  const [row] = await db
    .select()
    .from(pairings)
    .where(and(eq(pairings.userCode, userCode), eq(pairings.status, "pending")));
  if (!row || row.expiresAt <= now) {
    throw new ApiError(
      404,
      "not_found",
      "No device is waiting with this code; it may have expired.",
    );
  }
  return row;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const startPairing: RouteHandler<typeof pairRoute, AppEnv> = async (c) => {
  const { name, platform } = c.req.valid("json");
  // Pairings come before any user: they live in store 0.
  const db = c.get("accounts");
  const now = c.get("now");
  await hit(db, `pair:ip:${clientIp(c.req)}`, LIMITS.pairPerIp, now);
  // Expired codes free their user code for reuse.
  await db.delete(pairings).where(lt(pairings.expiresAt, now - 3600_000));
  const deviceCode = newSecret();
  let userCode = newUserCode();
  for (let attempt = 0; ; attempt++) {
    try {
      await db.insert(pairings).values({
        deviceCodeHash: await sha256Hex(deviceCode),
        userCode,
        name,
        platform,
        status: "pending",
        createdAt: now,
        expiresAt: now + PAIRING_EXPIRES_S * 1000,
      });
      break;
    } catch (err) {
      if (attempt >= 4 || !String(err).includes("UNIQUE")) throw err;
      userCode = newUserCode();
    }
  }
  const origin = new URL(c.req.url).origin;
  const shown = formatUserCode(userCode);
  return c.json(
    {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: `${origin}/pair`,
      verification_uri_complete: `${origin}/pair?code=${shown}`,
      expires_in: PAIRING_EXPIRES_S,
      interval: PAIRING_INTERVAL_S,
    },
    200,
  );
};

export const exchangeCode: RouteHandler<typeof tokenRoute, AppEnv> = async (c) => {
  const { device_code } = c.req.valid("json");
  const db = c.get("accounts");
  const now = c.get("now");
  await hit(db, `token:ip:${clientIp(c.req)}`, LIMITS.tokenPollPerIp, now);
  const hash = await sha256Hex(device_code);
  const [row] = await db.select().from(pairings).where(eq(pairings.deviceCodeHash, hash));
  const outcome = pollOutcome(row, now);
  if (row && outcome.kind !== "issue") {
    await db.update(pairings).set({ lastPollAt: now }).where(eq(pairings.deviceCodeHash, hash));
  }
  if (outcome.kind === "error") {
    return c.json({ error: outcome.error, message: outcome.message }, 400);
  }
  if (!row?.deviceId || !row.userId)
    return c.json({ error: "expired_token", message: "Start pairing again." }, 400);
  const used = () =>
    c.json(
      { error: "expired_token" as const, message: "This code was already exchanged or revoked." },
      400,
    );
  // The pairing (store 0) is consumed first: two polls racing for one approval cannot both
  // get a token. The device itself lives in its user's store.
  const consumed = await db
    .update(pairings)
    .set({ status: "consumed", lastPollAt: now })
    .where(and(eq(pairings.deviceCodeHash, hash), eq(pairings.status, "approved")))
    .returning({ deviceId: pairings.deviceId });
  if (consumed.length !== 1) return used();
  const accessToken = newSecret();
  const tokenHash = await sha256Hex(accessToken);
  const key = digestKey("device", tokenHash);
  await indexSecret(db, key, row.userId);
  const home = await useUserStore(c, row.userId);
  const claim = await home.db
    .update(devices)
    .set({ tokenHash, lastSeen: now })
    .where(
      and(
        eq(devices.id, row.deviceId),
        eq(devices.userId, row.userId),
        isNull(devices.tokenHash),
        // A device revoked between approval and exchange must not get a token.
        isNull(devices.revokedAt),
      ),
    );
  if (claim.meta.changes !== 1) {
    await dropKeys(db, [key]);
    return used();
  }
  return c.json(
    { access_token: accessToken, token_type: "Bearer" as const, device_id: row.deviceId },
    200,
  );
};

export const lookUpPairing: RouteHandler<typeof pendingRoute, AppEnv> = async (c) => {
  const { user_code } = c.req.valid("query");
  const db = c.get("accounts");
  const now = c.get("now");
  // Looking a code up is an approval attempt too (it tells whether a code exists).
  await hit(db, `approve:user:${c.get("principal").userId}`, LIMITS.approvePerUser, now);
  await hit(db, `approve:ip:${clientIp(c.req)}`, LIMITS.approvePerIp, now);
  const row = await findLivePairing(db, user_code, now);
  return c.json(
    {
      name: row.name,
      platform: row.platform as PendingDeviceView["platform"],
      user_code: formatUserCode(row.userCode),
      expires_at: iso(row.expiresAt),
    },
    200,
  );
};

export const approvePairing: RouteHandler<typeof approveRoute, AppEnv> = async (c) => {
  const { user_code } = c.req.valid("json");
  const accounts = c.get("accounts");
  const db = c.get("db");
  const now = c.get("now");
  const { userId } = c.get("principal");
  await hit(accounts, `approve:user:${userId}`, LIMITS.approvePerUser, now);
  await hit(accounts, `approve:ip:${clientIp(c.req)}`, LIMITS.approvePerIp, now);
  const row = await findLivePairing(accounts, user_code, now);
  const deviceId = newId();
  // The device (the user's store) exists before the pairing (store 0) names it, so a poll
  // that sees the approval always finds the device.
  await db.insert(devices).values({
    id: deviceId,
    userId,
    name: row.name,
    platform: row.platform,
    createdAt: now,
  });
  const claimed = await accounts
    .update(pairings)
    .set({ status: "approved", userId, deviceId })
    .where(and(eq(pairings.deviceCodeHash, row.deviceCodeHash), eq(pairings.status, "pending")))
    .returning({ deviceId: pairings.deviceId });
  if (claimed.length !== 1) {
    await db.delete(devices).where(eq(devices.id, deviceId));
    throw new ApiError(
      404,
      "not_found",
      "No device is waiting with this code; it may have expired.",
    );
  }
  return c.json(
    {
      device: { id: deviceId, name: row.name, platform: row.platform as PairRequest["platform"] },
    },
    200,
  );
};

export const denyPairing: RouteHandler<typeof denyRoute, AppEnv> = async (c) => {
  const { user_code } = c.req.valid("json");
  const db = c.get("accounts");
  const now = c.get("now");
  await hit(db, `approve:user:${c.get("principal").userId}`, LIMITS.approvePerUser, now);
  await hit(db, `approve:ip:${clientIp(c.req)}`, LIMITS.approvePerIp, now);
  const row = await findLivePairing(db, user_code, now);
  await db
    .update(pairings)
    .set({ status: "denied" })
    .where(eq(pairings.deviceCodeHash, row.deviceCodeHash));
  return c.json({ denied: true as const }, 200);
};

export const listDevices: RouteHandler<typeof listRoute, AppEnv> = async (c) => {
  const rows = await c
    .get("db")
    .select()
    .from(devices)
    .where(and(eq(devices.userId, c.get("principal").userId), isNull(devices.revokedAt)))
    .orderBy(devices.createdAt);
  return c.json(
    {
      devices: rows.map((d) => ({
        id: d.id,
        name: d.name,
        platform: d.platform as PairRequest["platform"],
        created_at: iso(d.createdAt),
        last_seen: d.lastSeen === null ? null : iso(d.lastSeen),
        last_seq: d.lastSeq,
      })),
    },
    200,
  );
};

export const revokeDevice: RouteHandler<typeof revokeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { userId } = c.get("principal");
  const db = c.get("db");
  // Revoking a browser's device signs that browser out too: otherwise it would stay signed
  // in with every push refused.
  const [tokens, revoked] = await db.batch([
    db
      .select({ tokenHash: devices.tokenHash })
      .from(devices)
      .where(and(eq(devices.id, id), eq(devices.userId, userId), isNull(devices.revokedAt))),
    db
      .update(devices)
      .set({ revokedAt: c.get("now"), tokenHash: null })
      .where(and(eq(devices.id, id), eq(devices.userId, userId), isNull(devices.revokedAt)))
      .returning({ id: devices.id }),
    db
      .delete(authSessions)
      .where(and(eq(authSessions.deviceId, id), eq(authSessions.userId, userId))),
  ]);
  if (revoked.length === 0) throw new ApiError(404, "not_found", "No such device.");
  const hashes = tokens.flatMap((t) => (t.tokenHash ? [digestKey("device", t.tokenHash)] : []));
  await dropKeys(c.get("accounts"), hashes);
  return c.body(null, 204);
};

// The web view pushes as a device of its own: one per browser, made on its first sync and
// named after the browser; signing in again in the same browser reuses it (startWebSession).
import type { Context } from "hono";
import type { AppEnv, Principal } from "../../appEnv.ts";
import { rememberBrowserDevice } from "../../auth/browserDeviceCookie.ts";
import { browserDeviceName } from "../../auth/browserName.ts";
import { newId } from "../../auth/tokens.ts";

export async function webDeviceId(
  c: Context<AppEnv>,
  p: Extract<Principal, { kind: "web" }>,
): Promise<string> {
  if (p.deviceId) return p.deviceId;
  const id = newId();
  const now = c.get("now");
  const name = browserDeviceName(c.req.header("user-agent") ?? "");
  const d1 = c.get("d1");
  // The session row only adopts the new device if it has none yet, so two first pushes at
  // once end up with one device.
  await d1.batch([
    d1
      .prepare(
        "INSERT INTO devices (id, user_id, name, platform, last_seq, created_at) SELECT ?1, ?2, ?3, 'web', 0, ?4 WHERE EXISTS (SELECT 1 FROM auth_sessions WHERE token_hash = ?5 AND device_id IS NULL)",
      )
      .bind(id, p.userId, name, now, p.sessionHash),
    d1
      .prepare(
        "UPDATE auth_sessions SET device_id = ?1 WHERE token_hash = ?2 AND device_id IS NULL",
      )
      .bind(id, p.sessionHash),
  ]);
  const row = await d1
    .prepare("SELECT device_id FROM auth_sessions WHERE token_hash = ?1")
    .bind(p.sessionHash)
    .first<{ device_id: string }>();
  const deviceId = row?.device_id ?? id;
  c.set("principal", { ...p, deviceId });
  rememberBrowserDevice(c, deviceId);
  return deviceId;
}

/** The device a request writes as: a paired device's own, or this browser's (made on first use). */
export async function pushingDeviceId(c: Context<AppEnv>): Promise<string> {
  const p = c.get("principal");
  return p.kind === "device" ? p.deviceId : webDeviceId(c, p);
}

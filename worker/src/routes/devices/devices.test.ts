// Device pairing (device authorization grant), listing and revocation over the real Worker and D1.
// Time is simulated by moving `pairings.last_poll_at` / `expires_at` in D1.
import { USER_CODE_ALPHABET } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import {
  call,
  dbCount,
  dbRows,
  freshIp,
  numbered,
  type Pairing,
  pairDevice,
  pollToken,
  push,
  sessionStart,
  sha256Hex,
  signUp,
  startPairing,
  type User,
  uid,
} from "../../../test/apiClient.ts";

const ORIGIN = "http://localhost";

async function pairingRow(deviceCode: string) {
  const [row] = await dbRows<{
    status: string;
    user_code: string;
    last_poll_at: number | null;
    expires_at: number;
    device_id: string | null;
    user_id: string | null;
  }>("SELECT * FROM pairings WHERE device_code_hash = ?1", await sha256Hex(deviceCode));
  return row;
}

/** Moves the pairing's last poll `ms` into the past, as if the client had waited. */
async function waitSinceLastPoll(deviceCode: string, ms = 5000) {
  await dbRows(
    "UPDATE pairings SET last_poll_at = last_poll_at - ?1 WHERE device_code_hash = ?2",
    ms,
    await sha256Hex(deviceCode),
  );
}

/** Makes the pairing expire now. */
async function expirePairing(deviceCode: string) {
  await dbRows(
    "UPDATE pairings SET expires_at = ?1 WHERE device_code_hash = ?2",
    Date.now() - 1,
    await sha256Hex(deviceCode),
  );
}

function approve(user: User, userCode: string, headers: Record<string, string> = {}) {
  return call("POST", "/devices/approve", {
    cookie: user.cookie,
    body: { user_code: userCode },
    headers: { "cf-connecting-ip": freshIp(), ...headers },
  });
}

function deny(user: User, userCode: string) {
  return call("POST", "/devices/deny", {
    cookie: user.cookie,
    body: { user_code: userCode },
    headers: { "cf-connecting-ip": freshIp() },
  });
}

function pendingLookup(user: User, userCode: string, ip = freshIp()) {
  return call("GET", `/devices/pending?user_code=${encodeURIComponent(userCode)}`, {
    cookie: user.cookie,
    headers: { "cf-connecting-ip": ip },
  });
}

const listDevices = (auth: { cookie?: string; token?: string }) => call("GET", "/devices", auth);

describe("pairing start", () => {
  it("answers device_code, a XXXX-XXXX user_code, verification URIs, expires_in 600 and interval 5", async () => {
    const res = await call("POST", "/devices/pair", {
      body: { name: "Amazfit GTR", platform: "zepp" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(200);
    const body = res.body as Pairing;
    expect(Object.keys(body).sort()).toEqual([
      "device_code",
      "expires_in",
      "interval",
      "user_code",
      "verification_uri",
      "verification_uri_complete",
    ]);
    expect(body.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(body.expires_in).toBe(600);
    expect(body.interval).toBe(5);
    // ≥ 128 random bits: at least 22 base64url characters.
    expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(body.verification_uri).toBe(`${ORIGIN}/pair`);
    const complete = new URL(body.verification_uri_complete);
    expect(`${complete.origin}${complete.pathname}`).toBe(body.verification_uri);
    expect(complete.searchParams.get("code")).toBe(body.user_code);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("user codes only use the look-alike-free alphabet and differ between pairings", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const { user_code } = await startPairing(`watch ${i}`, "zepp");
      const chars = user_code.replace("-", "");
      expect(chars).toHaveLength(8);
      for (const ch of chars) expect(USER_CODE_ALPHABET).toContain(ch);
      for (const ch of "0O1IL2Z5S8B") expect(chars).not.toContain(ch);
      codes.add(user_code);
    }
    expect(codes.size).toBe(25);
  });

  it("stores the device code only as its SHA-256 digest", async () => {
    const p = await startPairing("Digest watch", "fitbit");
    const row = await pairingRow(p.device_code);
    expect(row).toBeDefined();
    expect(row?.status).toBe("pending");
    const all = JSON.stringify(await dbRows("SELECT * FROM pairings"));
    expect(all).not.toContain(p.device_code);
  });

  it("a platform outside the enum is 400 invalid_body with an issue on `platform`, nothing stored", async () => {
    const before = await dbCount("pairings");
    for (const platform of ["garmin", "ZEPP", "", 3, null]) {
      const res = await call("POST", "/devices/pair", {
        body: { name: "Some watch", platform },
        headers: { "cf-connecting-ip": freshIp() },
      });
      expect(res.status, String(platform)).toBe(400);
      expect(res.body.error).toBe("invalid_body");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("platform");
    }
    const blankName = await call("POST", "/devices/pair", {
      body: { name: "   ", platform: "cli" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(blankName.status).toBe(400);
    expect(blankName.body.issues.map((i: { path: string }) => i.path)).toContain("name");
    expect(await dbCount("pairings")).toBe(before);
  });

  it("every platform of the enum is accepted", async () => {
    for (const platform of ["zepp", "fitbit", "web", "sim", "cli"]) {
      await expect(startPairing(`a ${platform}`, platform)).resolves.toHaveProperty("user_code");
    }
  });

  it("pairing starts are rate limited per IP: 429 rate_limited with Retry-After after 30", async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) await startPairing(`burst ${i}`, "sim", ip);
    const over = await call("POST", "/devices/pair", {
      body: { name: "one too many", platform: "sim" },
      headers: { "cf-connecting-ip": ip },
    });
    expect(over.status).toBe(429);
    expect(over.body.error).toBe("rate_limited");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("token polling", () => {
  it("before approval: 400 authorization_pending", async () => {
    const p = await startPairing();
    const res = await pollToken(p.device_code);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "authorization_pending", message: expect.any(String) });
  });

  it("polling again within 5 s is 400 slow_down; after the interval it is pending again", async () => {
    const p = await startPairing();
    expect((await pollToken(p.device_code)).body.error).toBe("authorization_pending");
    const fast = await pollToken(p.device_code);
    expect(fast.status).toBe(400);
    expect(fast.body).toEqual({ error: "slow_down", message: expect.any(String) });
    await waitSinceLastPoll(p.device_code, 4000);
    expect((await pollToken(p.device_code)).body.error).toBe("slow_down");
    await waitSinceLastPoll(p.device_code, 5000);
    const later = await pollToken(p.device_code);
    expect(later.status).toBe(400);
    expect(later.body.error).toBe("authorization_pending");
  });

  it("an unknown device code is 400 expired_token", async () => {
    const res = await pollToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("expired_token");
  });

  it("after approval the token is given once (200 Bearer), a second exchange is 400 expired_token", async () => {
    const user = await signUp();
    const p = await startPairing("Versa 4", "fitbit");
    expect((await pollToken(p.device_code)).body.error).toBe("authorization_pending");
    const approved = await approve(user, p.user_code);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({
      device: { id: expect.any(String), name: "Versa 4", platform: "fitbit" },
    });
    await waitSinceLastPoll(p.device_code);
    const first = await pollToken(p.device_code);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      token_type: "Bearer",
      device_id: approved.body.device.id,
    });
    const me = await call("GET", "/me", { token: first.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    await waitSinceLastPoll(p.device_code);
    const second = await pollToken(p.device_code);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("expired_token");
    expect(second.body).not.toHaveProperty("access_token");
    // Even right away (no waiting), a used code never yields a token.
    const third = await pollToken(p.device_code);
    expect(third.status).toBe(400);
    expect(third.body.error).toBe("expired_token");
  });

  it("two polls racing for one approval: exactly one gets a token", async () => {
    const user = await signUp();
    const p = await startPairing();
    expect((await approve(user, p.user_code)).status).toBe(200);
    const results = await Promise.all([pollToken(p.device_code), pollToken(p.device_code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it("a denied pairing polls 400 access_denied and can no longer be approved", async () => {
    const user = await signUp();
    const p = await startPairing();
    const denied = await deny(user, p.user_code);
    expect(denied.status).toBe(200);
    expect(denied.body).toEqual({ denied: true });
    const res = await pollToken(p.device_code);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "access_denied", message: expect.any(String) });
    const late = await approve(user, p.user_code);
    expect(late.status).toBe(404);
    expect(late.body.error).toBe("not_found");
    expect(await dbCount("devices WHERE user_id = ?1", user.id)).toBe(0);
  });

  it("an expired code polls 400 expired_token; approve, deny and lookup are 404", async () => {
    const user = await signUp();
    const p = await startPairing();
    await expirePairing(p.device_code);
    const res = await pollToken(p.device_code);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("expired_token");
    for (const r of [
      await approve(user, p.user_code),
      await deny(user, p.user_code),
      await pendingLookup(user, p.user_code),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: "not_found", message: expect.any(String) });
    }
    expect(await dbCount("devices WHERE user_id = ?1", user.id)).toBe(0);
  });

  it("an approved pairing that expires before the exchange yields no token", async () => {
    const user = await signUp();
    const p = await startPairing();
    expect((await approve(user, p.user_code)).status).toBe(200);
    await expirePairing(p.device_code);
    const res = await pollToken(p.device_code);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("expired_token");
  });

  it("a device revoked between approval and the exchange gets no usable token", async () => {
    const user = await signUp();
    const p = await startPairing();
    const approved = await approve(user, p.user_code);
    expect(approved.status).toBe(200);
    const revoked = await call("DELETE", `/devices/${approved.body.device.id}`, {
      cookie: user.cookie,
    });
    expect(revoked.status).toBe(204);
    const res = await pollToken(p.device_code);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("expired_token");
    expect(res.body).not.toHaveProperty("access_token");
  });
});

describe("approval", () => {
  it("the pending lookup shows name and platform and normalises the code (case, spaces, dashes)", async () => {
    const user = await signUp();
    const p = await startPairing("Kitchen Fitbit", "fitbit");
    const raw = p.user_code.replace("-", "");
    const variants = [
      p.user_code,
      p.user_code.toLowerCase(),
      `${raw.slice(0, 4)} ${raw.slice(4)}`.toLowerCase(),
      `  ${raw.slice(0, 2)}-${raw.slice(2, 6)}-${raw.slice(6)} `,
      raw,
    ];
    const ip = freshIp();
    for (const v of variants) {
      const res = await pendingLookup(user, v, ip);
      expect(res.status, v).toBe(200);
      expect(res.body).toEqual({
        name: "Kitchen Fitbit",
        platform: "fitbit",
        user_code: p.user_code,
        expires_at: expect.any(String),
      });
    }
    // The lookup does not approve.
    expect((await pairingRow(p.device_code))?.status).toBe("pending");
  });

  it("approve and deny accept the code in any case and spacing", async () => {
    const user = await signUp();
    const a = await startPairing("Lower", "sim");
    const raw = a.user_code.replace("-", "").toLowerCase();
    const ok = await approve(user, `${raw.slice(0, 4)} ${raw.slice(4)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.device.name).toBe("Lower");
    const b = await startPairing("Dashes", "sim");
    expect((await deny(user, b.user_code.toLowerCase())).status).toBe(200);
    expect((await pairingRow(b.device_code))?.status).toBe("denied");
  });

  it("a malformed code is 400 (invalid_query on lookup, invalid_body on approve); an unknown one is 404", async () => {
    const user = await signUp();
    const badLookup = await pendingLookup(user, "ABC");
    expect(badLookup.status).toBe(400);
    expect(badLookup.body.error).toBe("invalid_query");
    const badApprove = await approve(user, "not a code!");
    expect(badApprove.status).toBe(400);
    expect(badApprove.body.error).toBe("invalid_body");
    expect(badApprove.body.issues.map((i: { path: string }) => i.path)).toContain("user_code");
    const unknown = await approve(user, "AAAA-AAAA");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("not_found");
  });

  it("a code approved by one user cannot be approved again (by anyone)", async () => {
    const alice = await signUp();
    const mallory = await signUp();
    const p = await startPairing();
    expect((await approve(alice, p.user_code)).status).toBe(200);
    const again = await approve(mallory, p.user_code);
    expect(again.status).toBe(404);
    expect(await dbCount("devices WHERE user_id = ?1", mallory.id)).toBe(0);
    const token = await pollToken(p.device_code);
    expect(token.status).toBe(200);
    const me = await call("GET", "/me", { token: token.body.access_token });
    expect(me.body.user.id).toBe(alice.id);
  });

  it("approve without a session is 401 and leaves the pairing pending", async () => {
    const p = await startPairing();
    const res = await call("POST", "/devices/approve", {
      body: { user_code: p.user_code },
      headers: { "cf-connecting-ip": freshIp(), origin: ORIGIN },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
    const lookup = await call("GET", `/devices/pending?user_code=${p.user_code}`);
    expect(lookup.status).toBe(401);
    expect((await pairingRow(p.device_code))?.status).toBe("pending");
  });

  it("approve with the cookie but without an Origin header is 403 (CSRF), nothing approved", async () => {
    const user = await signUp();
    const p = await startPairing();
    const res = await call("POST", "/devices/approve", {
      body: { user_code: p.user_code },
      headers: { cookie: user.cookie, "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: "forbidden", message: expect.any(String) });
    expect((await pairingRow(p.device_code))?.status).toBe("pending");
    expect(await dbCount("devices WHERE user_id = ?1", user.id)).toBe(0);
  });

  it("approve and deny with the cookie from a foreign Origin are 403", async () => {
    const user = await signUp();
    const p = await startPairing();
    for (const origin of ["https://evil.example", "http://localhost:8787", "null"]) {
      for (const path of ["/devices/approve", "/devices/deny"]) {
        const res = await call("POST", path, {
          cookie: user.cookie,
          body: { user_code: p.user_code },
          headers: { origin, "sec-fetch-site": "cross-site", "cf-connecting-ip": freshIp() },
        });
        expect(res.status, `${path} from ${origin}`).toBe(403);
      }
    }
    expect((await pairingRow(p.device_code))?.status).toBe("pending");
  });

  it("a Bearer (device) request needs no Origin header", async () => {
    const user = await signUp();
    const cli = await pairDevice(user, "laptop", "cli");
    const p = await startPairing("Second watch", "zepp");
    const res = await call("POST", "/devices/approve", {
      token: cli.token,
      body: { user_code: p.user_code },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(200);
    expect(res.body.device.name).toBe("Second watch");
    const list = await listDevices({ token: cli.token });
    expect(list.status).toBe(200);
    expect(list.body.devices.map((d: { name: string }) => d.name).sort()).toEqual([
      "Second watch",
      "laptop",
    ]);
  });

  it("approval attempts are rate limited per user: after 10, 429 rate_limited with Retry-After", async () => {
    const user = await signUp();
    for (let i = 0; i < 10; i++) {
      // A new IP each time, so only the per-user budget is spent.
      expect((await approve(user, "AAAA-AAAA")).status).toBe(404);
    }
    const p = await startPairing();
    const blocked = await approve(user, p.user_code);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: "rate_limited", message: expect.any(String) });
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await pairingRow(p.device_code))?.status).toBe("pending");
    // Code lookups and denials of this user are limited too.
    expect((await pendingLookup(user, p.user_code)).status).toBe(429);
    expect((await deny(user, p.user_code)).status).toBe(429);
    // Another user is not affected.
    expect((await approve(await signUp(), p.user_code)).status).toBe(200);
  });

  it("approval attempts are rate limited per IP: after 20 from one IP (several users), 429", async () => {
    const ip = freshIp();
    const users = [await signUp(), await signUp(), await signUp()];
    for (let i = 0; i < 20; i++) {
      const user = users[i % 3] as User;
      const res = await approve(user, "AAAA-AAAA", { "cf-connecting-ip": ip });
      expect(res.status).toBe(404);
    }
    const p = await startPairing();
    const blocked = await approve(users[0] as User, p.user_code, { "cf-connecting-ip": ip });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe("rate_limited");
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("code guessing through lookups and denials also counts against the per-IP limit", async () => {
    const ip = freshIp();
    const users = [await signUp(), await signUp(), await signUp()];
    for (let i = 0; i < 20; i++) {
      const user = users[i % 3] as User;
      const res =
        i % 2 === 0
          ? await pendingLookup(user, "AAAA-AAAA", ip)
          : await call("POST", "/devices/deny", {
              cookie: user.cookie,
              body: { user_code: "AAAA-AAAA" },
              headers: { "cf-connecting-ip": ip },
            });
      expect(res.status).toBe(404);
    }
    const fresh = await signUp();
    const blocked = await pendingLookup(fresh, "AAAA-AAAA", ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe("rate_limited");
  });
});

describe("device list and revocation", () => {
  it("stores device tokens only as SHA-256 digests", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const [row] = await dbRows<{ token_hash: string }>(
      "SELECT token_hash FROM devices WHERE id = ?1",
      watch.id,
    );
    expect(row?.token_hash).toBe(await sha256Hex(watch.token));
    const everything = JSON.stringify([
      await dbRows("SELECT * FROM devices"),
      await dbRows("SELECT * FROM pairings"),
      await dbRows("SELECT * FROM auth_sessions"),
    ]);
    expect(everything).not.toContain(watch.token);
  });

  it("GET /devices lists the user's devices with name, platform, last_seen and last_seq", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "Balance 2", "zepp");
    const cli = await pairDevice(user, "terminal", "cli");
    const s = uid("s");
    expect((await push(watch, numbered(1, [sessionStart(s), sessionStart(uid("s"))]))).status).toBe(
      200,
    );
    const res = await listDevices({ cookie: user.cookie });
    expect(res.status).toBe(200);
    expect(res.body.devices).toHaveLength(2);
    const byId = Object.fromEntries(
      res.body.devices.map((d: { id: string }) => [d.id, d]),
    ) as Record<string, Record<string, unknown>>;
    expect(byId[watch.id]).toEqual({
      id: watch.id,
      name: "Balance 2",
      platform: "zepp",
      created_at: expect.any(String),
      last_seen: expect.any(String),
      last_seq: 2,
    });
    expect(byId[cli.id]).toMatchObject({ name: "terminal", platform: "cli", last_seq: 0 });
    for (const d of res.body.devices) {
      expect(Number.isNaN(Date.parse(d.created_at))).toBe(false);
      expect(Number.isNaN(Date.parse(d.last_seen))).toBe(false);
      expect(JSON.stringify(d)).not.toMatch(/token/i);
    }
    // Devices answer for the same list.
    expect((await listDevices({ token: cli.token })).body).toEqual(res.body);
  });

  it("GET /devices never shows another user's devices and needs credentials", async () => {
    const alice = await signUp();
    const bob = await signUp();
    await pairDevice(alice, "alice watch");
    await pairDevice(bob, "bob watch");
    const list = await listDevices({ cookie: bob.cookie });
    expect(list.body.devices.map((d: { name: string }) => d.name)).toEqual(["bob watch"]);
    const anon = await call("GET", "/devices");
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe("unauthorized");
  });

  it("DELETE /devices/:id revokes: 204, the token is 401 at once, and the device leaves the list", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "to revoke");
    const keep = await pairDevice(user, "to keep");
    expect((await call("GET", "/me", { token: watch.token })).status).toBe(200);
    const res = await call("DELETE", `/devices/${watch.id}`, { cookie: user.cookie });
    expect(res.status).toBe(204);
    const me = await call("GET", "/me", { token: watch.token });
    expect(me.status).toBe(401);
    expect(me.body.error).toBe("unauthorized");
    expect((await push(watch, numbered(1, [sessionStart(uid("s"))]))).status).toBe(401);
    expect((await call("GET", "/sync/pull", { token: watch.token })).status).toBe(401);
    const list = await listDevices({ cookie: user.cookie });
    expect(list.body.devices.map((d: { id: string }) => d.id)).toEqual([keep.id]);
    expect((await call("GET", "/me", { token: keep.token })).status).toBe(200);
    // Revoking twice: the device is gone.
    const again = await call("DELETE", `/devices/${watch.id}`, { cookie: user.cookie });
    expect(again.status).toBe(404);
  });

  it("a device can revoke itself with its own token", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    expect((await call("DELETE", `/devices/${watch.id}`, { token: watch.token })).status).toBe(204);
    expect((await call("GET", "/me", { token: watch.token })).status).toBe(401);
  });

  it("DELETE of another user's or an unknown device is 404 and revokes nothing", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const aliceWatch = await pairDevice(alice);
    const res = await call("DELETE", `/devices/${aliceWatch.id}`, { cookie: bob.cookie });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: expect.any(String) });
    const unknown = await call("DELETE", "/devices/no-such-device", { cookie: bob.cookie });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(res.body);
    expect((await call("GET", "/me", { token: aliceWatch.token })).status).toBe(200);
  });

  it("DELETE with the cookie but from a foreign Origin is 403 and the device keeps working", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const res = await call("DELETE", `/devices/${watch.id}`, {
      cookie: user.cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    const noOrigin = await call("DELETE", `/devices/${watch.id}`, {
      headers: { cookie: user.cookie },
    });
    expect(noOrigin.status).toBe(403);
    expect((await call("GET", "/me", { token: watch.token })).status).toBe(200);
  });
});

describe("revoking a browser's own device", () => {
  it("signs that browser out, so it is never left signed in with every push refused", async () => {
    const { call, cookieOf, signUp, logIn } = await import("../../../test/apiClient.ts");
    const user = await signUp();
    const laptop = cookieOf(await logIn(user.email));
    const first = await call("POST", "/sync/push", {
      cookie: laptop,
      body: { schema: 1, mutations: [{ seq: 1, op: "settings.put", args: { units: "metric" } }] },
    });
    expect(first.status).toBe(200);
    const list = await call("GET", "/devices", { cookie: user.cookie });
    const web = list.body.devices.find((d: { platform: string }) => d.platform === "web");
    expect(web).toBeDefined();
    expect((await call("DELETE", `/devices/${web.id}`, { cookie: user.cookie })).status).toBe(204);
    const me = await call("GET", "/me", { cookie: laptop });
    expect(me.status).toBe(401);
    // The browser that revoked it is still signed in.
    expect((await call("GET", "/me", { cookie: user.cookie })).status).toBe(200);
  });
});

// Accounts over the real Worker and D1: sign-up, sign-in, sessions, password change, deletion,
// rate limits and what is (not) stored.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  cookieOf,
  dbCount,
  dbRows,
  freshIp,
  logIn,
  numbered,
  pairDevice,
  push,
  sessionStart,
  setLog,
  sha256Hex,
  signUp,
  TEST_PASSWORD,
  uid,
  uniqueEmail,
} from "../../../test/apiClient.ts";
import { createApp } from "../../app.ts";

function signupCall(email: string, password = TEST_PASSWORD, ip = freshIp()) {
  return call("POST", "/auth/signup", {
    body: { email, password },
    headers: { "cf-connecting-ip": ip },
  });
}

/** The attributes of a Set-Cookie header, lower-cased names, e.g. {httponly: "", path: "/"}. */
function cookieAttributes(setCookie: string): Record<string, string> {
  const [, ...attrs] = setCookie.split(";");
  return Object.fromEntries(
    attrs.map((a) => {
      const [k = "", ...v] = a.trim().split("=");
      return [k.toLowerCase(), v.join("=")];
    }),
  );
}

const me = (auth: { cookie?: string; token?: string }) => call("GET", "/me", auth);

describe("sign-up", () => {
  it("answers 201 with the user and an HttpOnly, SameSite=Lax session cookie (no Secure in development)", async () => {
    const email = uniqueEmail();
    const res = await signupCall(email);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ user: { id: expect.any(String), email } });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^rs_session=[A-Za-z0-9_-]{43};/);
    const attrs = cookieAttributes(setCookie);
    expect(attrs).toHaveProperty("httponly");
    expect(attrs.samesite).toBe("Lax");
    expect(attrs.path).toBe("/");
    expect(Number(attrs["max-age"])).toBeGreaterThan(0);
    // wrangler.toml sets APP_ENV = "development": plain http://localhost must keep the cookie.
    expect(attrs).not.toHaveProperty("secure");
    const who = await me({ cookie: cookieOf(res) });
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ user: res.body.user });
  });

  it("outside development (APP_ENV=production) the session cookie is also Secure", async () => {
    const app = createApp();
    const res = await app.fetch(
      new Request("http://localhost/api/v1/auth/signup", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": freshIp() },
        body: JSON.stringify({ email: uniqueEmail("prod"), password: TEST_PASSWORD }),
      }),
      { ...env, APP_ENV: "production" as never },
    );
    expect(res.status).toBe(201);
    const attrs = cookieAttributes(res.headers.get("set-cookie") ?? "");
    expect(attrs).toHaveProperty("secure");
    expect(attrs).toHaveProperty("httponly");
    expect(attrs.samesite).toBe("Lax");
  });

  it("normalises the email (case and surrounding spaces) on sign-up and sign-in", async () => {
    const local = `Mixed.Case-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const res = await signupCall(`  ${local}@Example.COM \t`);
    expect(res.status).toBe(201);
    const normal = `${local.toLowerCase()}@example.com`;
    expect(res.body.user.email).toBe(normal);
    const [row] = await dbRows<{ email: string }>(
      "SELECT email FROM users WHERE id = ?1",
      res.body.user.id,
    );
    expect(row?.email).toBe(normal);
    const login = await logIn(` ${normal.toUpperCase()} `);
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(res.body.user.id);
    // The same address in another case is the same account.
    const again = await signupCall(normal.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("email_taken");
  });

  it("refuses a password under 8 characters: 400 invalid_body with an issue on `password`, no account", async () => {
    const email = uniqueEmail();
    const res = await signupCall(email, "short77");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_body");
    expect(typeof res.body.message).toBe("string");
    expect(res.body.issues).toEqual(
      expect.arrayContaining([{ path: "password", message: expect.any(String) }]),
    );
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await dbCount("users WHERE email = ?1", email)).toBe(0);
    // Exactly 8 is enough.
    expect((await signupCall(email, "12345678")).status).toBe(201);
  });

  it("refuses an invalid email with an issue on `email`", async () => {
    const res = await signupCall("not-an-email");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_body");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("email");
  });

  it("a second sign-up with a taken email is 409 email_taken and leaves the first account as it was", async () => {
    const email = uniqueEmail();
    const first = await signupCall(email);
    expect(first.status).toBe(201);
    const [before] = await dbRows("SELECT * FROM users WHERE email = ?1", email);
    const second = await signupCall(email, "another password");
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ error: "email_taken", message: expect.any(String) });
    expect(second.headers.get("set-cookie")).toBeNull();
    expect(await dbRows("SELECT * FROM users WHERE email = ?1", email)).toEqual([before]);
    expect((await logIn(email, "another password")).status).toBe(401);
  });

  it("sign-ups are rate limited per IP: after 20 in the window, 429 rate_limited with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await signupCall(uniqueEmail(`burst${i}`), TEST_PASSWORD, ip)).status).toBe(201);
    }
    const email = uniqueEmail("over");
    const over = await signupCall(email, TEST_PASSWORD, ip);
    expect(over.status).toBe(429);
    expect(over.body.error).toBe("rate_limited");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await dbCount("users WHERE email = ?1", email)).toBe(0);
    // Another IP is not affected.
    expect((await signupCall(email)).status).toBe(201);
  });
});

describe("sign-in and sessions", () => {
  it("login with the right password: 200 with the user and a new working session cookie", async () => {
    const user = await signUp();
    const res = await logIn(user.email);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: user.id, email: user.email } });
    const setCookie = res.headers.get("set-cookie") ?? "";
    const attrs = cookieAttributes(setCookie);
    expect(attrs).toHaveProperty("httponly");
    expect(attrs.samesite).toBe("Lax");
    const cookie = cookieOf(res);
    expect(cookie).not.toBe(user.cookie);
    expect((await me({ cookie })).body.user.id).toBe(user.id);
    // The sign-up session is independent and still valid.
    expect((await me({ cookie: user.cookie })).status).toBe(200);
  });

  it("wrong password and unknown email are both 401 with the same body and no cookie", async () => {
    const user = await signUp();
    const wrong = await logIn(user.email, "not the password");
    const unknown = await logIn(uniqueEmail("nobody"), "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: "unauthorized", message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("logout answers 204, clears the cookie, and the old cookie is 401 on /me", async () => {
    const user = await signUp();
    expect((await me({ cookie: user.cookie })).status).toBe(200);
    const out = await call("POST", "/auth/logout", { cookie: user.cookie });
    expect(out.status).toBe(204);
    const cleared = out.headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(/^rs_session=;/);
    expect(cookieAttributes(cleared)["max-age"]).toBe("0");
    const after = await me({ cookie: user.cookie });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe("unauthorized");
    expect(await dbCount("auth_sessions WHERE user_id = ?1", user.id)).toBe(0);
  });

  it("a cross-site logout (foreign Origin) is refused and the session survives", async () => {
    const user = await signUp();
    const res = await call("POST", "/auth/logout", {
      cookie: user.cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await me({ cookie: user.cookie })).status).toBe(200);
  });

  it("/me without credentials, or with an unknown cookie or token, is 401 with the error shape", async () => {
    for (const auth of [
      {},
      { cookie: "rs_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      { token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      { headers: { authorization: "Basic dXNlcjpwYXNz" } },
    ]) {
      const res = await call("GET", "/me", auth);
      expect(res.status, JSON.stringify(auth)).toBe(401);
      expect(res.body).toEqual({ error: "unauthorized", message: expect.any(String) });
    }
  });

  it("an expired session cookie is 401", async () => {
    const user = await signUp();
    expect((await me({ cookie: user.cookie })).status).toBe(200);
    await dbRows(
      "UPDATE auth_sessions SET expires_at = ?1 WHERE user_id = ?2",
      Date.now() - 1,
      user.id,
    );
    const res = await me({ cookie: user.cookie });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
  });

  it("/me answers for a paired device's Bearer token with the owner", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const res = await me({ token: watch.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: user.id, email: user.email } });
  });

  it("stores the password as pbkdf2-sha256$100000$<salt>$<hash>, never in clear, salted per user", async () => {
    const a = await signUp();
    const b = await signUp();
    const rows = await dbRows<{ id: string; password_hash: string }>(
      "SELECT id, password_hash FROM users WHERE id IN (?1, ?2)",
      a.id,
      b.id,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
      expect(row.password_hash).not.toContain(TEST_PASSWORD);
    }
    // Same password, different salt and hash.
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });

  it("stores a session only as the SHA-256 digest of the cookie value", async () => {
    const user = await signUp();
    const secret = user.cookie.slice("rs_session=".length);
    expect(secret.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    const rows = await dbRows<Record<string, unknown>>(
      "SELECT * FROM auth_sessions WHERE user_id = ?1",
      user.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const all = await dbRows("SELECT * FROM auth_sessions");
    expect(JSON.stringify(all)).not.toContain(secret);
  });
});

describe("login rate limit", () => {
  it("after 10 failures for one email from one address, that address gets 429 even with the right password", async () => {
    const user = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await logIn(user.email, `wrong ${i}`, ip)).status).toBe(401);
    }
    const blocked = await logIn(user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: "rate_limited", message: expect.any(String) });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.headers.get("set-cookie")).toBeNull();
    // The owner, from their own address, is not locked out by someone else's typing.
    expect((await logIn(user.email, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it("successful sign-ins do not count: fifteen in a row from one address all succeed", async () => {
    const user = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 15; i++)
      expect((await logIn(user.email, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it("50 failures for one email from many addresses lock that email for the window", async () => {
    const user = await signUp();
    for (let i = 0; i < 50; i++) {
      expect((await logIn(user.email, `wrong ${i}`, freshIp())).status).toBe(401);
    }
    expect((await logIn(user.email, TEST_PASSWORD, freshIp())).status).toBe(429);
    const other = await signUp();
    expect((await logIn(other.email)).status).toBe(200);
  });

  it("after 20 failures from one IP (any emails), the next from that IP is 429", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await logIn(uniqueEmail(`ipburst${i}`), "whatever1", ip)).status).toBe(401);
    }
    const user = await signUp();
    const blocked = await logIn(user.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await logIn(user.email, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it("counts again from zero once the window has passed", async () => {
    const user = await signUp();
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await logIn(user.email, `wrong ${i}`, ip);
    expect((await logIn(user.email, TEST_PASSWORD, ip)).status).toBe(429);
    // Move every window 15 minutes into the past.
    await env.DB.prepare(
      "UPDATE rate_limits SET window_start = window_start - 900001 WHERE instr(key, ?1) > 0",
    )
      .bind(user.email)
      .run();
    expect((await logIn(user.email, TEST_PASSWORD, ip)).status).toBe(200);
  });
});

describe("change password", () => {
  const change = (cookie: string, current: string, next: string, headers = {}) =>
    call("POST", "/account/password", {
      cookie,
      body: { current_password: current, new_password: next },
      headers,
    });

  it("the old password stops working, the new one works, other sessions are signed out, this one stays", async () => {
    const user = await signUp();
    const other = cookieOf(await logIn(user.email));
    expect((await me({ cookie: other })).status).toBe(200);
    const res = await change(user.cookie, TEST_PASSWORD, "a brand new secret");
    expect(res.status).toBe(204);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await logIn(user.email, "a brand new secret")).status).toBe(200);
    expect((await me({ cookie: other })).status).toBe(401);
    expect((await me({ cookie: user.cookie })).status).toBe(200);
  });

  it("a wrong current password is 401 and changes nothing", async () => {
    const user = await signUp();
    const [before] = await dbRows("SELECT password_hash FROM users WHERE id = ?1", user.id);
    const res = await change(user.cookie, "not my password", "a brand new secret");
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
    expect(await dbRows("SELECT password_hash FROM users WHERE id = ?1", user.id)).toEqual([
      before,
    ]);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("a too short new password is 400 invalid_body with an issue on `new_password`", async () => {
    const user = await signUp();
    const res = await change(user.cookie, TEST_PASSWORD, "short");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_body");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("new_password");
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("is refused cross-site (foreign Origin) and for device tokens", async () => {
    const user = await signUp();
    const crossSite = await change(user.cookie, TEST_PASSWORD, "a brand new secret", {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    const watch = await pairDevice(user);
    const byDevice = await call("POST", "/account/password", {
      token: watch.token,
      body: { current_password: TEST_PASSWORD, new_password: "a brand new secret" },
    });
    expect(byDevice.status).toBe(401);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe("delete account", () => {
  async function userWithData() {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const pushed = await push(watch, numbered(1, [sessionStart(s), setLog(uid(), s)]));
    expect(pushed.status).toBe(200);
    return { user, watch };
  }
  const counts = async (userId: string) => ({
    users: await dbCount("users WHERE id = ?1", userId),
    devices: await dbCount("devices WHERE user_id = ?1", userId),
    auth_sessions: await dbCount("auth_sessions WHERE user_id = ?1", userId),
    sessions: await dbCount("sessions WHERE user_id = ?1", userId),
    sets: await dbCount("sets WHERE user_id = ?1", userId),
    sync_state: await dbCount("sync_state WHERE user_id = ?1", userId),
  });

  it("with a wrong password: 401, and the account and its data stay", async () => {
    const { user, watch } = await userWithData();
    const before = await counts(user.id);
    expect(before).toEqual({
      users: 1,
      devices: 1,
      auth_sessions: 1,
      sessions: 1,
      sets: 1,
      sync_state: 1,
    });
    const res = await call("POST", "/account/delete-account", {
      cookie: user.cookie,
      body: { password: "not my password" },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
    expect(await counts(user.id)).toEqual(before);
    expect((await me({ token: watch.token })).status).toBe(200);
    expect((await me({ cookie: user.cookie })).status).toBe(200);
  });

  it("with the right password: 204, user, devices, sessions and sets are gone and every credential is 401", async () => {
    const { user, watch } = await userWithData();
    const other = await userWithData();
    const res = await call("POST", "/account/delete-account", {
      cookie: user.cookie,
      body: { password: TEST_PASSWORD },
    });
    expect(res.status).toBe(204);
    expect(await counts(user.id)).toEqual({
      users: 0,
      devices: 0,
      auth_sessions: 0,
      sessions: 0,
      sets: 0,
      sync_state: 0,
    });
    expect((await me({ token: watch.token })).status).toBe(401);
    expect((await me({ cookie: user.cookie })).status).toBe(401);
    expect((await push(watch, numbered(2, [sessionStart(uid("s"))]))).status).toBe(401);
    expect((await logIn(user.email)).status).toBe(401);
    // Someone else's account is untouched.
    expect((await counts(other.user.id)).sets).toBe(1);
    // The address is free again.
    expect((await signupCall(user.email)).status).toBe(201);
  });

  it("cannot be done with a device token, nor cross-site", async () => {
    const { user, watch } = await userWithData();
    const byDevice = await call("POST", "/account/delete-account", {
      token: watch.token,
      body: { password: TEST_PASSWORD },
    });
    expect(byDevice.status).toBe(401);
    const crossSite = await call("POST", "/account/delete-account", {
      cookie: user.cookie,
      body: { password: TEST_PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await counts(user.id)).users).toBe(1);
  });
});

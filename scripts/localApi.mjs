// A small client of the runstrong API for developer scripts (demo seed, benchmarks): JSON
// calls with the cookie's Origin header, status checks, and pairing through the real flow.

/** `base` is the Worker's origin, e.g. http://127.0.0.1:8787. */
export function localApi(base, { timeoutMs = 30_000 } = {}) {
  const api = `${base}/api/v1`;

  async function call(method, path, { body, cookie, token } = {}) {
    const headers = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (cookie) {
      headers.cookie = cookie;
      // Cookie-authenticated writes must come from the Worker's own origin (CSRF check).
      headers.origin = base;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${api}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** The body of `res` when its status is `status`; otherwise throws naming `what`. */
  function expect(res, status, what) {
    if (res.status !== status) {
      throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  /** Pairs a new device for the signed-in `cookie` and returns its access token. */
  async function pairDevice(cookie, name, platform) {
    const started = expect(
      await call("POST", "/devices/pair", { body: { name, platform } }),
      200,
      "pair",
    );
    expect(
      await call("POST", "/devices/approve", { cookie, body: { user_code: started.user_code } }),
      200,
      "approve",
    );
    const token = expect(
      await call("POST", "/devices/token", { body: { device_code: started.device_code } }),
      200,
      "token",
    );
    return token.access_token;
  }

  return { call, expect, pairDevice };
}

/** The `rs_session=…` pair a sign-up or sign-in response sets ("" when none). */
export function sessionCookie(res) {
  return (
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("rs_session=")) ?? ""
  );
}

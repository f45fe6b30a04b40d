// Bad input on every JSON endpoint: the documented 4xx error shape, never a 5xx, and nothing
// stored changes. Also the security headers every answer carries.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type Device,
  pairDevice,
  type Reply,
  signUp,
  snapshotDb,
  type User,
} from "../../test/apiClient.ts";

type Auth = "none" | "cookie" | "token";
type Endpoint = {
  name: string;
  path: string;
  auth: Auth;
  /** Well-formed JSON whose fields have the wrong types. */
  wrongTypes: unknown;
  /** Fields the wrong-typed body must report in `issues`. */
  wrongPaths: string[];
  /** Body limit in bytes. */
  limit: number;
  /** A body of the right shape padded to `bytes` (used around the limit). */
  padded: (bytes: number) => string;
};

const KiB = 1024;

/** `{...base, pad: "xxx…"}` serialised to exactly `bytes` bytes. */
function padTo(base: Record<string, unknown>, bytes: number): string {
  const empty = JSON.stringify({ ...base, pad: "" });
  const text = JSON.stringify({ ...base, pad: "x".repeat(Math.max(0, bytes - empty.length)) });
  expect(text.length).toBe(bytes);
  return text;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "signup",
    path: "/auth/signup",
    auth: "none",
    wrongTypes: { email: 42, password: ["correct horse battery"] },
    wrongPaths: ["email", "password"],
    limit: 64 * KiB,
    padded: (n) => padTo({ email: "pad@example.com", password: "short" }, n),
  },
  {
    name: "login",
    path: "/auth/login",
    auth: "none",
    wrongTypes: { email: true, password: 12345678 },
    wrongPaths: ["email", "password"],
    limit: 64 * KiB,
    padded: (n) => padTo({ email: "pad@example.com", password: "" }, n),
  },
  {
    name: "pair",
    path: "/devices/pair",
    auth: "none",
    wrongTypes: { name: 7, platform: { zepp: true } },
    wrongPaths: ["name", "platform"],
    limit: 64 * KiB,
    padded: (n) => padTo({ name: "", platform: "nope" }, n),
  },
  {
    name: "approve",
    path: "/devices/approve",
    auth: "cookie",
    wrongTypes: { user_code: 12345678 },
    wrongPaths: ["user_code"],
    limit: 64 * KiB,
    padded: (n) => padTo({ user_code: "!" }, n),
  },
  {
    name: "deny",
    path: "/devices/deny",
    auth: "cookie",
    wrongTypes: { user_code: null },
    wrongPaths: ["user_code"],
    limit: 64 * KiB,
    padded: (n) => padTo({ user_code: "!" }, n),
  },
  {
    name: "token",
    path: "/devices/token",
    auth: "none",
    wrongTypes: { device_code: 1234 },
    wrongPaths: ["device_code"],
    limit: 64 * KiB,
    padded: (n) => padTo({ device_code: "" }, n),
  },
  {
    name: "push",
    path: "/sync/push",
    auth: "token",
    wrongTypes: { schema: "1", mutations: { seq: 1 } },
    wrongPaths: ["schema", "mutations"],
    limit: 256 * KiB,
    padded: (n) => padTo({ schema: 1, mutations: [] }, n),
  },
  {
    name: "password",
    path: "/account/password",
    auth: "cookie",
    wrongTypes: { current_password: 1, new_password: false },
    wrongPaths: ["current_password", "new_password"],
    limit: 64 * KiB,
    padded: (n) => padTo({ current_password: "", new_password: "" }, n),
  },
  {
    name: "delete-account",
    path: "/account/delete-account",
    auth: "cookie",
    wrongTypes: { password: 123 },
    wrongPaths: ["password"],
    limit: 64 * KiB,
    padded: (n) => padTo({ password: "" }, n),
  },
];

let user: User;
let device: Device;

beforeAll(async () => {
  user = await signUp();
  device = await pairDevice(user);
});

function send(ep: Endpoint, raw: string, contentType = "application/json"): Promise<Reply> {
  return call("POST", ep.path, {
    raw,
    headers: { "content-type": contentType },
    ...(ep.auth === "cookie" ? { cookie: user.cookie } : {}),
    ...(ep.auth === "token" ? { token: device.token } : {}),
  });
}

function expectErrorShape(res: Reply, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: code, message: expect.any(String) });
  expect(res.body.message.length).toBeGreaterThan(0);
  // Every validation failure lists its issues (maybe none), so clients never need to check.
  if (code === "invalid_body" || code === "invalid_query") {
    expect(Array.isArray(res.body.issues), JSON.stringify(res.body)).toBe(true);
    for (const issue of res.body.issues) {
      expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  }
}

/** Runs `fn` and proves that nothing stored (rate-limit counters aside) changed meanwhile. */
async function unchanged(fn: () => Promise<void>) {
  const before = await snapshotDb();
  await fn();
  expect(await snapshotDb()).toEqual(before);
}

describe.each(ENDPOINTS)("POST $path ($name)", (ep) => {
  it("malformed JSON is 400 invalid_body and changes nothing", async () => {
    await unchanged(async () => {
      for (const raw of ['{"a":', "{'single': 1}", "not json", "{}}", '{"a":1,}', ""]) {
        const res = await send(ep, raw);
        expectErrorShape(res, 400, "invalid_body");
      }
    });
  });

  it("malformed JSON under any JSON media type is 400 invalid_body with an issue at the root", async () => {
    await unchanged(async () => {
      for (const type of [
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/vnd.runstrong+json",
      ]) {
        for (const raw of ['{"a":', "\u0000", "{"]) {
          const res = await send(ep, raw, type);
          expectErrorShape(res, 400, "invalid_body");
          expect(res.body.issues, `${type} ${raw}`).toEqual([
            { path: "", message: expect.any(String) },
          ]);
          expect(res.body.message).toMatch(/not valid JSON/);
        }
      }
    });
  });

  it("wrong types are 400 invalid_body with an issue per bad field, and change nothing", async () => {
    await unchanged(async () => {
      const res = await send(ep, JSON.stringify(ep.wrongTypes));
      expectErrorShape(res, 400, "invalid_body");
      const issues = res.body.issues as { path: string; message: string }[];
      expect(Array.isArray(issues)).toBe(true);
      for (const issue of issues) {
        expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
      }
      const paths = issues.map((i) => i.path);
      for (const p of ep.wrongPaths) expect(paths).toContain(p);
    });
  });

  it("a body that is not an object (array, string, number, null) is 400 invalid_body", async () => {
    await unchanged(async () => {
      for (const raw of ["[]", '"text"', "42", "null", "true"]) {
        expectErrorShape(await send(ep, raw), 400, "invalid_body");
      }
    });
  });

  it("a missing body is 400 invalid_body", async () => {
    await unchanged(async () => {
      const res = await call("POST", ep.path, {
        ...(ep.auth === "cookie" ? { cookie: user.cookie } : {}),
        ...(ep.auth === "token" ? { token: device.token } : {}),
      });
      expectErrorShape(res, 400, "invalid_body");
    });
  });

  it("another content type (text/plain, form, none) is 415 unsupported_media_type", async () => {
    await unchanged(async () => {
      const json = JSON.stringify(ep.wrongTypes);
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "",
      ]) {
        const res = await send(ep, json, type);
        expect(res.status, `content-type "${type}"`).toBe(415);
        expectErrorShape(res, 415, "unsupported_media_type");
      }
    });
  });

  it(`a body over the limit is 413 too_large; one just under it is not`, async () => {
    await unchanged(async () => {
      const over = await send(ep, ep.padded(ep.limit + 1));
      expectErrorShape(over, 413, "too_large");
      const huge = await send(ep, ep.padded(ep.limit * 4));
      expectErrorShape(huge, 413, "too_large");
      const under = await send(ep, ep.padded(ep.limit - 16));
      expect(under.status).not.toBe(413);
      expect(under.status).toBeLessThan(500);
    });
  });

  it("random JSON never gets a 5xx, always the error shape", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const res = await send(ep, JSON.stringify(value));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        if (res.body.error === "invalid_body") expect(Array.isArray(res.body.issues)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("nasty values (deep nesting, huge numbers, lone surrogates, __proto__) never get a 5xx", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const bodies = [
      deep,
      `{"a":${deep}}`,
      '{"email":1e999,"password":-0,"name":1e-999}',
      '{"user_code":"\\ud800\\udfff\\ud800","device_code":"\\u0000"}',
      '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
      `{"password":"${"\\u0000".repeat(100)}","email":"\\u0000@\\u0000"}`,
      `{"schema":1,"mutations":[${'{"seq":1e308,"op":"set.log","args":{}},'.repeat(3)}null]}`,
      '{"schema":1,"mutations":[{"seq":-1,"op":"__proto__","args":[]}]}',
    ];
    for (const raw of bodies) {
      const res = await send(ep, raw);
      expect(res.status, raw.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(res.status, raw.slice(0, 60)).toBeLessThan(500);
      expect(res.body).toMatchObject({ error: expect.any(String) });
      if (res.body.error === "invalid_body") expect(Array.isArray(res.body.issues)).toBe(true);
    }
  });
});

describe("push envelope", () => {
  const pushRaw = (body: unknown) => call("POST", "/sync/push", { token: device.token, body });

  it("an unknown op fails the whole push: 400 invalid_body with an issue on its op, nothing applied", async () => {
    await unchanged(async () => {
      const res = await pushRaw({
        schema: 1,
        mutations: [
          { seq: 1, op: "session.start", args: { id: "s1", started_at: "2026-11-20T07:00:00Z" } },
          { seq: 2, op: "session.explode", args: { id: "s1" } },
        ],
      });
      expectErrorShape(res, 400, "invalid_body");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("mutations.1.op");
    });
  });

  it("schema 2 (or a missing schema) is 400 invalid_body with an issue on `schema`", async () => {
    await unchanged(async () => {
      for (const schema of [2, 0, "1", undefined]) {
        const res = await pushRaw({ schema, mutations: [] });
        expectErrorShape(res, 400, "invalid_body");
        expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("schema");
      }
    });
  });

  it("a bad envelope (seq 0, fractional seq, args not an object, no mutations) is 400", async () => {
    await unchanged(async () => {
      for (const mutations of [
        [{ seq: 0, op: "set.delete", args: { id: "x" } }],
        [{ seq: 1.5, op: "set.delete", args: { id: "x" } }],
        [{ seq: 1, op: "set.delete", args: "x" }],
        [{ seq: 1, op: "set.delete" }],
        undefined,
        "[]",
      ]) {
        const res = await pushRaw({ schema: 1, mutations });
        expectErrorShape(res, 400, "invalid_body");
        expect(res.body.issues.length).toBeGreaterThan(0);
      }
    });
  });

  it("without credentials a push is 401 before its body is even looked at", async () => {
    await unchanged(async () => {
      const res = await call("POST", "/sync/push", {
        raw: "{",
        headers: { "content-type": "text/plain" },
      });
      expectErrorShape(res, 401, "unauthorized");
    });
  });
});

describe("queries and unknown paths", () => {
  it("a forged pull cursor is 400 invalid_query with an issue on `cursor`", async () => {
    const res = await call("GET", "/sync/pull?cursor=c1.x.-1", { token: device.token });
    expectErrorShape(res, 400, "invalid_query");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["cursor"]);
  });

  it("a bad query is 400 invalid_query with issues", async () => {
    const res = await call("GET", "/sync/pull?limit=many", { token: device.token });
    expectErrorShape(res, 400, "invalid_query");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("limit");
    const code = await call("GET", "/devices/pending", { cookie: user.cookie });
    expectErrorShape(code, 400, "invalid_query");
  });

  it("an unknown /api/v1 path is 404 not_found in the JSON error shape, whatever the method", async () => {
    for (const [method, path] of [
      ["GET", "/nope"],
      ["GET", ""],
      ["GET", "/auth"],
      ["POST", "/auth/register"],
      ["DELETE", "/exercises"],
      ["GET", "/sync/push/extra"],
      ["PUT", "/me"],
    ] as const) {
      const res = await call(method, path, { token: device.token });
      expect([404, 405], `${method} ${path}`).toContain(res.status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        error: res.status === 404 ? "not_found" : "method_not_allowed",
        message: expect.any(String),
      });
    }
  });

  it("a wrong method on a known path answers JSON 404/405 (401 first under signed-in groups), never 5xx", async () => {
    for (const [method, path] of [
      ["GET", "/auth/signup"],
      ["GET", "/devices/token"],
      ["PATCH", "/devices"],
      ["POST", "/exercises/squat"],
    ] as const) {
      const res = await call(method, path, { token: device.token });
      expect([404, 405], `${method} ${path}`).toContain(res.status);
      const anonymous = await call(method, path, {});
      expect([401, 404, 405], `${method} ${path}`).toContain(anonymous.status);
      expect(anonymous.body).toMatchObject({ error: expect.any(String) });
      expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });

  it("garbage credentials never get a 5xx", async () => {
    const garbage: Record<string, string>[] = [
      { authorization: "Bearer" },
      { authorization: `Bearer ${"x".repeat(5000)}` },
      { authorization: "Bearer ../../etc/passwd" },
      { authorization: "Token abc" },
      { cookie: "rs_session=%E0%A4%A" },
      { cookie: `rs_session=${"a".repeat(5000)}` },
      { cookie: "rs_session" },
    ];
    for (const headers of garbage) {
      const res = await call("GET", "/me", { headers });
      expect(res.status, JSON.stringify(headers).slice(0, 60)).toBe(401);
      expect(res.body.error).toBe("unauthorized");
    }
  });
});

describe("security headers", () => {
  function expectSecurityHeaders(res: Reply | Response, what: string) {
    const h = res.headers;
    expect(h.get("x-content-type-options"), what).toBe("nosniff");
    const csp = h.get("content-security-policy") ?? "";
    expect(csp, what).toMatch(/default-src 'self'/);
    const frameAncestors = /frame-ancestors 'none'/.test(csp);
    const xfo = h.get("x-frame-options");
    expect(frameAncestors || xfo === "DENY" || xfo === "SAMEORIGIN", what).toBe(true);
    expect(h.get("referrer-policy"), what).toBeTruthy();
  }

  it("are on JSON answers, error answers and the HTML docs", async () => {
    expectSecurityHeaders(await call("GET", "/exercises"), "200 JSON");
    expectSecurityHeaders(await call("GET", "/nope"), "404");
    expectSecurityHeaders(await call("GET", "/me"), "401");
    expectSecurityHeaders(
      await call("POST", "/auth/login", {
        raw: "{",
        headers: { "content-type": "application/json" },
      }),
      "400",
    );
    expectSecurityHeaders(
      await call("POST", "/auth/login", { raw: "x", headers: { "content-type": "text/plain" } }),
      "415",
    );
    expectSecurityHeaders(await call("GET", "/docs"), "docs HTML");
    expectSecurityHeaders(await call("GET", "/openapi.json"), "openapi");
  });

  it("API answers are not cached (Cache-Control: no-store), errors included", async () => {
    expect((await call("GET", "/me", { token: device.token })).headers.get("cache-control")).toBe(
      "no-store",
    );
    expect((await call("GET", "/me")).headers.get("cache-control")).toBe("no-store");
    expect(
      (await call("GET", "/devices", { cookie: user.cookie })).headers.get("cache-control"),
    ).toBe("no-store");
  });
});

// Test helpers that drive the real Worker (inside workerd) over HTTP, the way clients do.
import { exports } from "cloudflare:workers";

const ORIGIN = "http://localhost";
/** The Worker under test, the same instance `wrangler dev` would serve. */
let worker: Pick<Fetcher, "fetch"> = (exports as unknown as { default: Fetcher }).default;

/** Sends this file's calls elsewhere: the split-store tests run the app with two stores. */
export function useWorker(target: Pick<Fetcher, "fetch">): void {
  worker = target;
}
let counter = 0;

// biome-ignore lint/suspicious/noExplicitAny: bodies under test; each test's expectations check their shape.
export type Reply = { status: number; body: any; headers: Headers };

export async function call(
  method: string,
  path: string,
  options: {
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    cookie?: string;
    token?: string;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  if (options.cookie) {
    headers.cookie = options.cookie;
    headers.origin ??= ORIGIN;
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await worker.fetch(
    new Request(`${ORIGIN}/api/v1${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    }),
  );
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text so a test can show it
  }
  return { status: res.status, body, headers: res.headers };
}

/** A fresh IP per caller keeps per-IP rate limits from leaking between tests. */
export function freshIp(): string {
  counter++;
  return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

export type User = { id: string; email: string; cookie: string; ip: string };

export async function signUp(
  email = `runner${Date.now()}-${Math.random()}@example.com`,
): Promise<User> {
  const ip = freshIp();
  const res = await call("POST", "/auth/signup", {
    body: { email, password: "correct horse battery" },
    headers: { "cf-connecting-ip": ip },
  });
  if (res.status !== 201)
    throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { id: res.body.user.id, email: res.body.user.email, cookie, ip };
}

export type Device = { id: string; token: string };

export async function pairDevice(
  user: User,
  name = "Test watch",
  platform = "zepp",
): Promise<Device> {
  const ip = freshIp();
  const started = await call("POST", "/devices/pair", {
    body: { name, platform },
    headers: { "cf-connecting-ip": ip },
  });
  const approved = await call("POST", "/devices/approve", {
    cookie: user.cookie,
    body: { user_code: started.body.user_code },
    headers: { "cf-connecting-ip": ip },
  });
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  const token = await call("POST", "/devices/token", {
    body: { device_code: started.body.device_code },
    headers: { "cf-connecting-ip": ip },
  });
  if (token.status !== 200) throw new Error(`token failed: ${JSON.stringify(token.body)}`);
  return { id: token.body.device_id, token: token.body.access_token };
}

export function push(device: Device, mutations: unknown[]) {
  return call("POST", "/sync/push", { token: device.token, body: { schema: 1, mutations } });
}

export function pull(device: Device, cursor?: string, limit?: number) {
  const q = new URLSearchParams();
  if (cursor) q.set("cursor", cursor);
  if (limit) q.set("limit", String(limit));
  return call("GET", `/sync/pull?${q}`, { token: device.token });
}

/** Pulls every page from `cursor` and returns all changes merged plus the final cursor. */
export async function pullAll(device: Device, cursor?: string, limit?: number) {
  const pages: Reply["body"][] = [];
  let next = cursor;
  for (let i = 0; i < 1000; i++) {
    const res = await pull(device, next, limit);
    if (res.status !== 200)
      throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.reset) return { reset: true as const, pages, cursor: next };
    pages.push(res.body);
    next = res.body.cursor;
    if (!res.body.has_more) break;
  }
  return { reset: false as const, pages, cursor: next };
}

let idCounter = 0;
export const uid = (prefix = "e") =>
  `${prefix}${Date.now().toString(36)}${(idCounter++).toString(36)}`;

export function setLog(id: string, sessionId: string, extra: Record<string, unknown> = {}) {
  return {
    op: "set.log",
    args: {
      id,
      session_id: sessionId,
      exercise_id: "squat",
      set_index: 0,
      started_at: "2026-11-20T07:00:00Z",
      ended_at: "2026-11-20T07:00:40Z",
      reps: 12,
      ...extra,
    },
  };
}

export function sessionStart(id: string, startedAt = "2026-11-20T07:00:00Z") {
  return { op: "session.start", args: { id, started_at: startedAt } };
}

/** Numbers mutations from `first`, as a device outbox does. */
export function numbered(first: number, bodies: { op: string; args: unknown }[]) {
  return bodies.map((b, i) => ({ seq: first + i, ...b }));
}

// ---- Appended helpers (auth, devices and bad-input tests) ----

declare global {
  namespace Cloudflare {
    // Types `exports.default` above: the Worker's main module (what `wrangler types` declares).
    interface GlobalProps {
      mainModule: typeof import("../src/index.ts");
    }
  }
}

/** The password `signUp` uses. */
export const TEST_PASSWORD = "correct horse battery";

/** A fresh, unique email address. */
export const uniqueEmail = (prefix = "runner") =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}@example.com`;

/** The `name=value` part of the cookie a response sets ("" when it sets none). */
export function cookieOf(res: Reply): string {
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

export function logIn(email: string, password = TEST_PASSWORD, ip = freshIp()) {
  return call("POST", "/auth/login", {
    body: { email, password },
    headers: { "cf-connecting-ip": ip },
  });
}

export type Pairing = {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
};

/** Starts a pairing the way a watch does (from a fresh IP) and returns the 200 body. */
export async function startPairing(
  name = "Test watch",
  platform = "zepp",
  ip = freshIp(),
): Promise<Pairing> {
  const res = await call("POST", "/devices/pair", {
    body: { name, platform },
    headers: { "cf-connecting-ip": ip },
  });
  if (res.status !== 200) throw new Error(`pair failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls for the device token once, as the pairing client does. */
export function pollToken(deviceCode: string, ip = freshIp()) {
  return call("POST", "/devices/token", {
    body: { device_code: deviceCode },
    headers: { "cf-connecting-ip": ip },
  });
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Rows of one SQL query run straight against the test D1 (for checks behind the API). */
export async function dbRows<T = Record<string, unknown>>(
  query: string,
  ...params: unknown[]
): Promise<T[]> {
  const { env } = await import("cloudflare:workers");
  const res = await env.DB.prepare(query)
    .bind(...params)
    .all<T>();
  return res.results;
}

/** `SELECT COUNT(*)` of a query's FROM/WHERE part, e.g. `dbCount("devices WHERE user_id = ?1", id)`. */
export async function dbCount(fromWhere: string, ...params: unknown[]): Promise<number> {
  const [row] = await dbRows<{ n: number }>(`SELECT COUNT(*) AS n FROM ${fromWhere}`, ...params);
  return row?.n ?? 0;
}

/** Every stored row except rate-limit counters, to prove a rejected request changed nothing. */
export async function snapshotDb(): Promise<Record<string, unknown[]>> {
  const tables = [
    "users",
    "sync_state",
    "auth_sessions",
    "devices",
    "pairings",
    "plans",
    "sessions",
    "sets",
    "runs",
    "assessments",
    "settings",
    "tombstones",
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await dbRows(`SELECT * FROM ${t} ORDER BY rowid`);
  return out;
}

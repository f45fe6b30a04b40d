// HTTP plumbing for the API fuzz run against `wrangler dev`: raw requests with a distinct
// client address each (as Cloudflare's edge presents them), account setup, and a snapshot of
// everything one account stores as its own clients see it.

export type RawRequest = {
  method: string;
  /** Path and query under the origin, e.g. `/api/v1/sync/pull?limit=2`. */
  path: string;
  headers: Record<string, string>;
  /** A string body, or a Blob without a type (sent with no Content-Type unless one is given). */
  body?: string | Blob;
};

export type RawReply = { status: number; headers: Headers; text: string; json: unknown };

let addressCounter = 0;

/** A new client address per request keeps the per-IP rate limits from pooling the whole run. */
export function nextClientIp(): string {
  addressCounter++;
  const n = addressCounter;
  return n % 5 === 0
    ? `2001:db8::${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}`
    : `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function sendRaw(origin: string, req: RawRequest): Promise<RawReply> {
  const res = await fetch(`${origin}${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    redirect: "manual",
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export type Account = {
  email: string;
  password: string;
  cookie: string;
  userId: string;
  device: { id: string; token: string };
};

// biome-ignore lint/suspicious/noExplicitAny: answers of our own API, checked where used.
type Json = any;

async function api(
  origin: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await sendRaw(origin, {
    method,
    path: `/api/v1${path}`,
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": nextClientIp(),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.json, headers: res.headers };
}

/** Signs a new runner up and pairs one watch for them, the way the web view and a watch do. */
export async function createAccount(origin: string, label: string): Promise<Account> {
  const email = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}@example.com`;
  // Random, never shown to the generators: no fuzzed body can change or delete the account.
  const password = `pw-${crypto.randomUUID()}`;
  const signup = await api(origin, "POST", "/auth/signup", { email, password });
  if (signup.status !== 201)
    throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const pair = await api(origin, "POST", "/devices/pair", {
    name: `${label} watch`,
    platform: "sim",
  });
  const approve = await api(
    origin,
    "POST",
    "/devices/approve",
    { user_code: pair.body.user_code },
    { cookie, origin },
  );
  if (approve.status !== 200) throw new Error(`approve: ${approve.status}`);
  const token = await api(origin, "POST", "/devices/token", { device_code: pair.body.device_code });
  if (token.status !== 200) throw new Error(`token: ${token.status}`);
  return {
    email,
    password,
    cookie,
    userId: signup.body.user.id,
    device: { id: token.body.device_id, token: token.body.access_token },
  };
}

/**
 * Everything the account stores as its clients see it: the whole pull (changes, cursor,
 * last_seq) and the device list without `last_seen` (every authenticated request moves it).
 */
export async function snapshotAccount(origin: string, account: Account): Promise<Json> {
  const auth = { authorization: `Bearer ${account.device.token}` };
  const pages: Json[] = [];
  let cursor = "";
  for (let i = 0; i < 100; i++) {
    const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const page = await api(origin, "GET", `/sync/pull${q}`, undefined, auth);
    if (page.status !== 200) throw new Error(`pull: ${page.status} ${JSON.stringify(page.body)}`);
    pages.push(page.body);
    cursor = page.body.cursor;
    if (!page.body.has_more) break;
  }
  const devices = await api(origin, "GET", "/devices", undefined, auth);
  return { pages, devices: (devices.body.devices as Json[]).map(({ last_seen: _, ...d }) => d) };
}

// Accounts and devices set up through the real API, as runners do it: sign up on the web, pair
// the watch and the phone with the device grant (pair, approve from the web session, token).
// Every request goes through the proxy under the household's client address.

import type { Credentials } from "./devicePlatform.ts";
import { DEVICE_HEADER, HOUSEHOLD_HEADER } from "./faultProxy.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers of our own API, checked where used.
type Json = any;

export type Household = { n: number; email: string; cookie: string };

async function call(
  proxy: string,
  household: number,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${proxy}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      [DEVICE_HEADER]: `setup-h${household}`,
      [HOUSEHOLD_HEADER]: String(household),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the error message
  }
  return { status: res.status, body: json, headers: res.headers };
}

function expect(what: string, status: number, got: { status: number; body: Json }): Json {
  if (got.status !== status) throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

export async function signUp(proxy: string, n: number, seed: number): Promise<Household> {
  const email = `soak-${seed}-${Date.now().toString(36)}-h${n}@example.com`;
  const res = await call(proxy, n, "POST", "/auth/signup", {
    email,
    password: `pw-${seed}-${n}-soak`,
  });
  expect("sign-up", 201, res);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { n, email, cookie };
}

/** Pairs a device to the household's account; its Bearer token. */
export async function pair(
  proxy: string,
  h: Household,
  name: string,
  platform: "zepp" | "fitbit" | "cli",
): Promise<Credentials> {
  const started = expect(
    "pair",
    200,
    await call(proxy, h.n, "POST", "/devices/pair", { name, platform }),
  );
  const web = { cookie: h.cookie, "sec-fetch-site": "same-origin" };
  const approve = await call(
    proxy,
    h.n,
    "POST",
    "/devices/approve",
    { user_code: started.user_code },
    web,
  );
  expect("approve", 200, approve);
  const token = await call(proxy, h.n, "POST", "/devices/token", {
    device_code: started.device_code,
  });
  return { token: expect("token", 200, token).access_token };
}

/** Headers a reader (or any API caller) of household `n` sends with these credentials. */
export function authHeaders(c: Credentials): Record<string, string> {
  return "token" in c
    ? { authorization: `Bearer ${c.token}` }
    : { cookie: c.cookie, "sec-fetch-site": "same-origin" };
}

/** Every page of an unfiltered pull from no cursor: what the account holds, live rows only. */
export async function pullEverything(proxy: string, n: number, c: Credentials): Promise<Json[]> {
  const pages: Json[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1_000; i++) {
    const q: string = cursor === null ? "" : `cursor=${encodeURIComponent(cursor)}&`;
    const page = expect(
      "pull",
      200,
      await call(proxy, n, "GET", `/sync/pull?${q}limit=1000`, undefined, authHeaders(c)),
    );
    pages.push(page);
    if (!page.has_more) return pages;
    cursor = page.cursor;
  }
  throw new Error("the reader's pull never ended");
}

// Generated requests for one route of the OpenAPI document: its body (valid, near-valid,
// arbitrary or malformed JSON, oversize, deeply nested), content type, query values, path ids
// and credentials. A generated `RequestPlan` is turned into bytes by `buildRequest`, which knows
// the live credentials of the run.
import fc from "fast-check";
import { nextClientIp, type RawRequest } from "./fuzzClient.ts";
import {
  awkwardValue,
  type JsonSchema,
  nearExampleValue,
  nearValidValue,
  neighbourValue,
  validValue,
} from "./jsonSchemaArbitrary.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON values of any shape are the point here.
type Json = any;

export type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema };
export type Operation = {
  method: string;
  /** The OpenAPI path template, e.g. `/devices/{id}`. */
  path: string;
  parameters: Parameter[];
  bodySchema?: JsonSchema;
  /** Status codes the document lists for the operation. */
  documented: string[];
  /** Callable without a credential. */
  open: boolean;
  /** A known-good body, whose neighbours reach past the schema into the handler. */
  example?: Json;
  /** Known-good values of query parameters the schema alone does not pin down. */
  queryExamples?: Record<string, string[]>;
};

export type Auth =
  | "none"
  | "token"
  | "cookie"
  | "cookieWithoutOrigin"
  | "cookieForeignOrigin"
  | "tamperedToken"
  | "badBearer"
  | "badCookie";

export type Body =
  | { kind: "none" }
  | { kind: "json"; value: Json; alignSeqs: boolean }
  | { kind: "text"; text: string };

export type RequestPlan = {
  auth: Auth;
  badCredential: string;
  pathValues: Record<string, string>;
  query: string;
  body: Body;
  /** null: send the body without any Content-Type. */
  contentType: string | null;
  /** null: the usual fresh client address; otherwise a junk CF-Connecting-IP value. */
  clientIp: string | null;
};

const auth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 2, arbitrary: fc.constant("none" as const) },
  { weight: 4, arbitrary: fc.constant("token" as const) },
  { weight: 4, arbitrary: fc.constant("cookie" as const) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "cookieWithoutOrigin" as const,
      "cookieForeignOrigin" as const,
      "tamperedToken" as const,
      "badBearer" as const,
      "badCookie" as const,
    ),
  },
);

const badCredential = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
  fc.constantFrom("", " ", "x".repeat(5000), "%E0%A4%A", "../../etc/passwd", "null", "a;b=c"),
  fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.~=+/ %\"'\\") }),
);

const BAD_QUERY_VALUES = [
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "NaN",
  "Infinity",
  "9".repeat(40),
  "abc",
  "null",
  "[]",
  "%00",
  "%E0%A4%A",
  "x".repeat(3000),
  "2026-02-30",
  "2026-13-01",
  "2026-1-1",
  "99999-01-01",
  "0000-00-00",
  "1970-01-01",
  "2026-12-09T00:00:00Z",
  "eyJlIjoiMSIsInYiOjB9",
  "MTow",
  "plans,bogus",
  "sets,,runs",
];

/** Stand-ins for values only the run knows, filled in by `buildRequest`. */
export const LIVE_CURSOR = "$cursor";
const TAMPERED_CURSOR = "$cursor~";

/** A junk value for the query parameter `name`: known-bad, random, or sent unencoded. */
function badQueryValue(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...BAD_QUERY_VALUES) },
    { weight: name === "cursor" ? 4 : 0, arbitrary: fc.constant(TAMPERED_CURSOR) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_=.~-]{0,300}$/) },
  );
}

/**
 * The declared parameters, each absent or good (a value its schema allows, or one of the
 * route's known-good values); then, mostly, one of them spoiled, and now and then an extra one.
 */
function queryArb(op: Operation): fc.Arbitrary<string> {
  const declared = op.parameters.filter((p) => p.in === "query");
  const good = (p: Parameter) =>
    fc.oneof(
      { weight: 1, arbitrary: validValue(p.schema).map((v) => encodeURIComponent(String(v))) },
      ...(op.queryExamples?.[p.name] ?? []).map((v) => ({ weight: 2, arbitrary: fc.constant(v) })),
    );
  const present = fc.tuple(
    ...declared.map((p) =>
      fc.option(
        good(p).map((v) => `${p.name}=${v}`),
        { nil: "", freq: 3 },
      ),
    ),
  );
  const spoiled =
    declared.length === 0
      ? fc.constant(null)
      : fc.option(
          fc
            .nat({ max: declared.length - 1 })
            .chain((i) => badQueryValue(declared[i]?.name ?? "").map((v) => ({ i, v }))),
          { nil: null, freq: 3 },
        );
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom("kinds=plans,bogus", "kinds=", "limit=1&limit=2", "cursor=", "date="),
        fc
          .tuple(fc.stringMatching(/^[a-z_]{1,12}$/), badQueryValue(""))
          .map(([k, v]) => `${k}=${v}`),
      ),
    },
  );
  return fc.tuple(present, spoiled, extra).map(([parts, bad, more]) => {
    const all = [...parts];
    if (bad) all[bad.i] = `${declared[bad.i]?.name}=${bad.v}`;
    all.push(more);
    const query = all.filter((q) => q !== "").join("&");
    return query ? `?${query}` : "";
  });
}

const pathId: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "squat",
      "..",
      "%2e%2e",
      "%00",
      "%20",
      "a%2Fb",
      "%E0%A4%A",
      "x".repeat(5000),
      encodeURIComponent("' OR 1=1 --"),
      encodeURIComponent("💪"),
      "null",
      "0",
      "-1",
    ),
  },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent) },
);

function malformedJson(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const text = (schema ? validValue(schema) : fc.jsonValue()).map(
    (v) => JSON.stringify(v) ?? "null",
  );
  return fc.oneof(
    text.chain((t) => fc.nat({ max: Math.max(0, t.length - 1) }).map((cut) => t.slice(0, cut))),
    text.chain((t) =>
      fc
        .tuple(
          fc.nat({ max: t.length }),
          fc.constantFrom(",", "}", "]", '"', "'", ":", "\\", "\u0000"),
        )
        .map(([at, ch]) => `${t.slice(0, at)}${ch}${t.slice(at)}`),
    ),
    text.map((t) => `\ufeff${t}`),
    fc.constantFrom(
      "{'a': 1}",
      '{"a":1,}',
      "{}}",
      "NaN",
      "undefined",
      '{"a":01}',
      '{"a":"\\x"}',
      "[1,2",
      "\u0000",
    ),
    fc.string({ maxLength: 50 }),
  );
}

function bodyArb(op: Operation): fc.Arbitrary<Body> {
  const json = (value: fc.Arbitrary<Json>) =>
    fc
      .tuple(value, fc.boolean())
      .map(([v, alignSeqs]): Body => ({ kind: "json", value: v, alignSeqs }));
  const text = (t: fc.Arbitrary<string>) => t.map((s): Body => ({ kind: "text", text: s }));
  const nested = fc
    .tuple(fc.constantFrom(1_000, 20_000), fc.constantFrom("[", '{"a":'))
    .map(([n, open]) => `${open.repeat(n)}0${(open === "[" ? "]" : "}").repeat(n)}`);
  const oversize = fc
    .constantFrom(70_000, 300_000)
    .map((n) => JSON.stringify({ pad: "x".repeat(n) }));
  const junk = fc.oneof(
    { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 4 })) },
    { weight: 1, arbitrary: json(awkwardValue) },
    { weight: 2, arbitrary: text(malformedJson(op.bodySchema)) },
    { weight: 1, arbitrary: text(fc.oneof(nested, oversize, fc.constant(""))) },
  );
  if (!op.bodySchema) {
    if (op.method === "get") return fc.constant({ kind: "none" });
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant({ kind: "none" as const }) },
      { weight: 2, arbitrary: junk },
    );
  }
  const examples =
    op.example === undefined
      ? []
      : [
          { weight: 3, arbitrary: json(neighbourValue(op.bodySchema, op.example)) },
          { weight: 3, arbitrary: json(nearExampleValue(op.example)) },
        ];
  return fc.oneof(
    { weight: 2, arbitrary: json(validValue(op.bodySchema)) },
    { weight: 5, arbitrary: json(nearValidValue(op.bodySchema)) },
    ...examples,
    { weight: 4, arbitrary: junk },
  );
}

const contentType: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      null,
      "",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "APPLICATION/JSON",
      "application/vnd.api+json",
      "application/jsonp",
      "application/xml",
      "application/vnd.ant.fit",
      "json",
    ),
  },
);

export function requestPlan(op: Operation): fc.Arbitrary<RequestPlan> {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  return fc.record({
    auth,
    badCredential,
    pathValues: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathId]))),
    query: queryArb(op),
    body: bodyArb(op),
    contentType,
    clientIp: fc.option(
      fc.constantFrom("", "not-an-ip", "999.1.1.1", "x".repeat(2000), "::1, 10.0.0.1"),
      {
        freq: 15,
        nil: null,
      },
    ),
  });
}

/** What `buildRequest` needs from the run: the origin and live credentials. */
export type Credentials = {
  origin: string;
  token: string;
  /** The cookie this route uses (logout gets a spare session of its own). */
  cookie: string;
  /** A cursor the server wrote for the account (from its latest pull). */
  cursor: string;
  /** The next seq the credential's device expects, for pushes that line their seqs up. */
  nextSeq: (auth: Auth) => number;
};

function alignSeqs(value: Json, first: number): Json {
  if (!value || typeof value !== "object" || !Array.isArray(value.mutations)) return value;
  const mutations = value.mutations.map((m: Json, i: number) =>
    m && typeof m === "object" && !Array.isArray(m) ? { ...m, seq: first + i } : m,
  );
  return { ...value, mutations };
}

export function buildRequest(op: Operation, plan: RequestPlan, creds: Credentials): RawRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => plan.pathValues[name] ?? "x");
  const headers: Record<string, string> = {};
  const ip = plan.clientIp === null ? nextClientIp() : `${plan.clientIp}${nextClientIp()}`;
  headers["cf-connecting-ip"] = ip;
  switch (plan.auth) {
    case "token":
      headers.authorization = `Bearer ${creds.token}`;
      break;
    case "tamperedToken":
      headers.authorization = `Bearer ${creds.token.slice(0, -1)}${creds.token.endsWith("A") ? "B" : "A"}`;
      break;
    case "badBearer":
      headers.authorization = `Bearer ${plan.badCredential}`;
      break;
    case "cookie":
      headers.cookie = creds.cookie;
      headers.origin = creds.origin;
      break;
    case "cookieWithoutOrigin":
      headers.cookie = creds.cookie;
      break;
    case "cookieForeignOrigin":
      headers.cookie = creds.cookie;
      headers.origin = "https://evil.example";
      break;
    case "badCookie":
      headers.cookie = `rs_session=${plan.badCredential}`;
      break;
  }
  let body: string | Blob | undefined;
  if (plan.body.kind === "json") {
    const value = plan.body.alignSeqs
      ? alignSeqs(plan.body.value, creds.nextSeq(plan.auth))
      : plan.body.value;
    body = JSON.stringify(value);
  } else if (plan.body.kind === "text") {
    body = plan.body.text;
  }
  if (body !== undefined) {
    if (plan.contentType === null) body = new Blob([body]);
    else headers["content-type"] = plan.contentType;
  }
  const tampered = `${creds.cursor.slice(0, -2)}${creds.cursor.endsWith("A") ? "B" : "A"}${creds.cursor.slice(-1)}`;
  const query = plan.query
    .replaceAll(TAMPERED_CURSOR, encodeURIComponent(tampered))
    .replaceAll(LIVE_CURSOR, encodeURIComponent(creds.cursor));
  return { method: op.method.toUpperCase(), path: `/api/v1${path}${query}`, headers, body };
}

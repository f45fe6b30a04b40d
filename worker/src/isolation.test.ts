// The isolation matrix: runner A owns one of everything; runner B tries every route that takes
// an id or shows account data with each of A's ids. B gets 404 or only B's own data, a push
// with A's ids lands in B's own namespace (ids are per account), and nothing of A's changes.
// A revoked device token is refused on every authenticated route of the OpenAPI document.
// Adding a route is one line in the tables below.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type Device,
  dbRows,
  pairDevice,
  pullAll,
  push,
  type Reply,
  signUp,
  type User,
  uid,
} from "../test/apiClient.ts";

const worker = (exports as unknown as { default: Fetcher }).default;

/** A web page (outside /api/v1) as a signed-in browser loads it. */
async function page(path: string, cookie: string): Promise<Reply> {
  const res = await worker.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

type Runner = { user: User; watch: Device };
/** How B authenticates: the API takes both; the web pages take the cookie. */
type Credential = "token" | "cookie";
const as = (r: Runner, via: Credential) =>
  via === "token" ? { token: r.watch.token } : { cookie: r.user.cookie };

let a: Runner;
let b: Runner;
/** A's ids, and the words only A's data contains (names, notes). */
const ids = {
  plan: uid("aplan"),
  session: uid("asession"),
  set: uid("aset"),
  run: uid("arun"),
  assessment: uid("atest"),
};
const words = {
  plan: `Alice plan ${uid()}`,
  session: `Alice session ${uid()}`,
  run: `Alice run ${uid()}`,
  assessment: `Alice assessment ${uid()}`,
  phone: `Alice phone ${uid()}`,
  /** A's plank result, as the charts' JSON carries it. */
  plankSeconds: "97.25",
};
let aDevices: { watch: string; phone: Device; web: string };
let aCursor: string;

const PLAN = {
  name: words.plan,
  days: [
    {
      weekday: 1,
      title: "Legs",
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 10,
          rest_s: 60,
        },
      ],
    },
  ],
};

const A_DATA = [
  { op: "plan.put", args: { id: ids.plan, base_rev: 0, plan: PLAN } },
  { op: "settings.put", args: { active_plan_id: ids.plan, units: "imperial" } },
  {
    op: "session.start",
    args: { id: ids.session, started_at: "2026-11-20T07:00:00Z", name: words.session },
  },
  {
    op: "set.log",
    args: {
      ...{ id: ids.set, session_id: ids.session, exercise_id: "squat", set_index: 0, reps: 12 },
      ...{ started_at: "2026-11-20T07:00:00Z", ended_at: "2026-11-20T07:00:40Z" },
    },
  },
  { op: "session.finish", args: { id: ids.session, ended_at: "2026-11-20T07:30:00Z", rpe: 7 } },
  {
    op: "run.log",
    args: {
      ...{ id: ids.run, date: "2026-11-19", distance_m: 12345, duration_s: 3600 },
      ...{ kind: "long", notes: words.run },
    },
  },
  {
    op: "assessment.log",
    args: {
      id: ids.assessment,
      date: "2026-11-18",
      test: "plank_hold",
      value: 97.25,
      notes: words.assessment,
    },
  },
];

const numberedFrom = (first: number, bodies: object[]) =>
  bodies.map((body, i) => ({ seq: first + i, ...body }));

/** Every row A owns, in every table, for before/after comparisons. */
async function rowsOfA(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {
    users: await dbRows("SELECT * FROM users WHERE id = ?1", a.user.id),
  };
  for (const table of [
    "sync_state",
    "auth_sessions",
    "devices",
    "plans",
    "sessions",
    "sets",
    "runs",
    "assessments",
    "settings",
    "tombstones",
    "plan_shares",
    "calendar_feeds",
  ]) {
    out[table] = await dbRows(
      `SELECT * FROM ${table} WHERE user_id = ?1 ORDER BY rowid`,
      a.user.id,
    );
  }
  return out;
}

/** Proves A's rows are what they were, and that the answer B got names nothing of A's. */
async function expectAUntouched(before: Record<string, unknown[]>, res: Reply, what: string) {
  expect(await rowsOfA(), `${what} changed A's data`).toEqual(before);
  const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
  for (const word of Object.values(words))
    expect(text, `${what} shows "${word}"`).not.toContain(word);
}

beforeAll(async () => {
  a = { user: await signUp(), watch: undefined as unknown as Device };
  a.watch = await pairDevice(a.user, "Alice watch");
  const phone = await pairDevice(a.user, words.phone, "fitbit");
  const stored = await push(a.watch, numberedFrom(1, A_DATA));
  expect(stored.body.acks.map((ack: { status: string }) => ack.status)).toEqual(
    A_DATA.map(() => "applied"),
  );
  // A's browser becomes a device of its own on its first sync.
  const web = await call("GET", "/sync/pull", { cookie: a.user.cookie });
  aDevices = { watch: a.watch.id, phone, web: web.body.device_id };
  const pulled = await pullAll(a.watch);
  aCursor = pulled.cursor ?? "";
  expect(JSON.stringify(pulled.pages)).toContain(words.plan);
  // A shares the plan, so B's share routes below meet a link that exists.
  expect((await call("POST", `/plans/${ids.plan}/share`, { cookie: a.user.cookie })).status).toBe(
    201,
  );

  b = { user: await signUp(), watch: undefined as unknown as Device };
  b.watch = await pairDevice(b.user, "Bob watch");
  // B points its own settings at A's plan id: the plan routes must still not find A's plan.
  const pointed = await push(
    b.watch,
    numberedFrom(1, [{ op: "settings.put", args: { active_plan_id: ids.plan } }]),
  );
  expect(pointed.body.acks[0].status).toBe("applied");
});

/** Routes that take one of A's ids: B is told 404, whatever credential B uses. */
const BY_ID: { route: string; send: (via: Credential) => Promise<Reply> }[] = [
  {
    route: "DELETE /devices/{A's watch}",
    send: (via) => call("DELETE", `/devices/${aDevices.watch}`, as(b, via)),
  },
  {
    route: "DELETE /devices/{A's phone}",
    send: (via) => call("DELETE", `/devices/${aDevices.phone.id}`, as(b, via)),
  },
  {
    route: "DELETE /devices/{A's browser}",
    send: (via) => call("DELETE", `/devices/${aDevices.web}`, as(b, via)),
  },
  {
    route: "GET /plans/today (B's settings name A's plan)",
    send: (via) => call("GET", "/plans/today", as(b, via)),
  },
  {
    route: "GET /plans/today?date=",
    send: (via) => call("GET", "/plans/today?date=2026-11-23", as(b, via)),
  },
  {
    route: "POST /plans/{A's plan}/share",
    send: (via) => call("POST", `/plans/${ids.plan}/share`, as(b, via)),
  },
  {
    route: "DELETE /plans/{A's plan}/share",
    send: (via) => call("DELETE", `/plans/${ids.plan}/share`, as(b, via)),
  },
  {
    route: "GET /sessions/{A's session}/activity.fit",
    send: (via) => call("GET", `/sessions/${ids.session}/activity.fit`, as(b, via)),
  },
  {
    route: "page /history/{A's session}",
    send: () => page(`/history/${ids.session}`, b.user.cookie),
  },
  {
    route: "page /plan/{A's plan}/edit",
    send: () => page(`/plan/${ids.plan}/edit`, b.user.cookie),
  },
];

/** Routes that show account data: B's answer holds nothing of A's. */
const READS: {
  route: string;
  status: number;
  /** What A sees on the same route: proof that the route shows this data at all. */
  aSees?: (keyof typeof words)[];
  send: (r: Runner, via: Credential) => Promise<Reply>;
}[] = [
  {
    route: "GET /sync/pull",
    status: 200,
    aSees: ["plan", "session", "run", "assessment"],
    send: (r, via) => call("GET", "/sync/pull", as(r, via)),
  },
  {
    route: "GET /sync/pull?cursor={A's cursor}",
    status: 200,
    send: (r, via) => call("GET", `/sync/pull?cursor=${encodeURIComponent(aCursor)}`, as(r, via)),
  },
  {
    route: "GET /devices",
    status: 200,
    aSees: ["phone"],
    send: (r, via) => call("GET", "/devices", as(r, via)),
  },
  { route: "GET /me", status: 200, send: (r, via) => call("GET", "/me", as(r, via)) },
  {
    route: "GET /export",
    status: 200,
    aSees: ["plan", "session", "run", "assessment"],
    send: (r, via) => call("GET", "/export", as(r, via)),
  },
  {
    route: "GET /export/sets.csv",
    status: 200,
    aSees: ["session"],
    send: (r, via) => call("GET", "/export/sets.csv", as(r, via)),
  },
  {
    route: "GET /export/runs.csv",
    status: 200,
    aSees: ["run"],
    send: (r, via) => call("GET", "/export/runs.csv", as(r, via)),
  },
  {
    route: "GET /export/assessments.csv",
    status: 200,
    aSees: ["assessment"],
    send: (r, via) => call("GET", "/export/assessments.csv", as(r, via)),
  },
  { route: "GET /calendar", status: 200, send: (r, via) => call("GET", "/calendar", as(r, via)) },
  {
    route: "POST /plans/generate",
    status: 200,
    send: (r, via) =>
      call("POST", "/plans/generate", {
        ...as(r, via),
        body: {
          running_week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            weekday,
            run: weekday === 6 ? "long" : "rest",
          })),
          sessions_per_week: 2,
          minutes: 30,
          level: "some",
          start_date: "2026-11-23",
        },
      }),
  },
  { route: "page /", status: 200, aSees: ["plan", "phone"], send: (r) => page("/", r.user.cookie) },
  { route: "page /plan", status: 200, aSees: ["plan"], send: (r) => page("/plan", r.user.cookie) },
  { route: "page /run", status: 200, aSees: ["plan"], send: (r) => page("/run", r.user.cookie) },
  {
    route: "page /history",
    status: 200,
    aSees: ["session", "run", "assessment"],
    send: (r) => page("/history", r.user.cookie),
  },
  { route: "page /runs", status: 200, aSees: ["run"], send: (r) => page("/runs", r.user.cookie) },
  {
    route: "page /runs?before=",
    status: 200,
    aSees: ["run"],
    send: (r) => page("/runs?before=2026-11-30", r.user.cookie),
  },
  {
    route: "page /assessments",
    status: 200,
    aSees: ["assessment"],
    send: (r) => page("/assessments", r.user.cookie),
  },
  {
    route: "GET /assessments/data.json",
    status: 200,
    aSees: ["plankSeconds"],
    send: (r) => page("/assessments/data.json", r.user.cookie),
  },
  { route: "page /progress", status: 200, send: (r) => page("/progress", r.user.cookie) },
  {
    route: "GET /web/progress.json",
    status: 200,
    send: (r) => page("/web/progress.json", r.user.cookie),
  },
  {
    route: "GET /web/state.json",
    status: 200,
    send: (r) => page("/web/state.json", r.user.cookie),
  },
  {
    route: "page /devices",
    status: 200,
    aSees: ["phone"],
    send: (r) => page("/devices", r.user.cookie),
  },
  {
    route: "page /exercises/squat",
    status: 200,
    send: (r) => page("/exercises/squat", r.user.cookie),
  },
];

/** Which credentials a row is tried with: the API both, a web page only the cookie. */
const credentialsFor = (route: string): Credential[] =>
  route.startsWith("page ") || (route.includes(".json") && !route.includes("/sync/"))
    ? ["cookie"]
    : ["token", "cookie"];

describe("isolation: B with A's ids", () => {
  it.each(BY_ID)("$route is 404 and changes nothing of A's", async ({ route, send }) => {
    for (const via of credentialsFor(route)) {
      const before = await rowsOfA();
      const res = await send(via);
      expect(res.status, `${route} (${via})`).toBe(404);
      await expectAUntouched(before, res, `${route} (${via})`);
    }
  });

  it.each(READS)("$route shows B nothing of A's", async ({ route, status, aSees, send }) => {
    for (const via of credentialsFor(route)) {
      // A's own answer holds A's data, so the absence below means something.
      const own = await send(a, via);
      const ownText = typeof own.body === "string" ? own.body : JSON.stringify(own.body);
      for (const key of aSees ?? []) expect(ownText, `A's ${route} (${via})`).toContain(words[key]);
      const before = await rowsOfA();
      const res = await send(b, via);
      expect(res.status, `${route} (${via})`).toBe(status);
      await expectAUntouched(before, res, `${route} (${via})`);
      const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
      // B's settings name A's plan id on purpose; every other id of A's must stay unseen.
      const { plan: _, ...others } = ids;
      for (const id of Object.values(others))
        expect(text, `${route} (${via}) names ${id}`).not.toContain(id);
    }
  });

  it("A's devices keep working after B's attempts", async () => {
    expect((await call("GET", "/me", { token: a.watch.token })).status).toBe(200);
    expect((await call("GET", "/me", { token: aDevices.phone.token })).status).toBe(200);
    expect((await call("GET", "/me", { cookie: a.user.cookie })).status).toBe(200);
  });
});

/**
 * Pushes of B's that name A's ids. Ids are per account: each lands in B's namespace (never
 * `duplicate`, which would tell B that A has the id), and a conflict shows B only B's own
 * state. `own` is the kind of B's pull that must then hold the id.
 */
const PUSHES: { op: string; args: () => object; own?: string; status: string }[] = [
  { op: "set.delete", args: () => ({ id: ids.set }), status: "applied" },
  {
    op: "session.finish",
    args: () => ({ id: ids.session, ended_at: "2026-11-21T08:00:00Z", notes: "B was here" }),
    status: "applied",
  },
  { op: "session.delete", args: () => ({ id: ids.session }), status: "applied" },
  {
    op: "plan.put",
    args: () => ({ id: ids.plan, base_rev: 1, plan: { ...PLAN, name: "B's" } }),
    status: "conflict",
  },
  { op: "plan.delete", args: () => ({ id: ids.plan, base_rev: 1 }), status: "applied" },
  { op: "run.delete", args: () => ({ id: ids.run }), status: "applied" },
  {
    op: "session.start",
    args: () => ({ id: ids.session, started_at: "2026-11-21T07:00:00Z", name: "B's session" }),
    own: "sessions",
    status: "applied",
  },
  {
    op: "set.log",
    args: () => ({
      ...{ id: ids.set, session_id: ids.session, exercise_id: "plank", set_index: 0, hold_s: 30 },
      ...{ started_at: "2026-11-21T07:00:00Z", ended_at: "2026-11-21T07:00:30Z" },
    }),
    own: "sets",
    status: "applied",
  },
  {
    op: "run.log",
    args: () => ({
      id: ids.run,
      date: "2026-11-21",
      distance_m: 5000,
      duration_s: 1500,
      kind: "easy",
    }),
    own: "runs",
    status: "applied",
  },
  {
    op: "assessment.log",
    args: () => ({ id: ids.assessment, date: "2026-11-21", test: "push_up_max", value: 20 }),
    own: "assessments",
    status: "applied",
  },
  {
    op: "plan.put",
    args: () => ({ id: ids.plan, base_rev: 0, plan: { ...PLAN, name: "B's own plan" } }),
    own: "plans",
    status: "applied",
  },
];

describe("isolation: B pushes with A's ids", () => {
  it.each(PUSHES)(
    "$op on A's id ($status) lands in B's own namespace",
    async ({ op, args, own, status }) => {
      // A fresh runner per row: the rows cannot change each other's outcome (a delete would
      // otherwise tombstone the id for a later insert).
      const user = await signUp();
      const intruder = await pairDevice(user, "Bob watch");
      const before = await rowsOfA();
      const res = await push(intruder, [{ seq: 1, op, args: args() }]);
      expect(res.status).toBe(200);
      const [ack] = res.body.acks;
      expect(ack.status, JSON.stringify(ack)).toBe(status);
      await expectAUntouched(before, res, `${op} by B`);
      if (own) {
        const pulled = await pullAll(intruder);
        const rows = pulled.pages.flatMap((p) => p.changes[own]);
        expect(rows.map((r: { id: string }) => r.id)).toContain((args() as { id: string }).id);
      }
    },
  );
});

describe("a revoked device token", () => {
  it("is refused with 401 at once on every authenticated route of the OpenAPI document", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    const secured: [string, string, boolean][] = [];
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { security?: object[]; requestBody?: unknown }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        const security = (op.security ?? []) as object[];
        if (security.length > 0 && security.every((r) => Object.keys(r).length > 0))
          secured.push([
            method.toUpperCase(),
            path.replace(/\{\w+\}/g, aDevices.watch),
            !!op.requestBody,
          ]);
      }
    }
    expect(secured.length).toBeGreaterThanOrEqual(10);
    const phone = aDevices.phone;
    expect((await call("GET", "/me", { token: phone.token })).status).toBe(200);
    const revoked = await call("DELETE", `/devices/${phone.id}`, { cookie: a.user.cookie });
    expect(revoked.status).toBe(204);
    const before = await rowsOfA();
    for (const [method, path, hasBody] of secured) {
      const res = await call(method, path, {
        token: phone.token,
        ...(hasBody ? { body: {} } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error, `${method} ${path}`).toBe("unauthorized");
    }
    expect(await rowsOfA()).toEqual(before);
    // A's other credentials are not caught up in it.
    expect((await call("GET", "/me", { token: a.watch.token })).status).toBe(200);
  });

  it("revoking a browser's device signs that browser out at once", async () => {
    const revoked = await call("DELETE", `/devices/${aDevices.web}`, { token: a.watch.token });
    expect(revoked.status).toBe(204);
    expect((await call("GET", "/me", { cookie: a.user.cookie })).status).toBe(401);
    expect((await call("GET", "/sync/pull", { cookie: a.user.cookie })).status).toBe(401);
    expect((await page("/web/state.json", a.user.cookie)).status).toBe(401);
  });
});

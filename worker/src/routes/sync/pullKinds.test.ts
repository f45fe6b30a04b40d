// GET /sync/pull?kinds=…: only the named kinds are read and returned, following a filtered
// pull's cursor never skips a change of those kinds, and its cursor cannot continue a pull of
// other kinds. Against the real Worker and D1.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  call,
  type Device,
  numbered,
  pairDevice,
  push,
  sessionStart,
  setLog,
  signUp,
  snapshotDb,
  uid,
} from "../../../test/apiClient.ts";

const ALL_KINDS = ["plans", "sessions", "sets", "runs", "assessments", "settings"];

function pullKinds(device: Device, kinds: string | undefined, cursor?: string, limit?: number) {
  const q = new URLSearchParams();
  if (kinds !== undefined) q.set("kinds", kinds);
  if (cursor) q.set("cursor", cursor);
  if (limit) q.set("limit", String(limit));
  return call("GET", `/sync/pull?${q}`, { token: device.token });
}

const planBody = (name: string) => ({
  name,
  days: [
    {
      weekday: 2,
      items: [
        {
          exercise_id: "squat",
          mode: "reps",
          per_side: false,
          sets: 3,
          target_reps: 12,
          rest_s: 60,
        },
      ],
    },
  ],
});
const planPut = (id: string, baseRev: number, name: string) => ({
  op: "plan.put",
  args: { id, base_rev: baseRev, plan: planBody(name) },
});
const settingsPut = (rest: number) => ({ op: "settings.put", args: { rest_s_default: rest } });
const runLog = (id: string) => ({
  op: "run.log",
  args: { id, date: "2026-11-20", distance_m: 5000, duration_s: 1500, kind: "easy" },
});
const assessmentLog = (id: string) => ({
  op: "assessment.log",
  args: { id, date: "2026-11-20", test: "plank_hold", value: 60 },
});

/** A pushing device that numbers its own mutations. */
function outbox(device: Device) {
  let seq = 0;
  return async (...bodies: { op: string; args: unknown }[]) => {
    const res = await push(device, numbered(seq + 1, bodies));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seq += bodies.length;
    return res;
  };
}

/** One of every kind, each in its own push. */
async function oneOfEach(send: ReturnType<typeof outbox>) {
  const s = uid("s");
  await send(planPut(uid("p"), 0, "Base"));
  await send(sessionStart(s), setLog(uid("x"), s));
  await send(runLog(uid("r")));
  await send(assessmentLog(uid("a")));
  await send(settingsPut(90));
}

describe("pull with kinds=", () => {
  it("returns only the named kinds; the other groups are present and empty", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await oneOfEach(outbox(watch));
    const res = await pullKinds(watch, "settings,plans");
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(
      Object.entries(res.body.changes).map(([k, v]) => [k, (v as unknown[]).length]),
    );
    expect(counts).toEqual({
      plans: 1,
      sessions: 0,
      sets: 0,
      runs: 0,
      assessments: 0,
      settings: 1,
    });
    expect(res.body.has_more).toBe(false);
    for (const kind of ALL_KINDS) {
      const one = await pullKinds(watch, kind);
      for (const [k, rows] of Object.entries(one.body.changes)) {
        expect((rows as unknown[]).length, `kinds=${kind}: ${k}`).toBe(k === kind ? 1 : 0);
      }
    }
    // Naming every kind is the same pull as naming none, cursor included.
    const every = await pullKinds(watch, ALL_KINDS.join(","));
    expect(every.body).toEqual((await pullKinds(watch, undefined)).body);
  });

  it("following has_more pages (limit 1) never skips a plan or settings change, even while another device pushes", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const phone = await pairDevice(user, "Phone", "zepp");
    const send = outbox(watch);
    const planIds = [uid("p"), uid("p"), uid("p")];
    await send(planPut(planIds[0] as string, 0, "A1"));
    await send(sessionStart(uid("s")));
    await send(settingsPut(75), runLog(uid("r")));
    await send(planPut(planIds[1] as string, 0, "B1"), planPut(planIds[2] as string, 0, "C1"));

    const plans = new Map<string, { id: string; rev: number; plan: { name: string } | null }>();
    let settings: unknown = null;
    let cursor: string | undefined;
    let lastVersion = 0;
    const cursorVersion = (c: string) => Number.parseInt(c.split(".")[2] ?? "", 36);
    const interleaved = [
      () => send(planPut(planIds[0] as string, 1, "A2"), setLog(uid("x"), uid("s"))),
      () => send(settingsPut(120)),
      () => send(runLog(uid("r")), assessmentLog(uid("a"))),
      () => send(planPut(planIds[1] as string, 1, "B2")),
    ];
    for (let i = 0; i < 50; i++) {
      const page = await pullKinds(phone, "plans,settings", cursor, 1);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      for (const k of ["sessions", "sets", "runs", "assessments"])
        expect(page.body.changes[k]).toEqual([]);
      for (const p of page.body.changes.plans) plans.set(p.id, p);
      for (const s of page.body.changes.settings) settings = s;
      expect(cursorVersion(page.body.cursor)).toBeGreaterThanOrEqual(lastVersion);
      lastVersion = cursorVersion(page.body.cursor);
      cursor = page.body.cursor;
      // Another device pushes between the phone's pages.
      await interleaved.shift()?.();
      if (!page.body.has_more && interleaved.length === 0) break;
    }
    // One more pull after the last interleaved push picks up whatever is left.
    for (let i = 0; i < 10; i++) {
      const page = await pullKinds(phone, "plans,settings", cursor, 1);
      for (const p of page.body.changes.plans) plans.set(p.id, p);
      for (const s of page.body.changes.settings) settings = s;
      cursor = page.body.cursor;
      if (!page.body.has_more) break;
    }
    const everything = await pullKinds(phone, undefined);
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId([...plans.values()])).toEqual(byId(everything.body.changes.plans));
    expect(plans.get(planIds[0] as string)?.plan?.name).toBe("A2");
    expect(plans.get(planIds[1] as string)?.plan?.name).toBe("B2");
    expect(settings).toEqual(everything.body.changes.settings[0]);
    expect((settings as { rest_s_default: number }).rest_s_default).toBe(120);
  });

  it("property: interleaved pushes and filtered pages of any limit leave the phone's plans and settings equal to the server's", async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("newPlan" as const) }),
      fc.record({ kind: fc.constant("editPlan" as const), which: fc.nat(5) }),
      fc.record({
        kind: fc.constant("settings" as const),
        rest: fc.integer({ min: 10, max: 600 }),
      }),
      fc.record({ kind: fc.constant("other" as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant("pull" as const), limit: fc.integer({ min: 1, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const user = await signUp();
        const watch = await pairDevice(user);
        const phone = await pairDevice(user, "Phone", "zepp");
        const send = outbox(watch);
        const revs = new Map<string, number>();
        const mirror = { plans: new Map<string, unknown>(), settings: null as unknown };
        let cursor: string | undefined;
        const apply = (body: { changes: { plans: { id: string }[]; settings: unknown[] } }) => {
          for (const p of body.changes.plans) mirror.plans.set(p.id, p);
          for (const s of body.changes.settings) mirror.settings = s;
        };
        for (const s of steps) {
          if (s.kind === "newPlan") {
            const id = uid("p");
            await send(planPut(id, 0, id));
            revs.set(id, 1);
          } else if (s.kind === "editPlan" && revs.size > 0) {
            const id = [...revs.keys()][s.which % revs.size] as string;
            const rev = revs.get(id) as number;
            await send(planPut(id, rev, `${id} r${rev + 1}`));
            revs.set(id, rev + 1);
          } else if (s.kind === "settings") {
            await send(settingsPut(s.rest));
          } else if (s.kind === "other") {
            const session = uid("s");
            await send(
              sessionStart(session),
              ...Array.from({ length: s.count }, (_, i) =>
                setLog(uid("x"), session, { set_index: i }),
              ),
            );
          } else if (s.kind === "pull") {
            // One page only: the phone may stop anywhere and carry on later.
            const page = await pullKinds(phone, "plans,settings", cursor, s.limit);
            expect(page.status).toBe(200);
            apply(page.body);
            cursor = page.body.cursor;
          }
        }
        for (let i = 0; i < 100; i++) {
          const page = await pullKinds(phone, "plans,settings", cursor, 2);
          apply(page.body);
          cursor = page.body.cursor;
          if (!page.body.has_more) break;
        }
        const server = await pullKinds(phone, "plans,settings");
        const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId([...mirror.plans.values()] as { id: string }[])).toEqual(
          byId(server.body.changes.plans),
        );
        expect(mirror.settings).toEqual(server.body.changes.settings[0] ?? null);
      }),
      { numRuns: 8 },
    );
    // Eight accounts of real pushes and pulls in workerd: seconds each on two shared cores.
  }, 60_000);

  it("a push larger than the limit still comes as one page with a filter", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const send = outbox(watch);
    await send(planPut(uid("p"), 0, "one"), planPut(uid("p"), 0, "two"), settingsPut(30));
    const page = await pullKinds(watch, "plans,settings", undefined, 1);
    expect(page.body.changes.plans).toHaveLength(2);
    expect(page.body.changes.settings).toHaveLength(1);
    expect(page.body.has_more).toBe(false);
  });

  it("a filtered cursor continues only pulls of kinds it covers; reusing it for other kinds is 400 invalid_query", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const send = outbox(watch);
    await oneOfEach(send);
    const filtered = await pullKinds(watch, "plans,settings");
    const cursor = filtered.body.cursor as string;
    const unfiltered = await pullKinds(watch, undefined);
    expect(cursor).not.toBe(unfiltered.body.cursor);

    // The same kinds, or fewer: fine.
    for (const kinds of ["plans,settings", "settings,plans", "plans", "settings"]) {
      const res = await pullKinds(watch, kinds, cursor);
      expect(res.status, kinds).toBe(200);
    }
    // Any kind the cursor did not read: refused, with a sentence, and nothing changes.
    const before = await snapshotDb();
    for (const kinds of [undefined, "sets", "plans,sessions", ALL_KINDS.join(",")]) {
      const res = await pullKinds(watch, kinds, cursor);
      expect(res.status, String(kinds)).toBe(400);
      expect(res.body.error).toBe("invalid_query");
      expect(res.body.message).toMatch(/^This cursor comes from a pull of plans, settings only/);
      expect(res.body.issues).toEqual([{ path: "cursor", message: expect.any(String) }]);
    }
    expect(await snapshotDb()).toEqual(before);
    // An unfiltered cursor continues any filtered pull.
    await send(planPut(uid("p"), 0, "Later"), settingsPut(45));
    const next = await pullKinds(watch, "plans", unfiltered.body.cursor);
    expect(next.status).toBe(200);
    expect(next.body.changes.plans.map((p: { plan: { name: string } }) => p.plan.name)).toEqual([
      "Later",
    ]);
    expect(next.body.changes.settings).toEqual([]);
  });

  it("reset is unchanged with a filter: a cursor from another epoch answers {reset: true}", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await outbox(watch)(planPut(uid("p"), 0, "Base"));
    const { cursor } = (await pullKinds(watch, "plans")).body;
    await env.DB.prepare("UPDATE sync_state SET epoch = 'restored' WHERE user_id = ?1")
      .bind(user.id)
      .run();
    expect((await pullKinds(watch, "plans", cursor)).body).toEqual({ reset: true });
    const fresh = await pullKinds(watch, "plans");
    expect(fresh.body.changes.plans).toHaveLength(1);
    expect(fresh.body.cursor).toMatch(/restored/);
  });

  it("unknown, empty or repeated kinds are 400 invalid_query with a human sentence", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const cases: [query: string, message: RegExp][] = [
      [
        "kinds=plans,bogus",
        /^Unknown kind "bogus" in kinds: name any of plans, sessions, sets, runs, assessments, settings/,
      ],
      ["kinds=Plans", /^Unknown kind "Plans"/],
      ["kinds=", /^The kinds parameter names no kind/],
      ["kinds=,%20,", /^The kinds parameter names no kind/],
      ["kinds=plans&kinds=sets", /^Give kinds once, as a comma-separated list/],
      [`kinds=${"plans,".repeat(50)}`, /^The kinds parameter is too long/],
    ];
    for (const [query, message] of cases) {
      const res = await call("GET", `/sync/pull?${query}`, { token: watch.token });
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toBe("invalid_query");
      expect(res.body.message, query).toMatch(message);
      expect(res.body.message, query).toMatch(/\.$/);
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain("kinds");
    }
    // Spaces around names and repeats inside the list are tolerated.
    const ok = await call("GET", "/sync/pull?kinds=%20plans%20,settings,plans", {
      token: watch.token,
    });
    expect(ok.status).toBe(200);
  });

  it("the OpenAPI document lists kinds as an optional query parameter of GET /sync/pull", async () => {
    const doc = await call("GET", "/openapi.json");
    const params = doc.body.paths["/sync/pull"].get.parameters as {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
      schema: { type?: string };
    }[];
    const kinds = params.find((p) => p.name === "kinds");
    expect(kinds).toMatchObject({ in: "query", schema: { type: "string" } });
    expect(kinds?.required ?? false).toBe(false);
    expect(JSON.stringify(kinds)).toContain("plans, sessions, sets, runs, assessments, settings");
  });
});

// Users split over two real local D1 stores (DB = store 0, DB_1 = store 1, both migrated), the
// app run with D1_STORES=2: every route group works for a user of either store, each user's rows
// are in their store only, neither user reaches the other's data, and a move through the
// directory keeps a user's sign-in, devices, links and data.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type Device,
  numbered,
  pairDevice,
  pullAll,
  push,
  sessionStart,
  setLog,
  type User,
  uid,
} from "../../test/apiClient.ts";
import { signUpOn, splitEnv, useSplitStores } from "../../test/splitStores.ts";
import { MoveAborted, moveUser } from "./moveUser.ts";
import { storeBinding } from "./stores.ts";

const app = useSplitStores();

const ORIGIN = "http://localhost";
const PLAN = {
  name: "Split block",
  start_date: "2027-03-01",
  weeks: 4,
  days: [
    {
      weekday: 2,
      title: "Lower body",
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

async function rowsIn(store: number, table: string, userColumn: string, userId: string) {
  const row = await storeBinding(splitEnv, store)
    .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${userColumn} = ?1`)
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function page(path: string, cookie?: string) {
  const res = await app.fetch(
    new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }),
    splitEnv,
    createExecutionContext(),
  );
  return { status: res.status, text: await res.text() };
}

type Runner = {
  user: User;
  watch: Device;
  store: number;
  sessionId: string;
  setId: string;
  runId: string;
  planId: string;
};

/** A new account on `store` with a session, a set, a run and an active plan. */
async function runnerOn(store: number): Promise<Runner> {
  const user = await signUpOn(store);
  const watch = await pairDevice(user);
  const sessionId = uid("s");
  const setId = uid("set");
  const runId = uid("run");
  const planId = uid("plan");
  const res = await push(
    watch,
    numbered(1, [
      sessionStart(sessionId),
      setLog(setId, sessionId),
      {
        op: "run.log",
        args: { id: runId, date: "2026-11-19", distance_m: 8000, duration_s: 2700, kind: "easy" },
      },
      { op: "plan.put", args: { id: planId, base_rev: 0, plan: PLAN } },
      { op: "settings.put", args: { active_plan_id: planId } },
    ]),
  );
  expect(res.status).toBe(200);
  expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual(Array(5).fill("applied"));
  return { user, watch, store, sessionId, setId, runId, planId };
}

const runners: Runner[] = [];
beforeAll(async () => {
  runners.push(await runnerOn(0), await runnerOn(1));
});

describe.each([0, 1])("a user on store %i", (store) => {
  const me = () => runners[store] as Runner;
  const other = () => runners[1 - store] as Runner;

  it("has every row in their own store and none in the other", async () => {
    const { user } = me();
    for (const [table, column] of [
      ["users", "id"],
      ["sync_state", "user_id"],
      ["devices", "user_id"],
      ["auth_sessions", "user_id"],
      ["sets", "user_id"],
      ["runs", "user_id"],
      ["plans", "user_id"],
    ] as const) {
      expect(await rowsIn(store, table, column, user.id), `${table} in own store`).toBeGreaterThan(
        0,
      );
      expect(await rowsIn(1 - store, table, column, user.id), `${table} in other store`).toBe(0);
    }
  });

  it("auth: /me with cookie and token, sign in again, log out", async () => {
    const { user, watch } = me();
    expect((await call("GET", "/me", { cookie: user.cookie })).body.user.id).toBe(user.id);
    expect((await call("GET", "/me", { token: watch.token })).body.user.id).toBe(user.id);
    const login = await call("POST", "/auth/login", {
      body: { email: user.email, password: "correct horse battery" },
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await call("GET", "/me", { cookie })).body.user.id).toBe(user.id);
    expect((await call("POST", "/auth/logout", { cookie })).status).toBe(204);
    expect((await call("GET", "/me", { cookie })).status).toBe(401);
    // A wrong password is refused the same way on every store.
    const wrong = await call("POST", "/auth/login", {
      body: { email: user.email, password: "not the password" },
    });
    expect(wrong.status).toBe(401);
  });

  it("devices: lists its watch; a revoked second device's token stops working", async () => {
    const { user, watch } = me();
    const second = await pairDevice(user, "Second watch");
    const list = await call("GET", "/devices", { cookie: user.cookie });
    const ids = list.body.devices.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([watch.id, second.id]));
    expect((await call("DELETE", `/devices/${second.id}`, { cookie: user.cookie })).status).toBe(
      204,
    );
    expect((await call("GET", "/me", { token: second.token })).status).toBe(401);
  });

  it("sync: pull brings back exactly this user's rows", async () => {
    const { watch, setId, runId, planId, sessionId } = me();
    const { pages } = await pullAll(watch);
    const all = (k: string) => pages.flatMap((p) => p.changes[k].map((r: { id: string }) => r.id));
    expect(all("sets")).toEqual([setId]);
    expect(all("runs")).toEqual([runId]);
    expect(all("plans")).toEqual([planId]);
    expect(all("sessions")).toEqual([sessionId]);
  });

  it("plans, sessions, exports: today's plan, the FIT file, the JSON and CSV exports", async () => {
    const { watch, user, sessionId, setId } = me();
    const today = await call("GET", "/plans/today", { token: watch.token });
    expect(today.status, JSON.stringify(today.body)).toBe(200);
    const fit = await call("GET", `/sessions/${sessionId}/activity.fit`, { token: watch.token });
    expect(fit.status, JSON.stringify(fit.body)).toBe(200);
    const exported = await call("GET", "/export", { cookie: user.cookie });
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(setId);
    const csv = await call("GET", "/export/sets.csv", { cookie: user.cookie });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(setId);
  });

  it("calendar: the feed URL serves this user's plan without credentials", async () => {
    const { user } = me();
    const url = new URL((await call("GET", "/calendar", { cookie: user.cookie })).body.url);
    const feed = await page(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain("BEGIN:VCALENDAR");
    expect(feed.text).toContain("Lower body");
  });

  it("shares: the plan link shows the plan to anyone; the other user's links are theirs", async () => {
    const { user, planId } = me();
    const shared = await call("POST", `/plans/${planId}/share`, { cookie: user.cookie });
    expect(shared.status).toBe(201);
    const api = await call("GET", `/shared/plans/${shared.body.token}`);
    expect(api.status).toBe(200);
    expect(api.body.plan.name).toBe("Split block");
    // Signed in as the other user (on the other store), the page still finds this plan.
    const seen = await page(`/shared/plans/${shared.body.token}`, other().user.cookie);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain("Split block");
  });

  it("web pages: dashboard, history and the session page render this user's data", async () => {
    const { user, sessionId } = me();
    expect((await page("/", user.cookie)).status).toBe(200);
    expect((await page("/history", user.cookie)).status).toBe(200);
    const detail = await page(`/history/${sessionId}`, user.cookie);
    expect(detail.status).toBe(200);
  });

  it("isolation: the other store's user reaches none of this user's data", async () => {
    const mine = me();
    const them = other();
    const { pages } = await pullAll(them.watch);
    const ids = pages.flatMap((p) =>
      ["sets", "runs", "plans", "sessions"].flatMap((k) =>
        p.changes[k].map((r: { id: string }) => r.id),
      ),
    );
    for (const id of [mine.setId, mine.runId, mine.planId, mine.sessionId]) {
      expect(ids).not.toContain(id);
    }
    const fit = await call("GET", `/sessions/${mine.sessionId}/activity.fit`, {
      token: them.watch.token,
    });
    expect(fit.status).toBe(404);
    expect(
      (await call("DELETE", `/devices/${mine.watch.id}`, { cookie: them.user.cookie })).status,
    ).toBe(404);
    expect((await page(`/history/${mine.sessionId}`, them.user.cookie)).status).toBe(404);
    // A delete of this user's set by id, from the other user, changes nothing here.
    await push(them.watch, numbered(6, [{ op: "set.delete", args: { id: mine.setId } }]));
    const row = await storeBinding(splitEnv, store)
      .prepare("SELECT deleted FROM sets WHERE user_id = ?1 AND id = ?2")
      .bind(mine.user.id, mine.setId)
      .first<{ deleted: number }>();
    expect(row?.deleted).toBe(0);
  });
});

describe("a move through the directory", () => {
  it("moves a store-1 user to store 0: sign-in, token, links and data follow", async () => {
    const r = await runnerOn(1);
    const shared = await call("POST", `/plans/${r.planId}/share`, { cookie: r.user.cookie });
    const copied = await moveUser(splitEnv, r.user.id, 1, 0, { settle: async () => {} });
    expect(copied).toBeGreaterThan(5);
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(1);
    expect(await rowsIn(1, "users", "id", r.user.id)).toBe(0);
    const dir = await env.DB.prepare("SELECT store FROM user_directory WHERE user_id = ?1")
      .bind(r.user.id)
      .first<{ store: number }>();
    expect(dir?.store).toBe(0);
    // Old cookie, old device token, the share link: all still work, now served by store 0.
    expect((await call("GET", "/me", { cookie: r.user.cookie })).body.user.id).toBe(r.user.id);
    const { pages } = await pullAll(r.watch);
    expect(pages.flatMap((p) => p.changes.sets.map((s: { id: string }) => s.id))).toEqual([
      r.setId,
    ]);
    expect((await call("GET", `/shared/plans/${shared.body.token}`)).status).toBe(200);
    // New writes land in store 0.
    const more = uid("set");
    const res = await push(r.watch, numbered(6, [setLog(more, r.sessionId, { set_index: 1 })]));
    expect(res.body.acks[0].status).toBe("applied");
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(2);
    expect(await rowsIn(1, "sets", "user_id", r.user.id)).toBe(0);
    // Signing in by email finds the moved account too.
    const login = await call("POST", "/auth/login", {
      body: { email: r.user.email, password: "correct horse battery" },
    });
    expect(login.status).toBe(200);
  });

  it("an email is unique across stores", async () => {
    const r = runners[1] as Runner;
    const again = await call("POST", "/auth/signup", {
      body: { email: r.user.email, password: "correct horse battery" },
    });
    expect(again.status).toBe(409);
  });

  it("refuses the user's writes while the move is under way (429, Retry-After) and reads go on", async () => {
    const r = await runnerOn(1);
    const during: { push: Awaited<ReturnType<typeof push>>; pullStatus: number }[] = [];
    const copied = await moveUser(splitEnv, r.user.id, 1, 0, {
      settle: async () => {
        const refused = await push(r.watch, numbered(6, [setLog(uid("set"), r.sessionId)]));
        const pull = await call("GET", "/sync/pull", { token: r.watch.token });
        during.push({ push: refused, pullStatus: pull.status });
        // A signed-in page's write is refused the same way.
        const run = await call("POST", "/sync/push", {
          cookie: r.user.cookie,
          body: { schema: 1, mutations: [] },
        });
        expect(run.status).toBe(429);
      },
    });
    expect(copied).toBeGreaterThan(5);
    const [seen] = during;
    expect(seen?.push.status).toBe(429);
    expect(seen?.push.body).toMatchObject({ error: "rate_limited" });
    expect(seen?.push.body.message).toMatch(/being moved to new storage, so nothing was changed/);
    expect(Number(seen?.push.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(seen?.pullStatus).toBe(200);
    // Nothing of the refused push was kept anywhere; the same seq now goes through, in store 0.
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(1);
    const again = await push(r.watch, numbered(6, [setLog(uid("set"), r.sessionId)]));
    expect(again.body.acks[0].status).toBe("applied");
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(2);
    expect(await rowsIn(1, "users", "id", r.user.id)).toBe(0);
    const dir = await env.DB.prepare(
      "SELECT store, frozen_until AS frozen FROM user_directory WHERE user_id = ?1",
    )
      .bind(r.user.id)
      .first<{ store: number; frozen: number | null }>();
    expect(dir).toEqual({ store: 0, frozen: null });
  });

  it("a write that reaches the old store during the copy aborts the move and puts all back", async () => {
    const r = await runnerOn(1);
    // A request slower than the settle: its write lands in store 1 while store 0 takes the copy.
    let slipped = false;
    const target = new Proxy(env.DB, {
      get(db, key) {
        if (key === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (!slipped) {
              slipped = true;
              await storeBinding(splitEnv, 1)
                .prepare("UPDATE sets SET reps = 99 WHERE id = ?1")
                .bind(r.setId)
                .run();
            }
            return db.batch(statements);
          };
        }
        const value = Reflect.get(db, key);
        return typeof value === "function" ? value.bind(db) : value;
      },
    });
    const racingEnv = { ...splitEnv, DB: target } as unknown as Env;
    await expect(moveUser(racingEnv, r.user.id, 1, 0, { settle: async () => {} })).rejects.toThrow(
      MoveAborted,
    );
    expect(slipped).toBe(true);
    // Store 0 holds nothing of theirs, store 1 everything (the late write included), no freeze.
    expect(await rowsIn(0, "users", "id", r.user.id)).toBe(0);
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(0);
    expect(await rowsIn(1, "sets", "user_id", r.user.id)).toBe(1);
    const dir = await env.DB.prepare("SELECT store FROM user_directory WHERE user_id = ?1")
      .bind(r.user.id)
      .first();
    expect(dir).toBeNull();
    const after = await push(r.watch, numbered(6, [setLog(uid("set"), r.sessionId)]));
    expect(after.body.acks[0].status).toBe("applied");
    expect(await rowsIn(1, "sets", "user_id", r.user.id)).toBe(2);
  });

  it("refuses to move a user from a store they do not live in", async () => {
    const r = await runnerOn(1);
    await expect(moveUser(splitEnv, r.user.id, 0, 1, { settle: async () => {} })).rejects.toThrow(
      MoveAborted,
    );
    expect(await rowsIn(1, "sets", "user_id", r.user.id)).toBe(1);
    const dir = await env.DB.prepare("SELECT store FROM user_directory WHERE user_id = ?1")
      .bind(r.user.id)
      .first();
    expect(dir).toBeNull();
  });

  it("a second move of the same user while one is under way is refused and harms neither", async () => {
    const r = await runnerOn(1);
    let second: unknown = null;
    await moveUser(splitEnv, r.user.id, 1, 0, {
      settle: async () => {
        second = await moveUser(splitEnv, r.user.id, 1, 0, { settle: async () => {} }).catch(
          (e: unknown) => e,
        );
      },
    });
    expect(second).toBeInstanceOf(MoveAborted);
    expect((second as Error).message).toBe("another move of this user is under way");
    expect(await rowsIn(0, "sets", "user_id", r.user.id)).toBe(1);
    expect(await rowsIn(1, "users", "id", r.user.id)).toBe(0);
  });

  it("a copy that outlasts the freeze is not switched over: everything is put back", async () => {
    const r = await runnerOn(1);
    let clock = Date.now();
    const slow = moveUser(splitEnv, r.user.id, 1, 0, {
      now: () => clock,
      // Settling and copying took six minutes: writes may already be coming back.
      settle: async () => {
        clock += 6 * 60_000;
      },
    });
    await expect(slow).rejects.toThrow("the copy took longer than the freeze allows");
    expect(await rowsIn(0, "users", "id", r.user.id)).toBe(0);
    expect(await rowsIn(1, "sets", "user_id", r.user.id)).toBe(1);
    const dir = await env.DB.prepare("SELECT store FROM user_directory WHERE user_id = ?1")
      .bind(r.user.id)
      .first();
    expect(dir).toBeNull();
  });
});

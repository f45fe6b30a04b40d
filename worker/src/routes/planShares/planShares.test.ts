// Read-only plan links inside workerd with the real D1: make, repeat, show without sign-in and
// without the owner, stop, and the ends of a link (stopped, plan deleted, account deleted);
// another runner can neither share nor stop A's plan.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  type Device,
  dbCount,
  pairDevice,
  push,
  signUp,
  type User,
  uid,
} from "../../../test/apiClient.ts";

const worker = (exports as unknown as { default: Fetcher }).default;

const PLAN = {
  name: `Hill block ${uid()}`,
  notes: "Two short sessions, legs first.",
  start_date: "2027-03-01",
  weeks: 6,
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
  overrides: [{ date: "2027-03-02", day: { weekday: 2, title: "Swapped", items: [] } }],
};

async function owner(): Promise<{ user: User; watch: Device; planId: string }> {
  const user = await signUp();
  const watch = await pairDevice(user);
  const planId = uid("plan");
  const res = await push(watch, [
    { seq: 1, op: "plan.put", args: { id: planId, base_rev: 0, plan: PLAN } },
  ]);
  expect(res.body.acks[0].status).toBe("applied");
  return { user, watch, planId };
}

async function page(path: string, cookie?: string) {
  const res = await worker.fetch(
    new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }),
  );
  return { status: res.status, text: await res.text() };
}

const share = (planId: string, auth: { cookie?: string; token?: string }) =>
  call("POST", `/plans/${encodeURIComponent(planId)}/share`, auth);
const unshare = (planId: string, auth: { cookie?: string; token?: string }) =>
  call("DELETE", `/plans/${encodeURIComponent(planId)}/share`, auth);

describe("POST /plans/{id}/share", () => {
  it("answers 201 with a new link, then 200 with the same link", async () => {
    const a = await owner();
    const first = await share(a.planId, { cookie: a.user.cookie });
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body.url).toBe(`http://localhost/shared/plans/${first.body.token}`);
    const again = await share(a.planId, { token: a.watch.token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it("answers 404 for a plan the runner does not have, whatever the id looks like", async () => {
    const a = await owner();
    for (const id of ["nope", "x".repeat(41), "bad id!"]) {
      const res = await share(id, { cookie: a.user.cookie });
      expect(res.status, id).toBe(404);
      expect(res.body.error).toBe("not_found");
    }
    expect(await dbCount("plan_shares WHERE user_id = ?1", a.user.id)).toBe(0);
  });

  it("needs an account and refuses a cross-site request", async () => {
    const a = await owner();
    expect((await share(a.planId, {})).status).toBe(401);
    const csrf = await call("POST", `/plans/${a.planId}/share`, {
      cookie: a.user.cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(csrf.status).toBe(403);
    expect(await dbCount("plan_shares WHERE user_id = ?1", a.user.id)).toBe(0);
  });
});

describe("GET /shared/plans/{token}", () => {
  it("shows the plan to anyone, without the owner's one-day changes, ids or email", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const res = await call("GET", `/shared/plans/${token}`);
    expect(res.status).toBe(200);
    const { overrides: _personal, ...shown } = PLAN;
    expect(res.body).toEqual({ plan: shown });
    const text = JSON.stringify(res.body);
    for (const secret of [a.user.email, a.user.id, a.planId]) expect(text).not.toContain(secret);
  });

  it("the web page shows the plan to a signed-out visitor with a way to sign in and copy", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const res = await page(`/shared/plans/${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(PLAN.name);
    expect(res.text).toContain("Squat");
    expect(res.text).toContain(`/?next=${encodeURIComponent(`/shared/plans/${token}`)}`);
    for (const secret of [a.user.email, a.user.id, a.planId])
      expect(res.text).not.toContain(secret);
    const b = await signUp();
    const signedIn = await page(`/shared/plans/${token}`, b.cookie);
    expect(signedIn.text).toContain(`data-copy-plan="${token}"`);
    expect(signedIn.text).not.toContain(a.user.email);
  });

  it("answers 404 (API and page) for unknown and malformed tokens", async () => {
    for (const token of ["A".repeat(43), "short", `${"A".repeat(42)}!`]) {
      const res = await call("GET", `/shared/plans/${encodeURIComponent(token)}`);
      expect(res.status, token).toBe(404);
      expect(res.body.error).toBe("not_found");
      expect((await page(`/shared/plans/${encodeURIComponent(token)}`)).status).toBe(404);
    }
  });
});

describe("DELETE /plans/{id}/share", () => {
  it("stops the link: 204, then API and page 404; sharing again makes a new link", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const res = await unshare(a.planId, { cookie: a.user.cookie });
    expect(res.status).toBe(204);
    expect((await call("GET", `/shared/plans/${token}`)).status).toBe(404);
    const gone = await page(`/shared/plans/${token}`);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain("not shared");
    expect((await unshare(a.planId, { token: a.watch.token })).status).toBe(204);
    const again = await share(a.planId, { cookie: a.user.cookie });
    expect(again.status).toBe(201);
    expect(again.body.token).not.toBe(token);
    expect((await call("GET", `/shared/plans/${token}`)).status).toBe(404);
  });

  it("deleting the plan ends its link, and a deleted plan cannot be shared", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const del = await push(a.watch, [
      { seq: 2, op: "plan.delete", args: { id: a.planId, base_rev: 1 } },
    ]);
    expect(del.body.acks[0].status).toBe("applied");
    expect((await call("GET", `/shared/plans/${token}`)).status).toBe(404);
    expect((await page(`/shared/plans/${token}`)).status).toBe(404);
    expect(await dbCount("plan_shares WHERE user_id = ?1", a.user.id)).toBe(0);
    expect((await share(a.planId, { cookie: a.user.cookie })).status).toBe(404);
  });

  it("deleting the account ends its links", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const del = await call("POST", "/account/delete-account", {
      cookie: a.user.cookie,
      body: { password: "correct horse battery" },
    });
    expect(del.status).toBe(204);
    expect((await call("GET", `/shared/plans/${token}`)).status).toBe(404);
  });
});

describe("isolation", () => {
  it("another runner can neither share nor stop A's plan (404), and A's link keeps working", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const b = await signUp();
    const bWatch = await pairDevice(b);
    for (const auth of [{ cookie: b.cookie }, { token: bWatch.token }]) {
      const s = await share(a.planId, auth);
      expect(s.status).toBe(404);
      expect(JSON.stringify(s.body)).not.toContain(token);
      expect((await unshare(a.planId, auth)).status).toBe(404);
    }
    expect(await dbCount("plan_shares WHERE user_id = ?1", b.id)).toBe(0);
    expect((await call("GET", `/shared/plans/${token}`)).status).toBe(200);
  });

  it("a copy is B's own plan: plan.put under a new id, and A's plan is untouched", async () => {
    const a = await owner();
    const { token } = (await share(a.planId, { cookie: a.user.cookie })).body;
    const shown = (await call("GET", `/shared/plans/${token}`)).body.plan;
    const b = await signUp();
    const bWatch = await pairDevice(b);
    const copyId = uid("copy");
    const res = await push(bWatch, [
      { seq: 1, op: "plan.put", args: { id: copyId, base_rev: 0, plan: shown } },
    ]);
    expect(res.body.acks[0].status).toBe("applied");
    expect(await dbCount("plans WHERE user_id = ?1 AND id = ?2", b.id, copyId)).toBe(1);
    expect((await call("GET", `/shared/plans/${token}`)).body.plan).toEqual(shown);
  });
});

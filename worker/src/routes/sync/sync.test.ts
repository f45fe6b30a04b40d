// The sync rules of the protocol, each proven against the real Worker and D1.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  numbered,
  pairDevice,
  pull,
  pullAll,
  push,
  sessionStart,
  setLog,
  signUp,
  uid,
} from "../../../test/apiClient.ts";

async function countRows(table: string, userId: string) {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?1`)
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
async function userVersion(userId: string) {
  const row = await env.DB.prepare("SELECT version FROM sync_state WHERE user_id = ?1")
    .bind(userId)
    .first<{ version: number }>();
  return row?.version ?? -1;
}

describe("push", () => {
  it("applies a session and its sets and acknowledges each seq", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const res = await push(
      watch,
      numbered(1, [
        sessionStart(s),
        setLog(uid(), s),
        setLog(uid(), s, { set_index: 1, reps: 10 }),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([
      { seq: 1, status: "applied" },
      { seq: 2, status: "applied" },
      { seq: 3, status: "applied" },
    ]);
    expect(res.body.last_seq).toBe(3);
    expect(await countRows("sets", user.id)).toBe(2);
    expect(await userVersion(user.id)).toBe(1);
  });

  it("1. lost response, client resends: duplicate, no new rows, version unchanged", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const batch = numbered(1, [sessionStart(s), setLog(uid(), s)]);
    expect((await push(watch, batch)).status).toBe(200);
    const before = await userVersion(user.id);
    const again = await push(watch, batch);
    expect(again.status).toBe(200);
    expect(again.body.acks.map((a: { status: string }) => a.status)).toEqual([
      "duplicate",
      "duplicate",
    ]);
    expect(again.body.last_seq).toBe(2);
    expect(await countRows("sets", user.id)).toBe(1);
    expect(await countRows("sessions", user.id)).toBe(1);
    expect(await userVersion(user.id)).toBe(before);
  });

  it("2. two identical pushes at once: one applies, the other reports duplicate, data once", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const batch = numbered(1, [
      sessionStart(s),
      setLog(uid(), s),
      setLog(uid(), s, { set_index: 1 }),
    ]);
    const [a, b] = await Promise.all([push(watch, batch), push(watch, batch)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const statuses = [a, b].map((r) =>
      r.body.acks.map((x: { status: string }) => x.status).join(","),
    );
    expect(statuses.sort()).toEqual(["applied,applied,applied", "duplicate,duplicate,duplicate"]);
    expect(await countRows("sets", user.id)).toBe(2);
    expect(await userVersion(user.id)).toBe(1);
  });

  it("3. out of order: seq 7 before 6 is seq_gap with nothing applied; then both apply in order", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    await push(
      watch,
      numbered(1, [
        sessionStart(s),
        ...[1, 2, 3, 4].map((i) => setLog(uid(), s, { set_index: i })),
      ]),
    );
    const six = { seq: 6, ...setLog(uid(), s, { set_index: 6 }) };
    const seven = { seq: 7, ...setLog(uid(), s, { set_index: 7 }) };
    const early = await push(watch, [seven]);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: "seq_gap", expected: 6 });
    expect(await countRows("sets", user.id)).toBe(4);
    const inOrder = await push(watch, [six, seven]);
    expect(inOrder.status).toBe(200);
    expect(inOrder.body.acks).toEqual([
      { seq: 6, status: "applied" },
      { seq: 7, status: "applied" },
    ]);
    expect(await countRows("sets", user.id)).toBe(6);
  });

  it("a hole inside one push is a seq_gap too, and nothing of it is applied", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const res = await push(watch, [
      { seq: 1, ...sessionStart(s) },
      { seq: 3, ...setLog(uid(), s) },
    ]);
    expect(res.status).toBe(409);
    // Seq 1 was not stored either, so the first seq the server lacks is 1.
    expect(res.body).toMatchObject({ error: "seq_gap", expected: 1 });
    expect(await countRows("sessions", user.id)).toBe(0);
  });

  it("5. device clock a day off or at 1970: accepted, nothing reordered", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const a = uid("a");
    const b = uid("b");
    const res = await push(
      watch,
      numbered(1, [
        sessionStart(s, "1970-01-01T00:00:05Z"),
        setLog(a, s, {
          started_at: "2026-11-22T07:00:00+01:00",
          ended_at: "2026-11-22T07:01:00+01:00",
        }),
        setLog(b, s, {
          set_index: 1,
          started_at: "1970-01-01T00:00:10Z",
          ended_at: "1970-01-01T00:00:50Z",
        }),
      ]),
    );
    expect(res.body.acks.every((x: { status: string }) => x.status === "applied")).toBe(true);
    const { pages } = await pullAll(watch);
    const sets = pages.flatMap((p) => p.changes.sets);
    expect(sets.map((x: { id: string }) => x.id).sort()).toEqual([a, b].sort());
    expect(sets.find((x: { id: string }) => x.id === b).started_at).toBe("1970-01-01T00:00:10Z");
    // Versions follow arrival, not device time: both sets came in one push.
    expect(new Set(sets.map((x: { version: number }) => x.version)).size).toBe(1);
    const session = pages.flatMap((p) => p.changes.sessions)[0];
    expect(session.started_at).toBe("1970-01-01T00:00:05Z");
  });

  it("8. valid, invalid, valid: the invalid one is rejected and consumes its seq, the others apply", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const res = await push(watch, [
      { seq: 1, ...sessionStart(s) },
      {
        seq: 2,
        op: "set.log",
        args: {
          id: uid(),
          session_id: s,
          exercise_id: "squat",
          set_index: 0,
          started_at: "2026-11-20T07:00:00Z",
          ended_at: "2026-11-20T07:00:30Z",
          reps: -3,
        },
      },
      { seq: 3, ...setLog(uid(), s) },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.acks[0]).toEqual({ seq: 1, status: "applied" });
    expect(res.body.acks[1].status).toBe("rejected");
    expect(res.body.acks[1].error).toMatch(/reps/);
    expect(res.body.acks[2]).toEqual({ seq: 3, status: "applied" });
    expect(res.body.last_seq).toBe(3);
    expect(await countRows("sets", user.id)).toBe(1);
    const next = await push(watch, [{ seq: 4, ...setLog(uid(), s, { set_index: 2 }) }]);
    expect(next.body.acks[0].status).toBe("applied");
  });

  it("a set may arrive before its session.start, and a session.finish before its start", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const res = await push(
      watch,
      numbered(1, [
        setLog(uid(), s),
        { op: "session.finish", args: { id: s, ended_at: "2026-11-20T07:30:00Z", rpe: 7 } },
        sessionStart(s),
      ]),
    );
    expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual([
      "applied",
      "applied",
      "applied",
    ]);
    const { pages } = await pullAll(watch);
    const session = pages[0].changes.sessions[0];
    expect(session).toMatchObject({
      id: s,
      started_at: "2026-11-20T07:00:00Z",
      ended_at: "2026-11-20T07:30:00Z",
      rpe: 7,
    });
  });

  it("session.delete tombstones the session and its sets, including sets arriving later", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const web = await pairDevice(user, "Laptop", "web");
    const s = uid("s");
    const first = uid("set");
    await push(watch, numbered(1, [sessionStart(s), setLog(first, s)]));
    await push(web, numbered(1, [{ op: "session.delete", args: { id: s } }]));
    const late = uid("set");
    await push(watch, numbered(3, [setLog(late, s, { set_index: 1 })]));
    const rows = await env.DB.prepare("SELECT id, deleted FROM sets WHERE user_id = ?1 ORDER BY id")
      .bind(user.id)
      .all<{ id: string; deleted: number }>();
    expect(rows.results.map((r) => r.deleted)).toEqual([1, 1]);
    const { pages } = await pullAll(watch);
    expect(pages.flatMap((p) => p.changes.sets)).toEqual([]);
    expect(pages.flatMap((p) => p.changes.sessions)).toEqual([]);
  });

  it("set.delete wins over a re-sent set.log, even when the delete came first", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const web = await pairDevice(user, "Laptop", "web");
    const s = uid("s");
    const set = uid("set");
    await push(web, numbered(1, [{ op: "set.delete", args: { id: set } }]));
    await push(watch, numbered(1, [sessionStart(s), setLog(set, s)]));
    const row = await env.DB.prepare("SELECT deleted FROM sets WHERE user_id = ?1 AND id = ?2")
      .bind(user.id, set)
      .first<{ deleted: number }>();
    expect(row?.deleted).toBe(1);
    const cursorBefore = (await pullAll(web)).cursor;
    await push(watch, numbered(3, [setLog(set, s)]));
    const after = await pullAll(web, cursorBefore);
    expect(after.pages.flatMap((p) => p.changes.sets)).toEqual([]);
  });

  it("a 200-mutation push applies in one go within D1's limits", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const bodies = [
      sessionStart(s),
      ...Array.from({ length: 199 }, (_, i) =>
        setLog(uid(), s, {
          set_index: i,
          weight_kg: 20.5,
          side: i % 2 ? "left" : "right",
          rpe: 8,
          target_reps: 12,
        }),
      ),
    ];
    const res = await push(watch, numbered(1, bodies));
    expect(res.status).toBe(200);
    expect(res.body.last_seq).toBe(200);
    expect(await countRows("sets", user.id)).toBe(199);
    const over = await push(
      watch,
      numbered(
        201,
        Array.from({ length: 201 }, () => setLog(uid(), s)),
      ),
    );
    expect(over.status).toBe(413);
    expect(over.body.error).toBe("too_large");
    expect(await countRows("sets", user.id)).toBe(199);
  });
});

describe("plans", () => {
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

  it("6. plan deleted on the web while an offline phone edits it: the edit is conflict, the plan stays deleted", async () => {
    const user = await signUp();
    const phone = await pairDevice(user, "Phone", "zepp");
    const web = await pairDevice(user, "Laptop", "web");
    const p = uid("p");
    await push(
      web,
      numbered(1, [{ op: "plan.put", args: { id: p, base_rev: 0, plan: planBody("Base") } }]),
    );
    await pullAll(phone);
    await push(web, numbered(2, [{ op: "plan.delete", args: { id: p, base_rev: 1 } }]));
    const edit = await push(
      phone,
      numbered(1, [
        { op: "plan.put", args: { id: p, base_rev: 1, plan: planBody("Offline edit") } },
      ]),
    );
    expect(edit.body.acks[0].status).toBe("conflict");
    expect(edit.body.acks[0].current).toMatchObject({ id: p, deleted: true });
    const row = await env.DB.prepare(
      "SELECT deleted, body FROM plans WHERE user_id = ?1 AND id = ?2",
    )
      .bind(user.id, p)
      .first<{ deleted: number; body: string | null }>();
    expect(row?.deleted).toBe(1);
    expect(row?.body).toContain("Base");
  });

  it("7. concurrent plan edits: one wins, the other is told with current", async () => {
    const user = await signUp();
    const a = await pairDevice(user, "Phone A", "zepp");
    const b = await pairDevice(user, "Phone B", "fitbit");
    const p = uid("p");
    await push(
      a,
      numbered(1, [{ op: "plan.put", args: { id: p, base_rev: 0, plan: planBody("v1") } }]),
    );
    const [ra, rb] = await Promise.all([
      push(
        a,
        numbered(2, [{ op: "plan.put", args: { id: p, base_rev: 1, plan: planBody("from A") } }]),
      ),
      push(
        b,
        numbered(1, [{ op: "plan.put", args: { id: p, base_rev: 1, plan: planBody("from B") } }]),
      ),
    ]);
    const acks = [ra.body.acks[0], rb.body.acks[0]];
    expect(acks.map((x) => x.status).sort()).toEqual(["applied", "conflict"]);
    const loser = acks.find((x) => x.status === "conflict");
    const winnerName = acks[0].status === "applied" ? "from A" : "from B";
    expect(loser.current).toMatchObject({ id: p, rev: 2, plan: { name: winnerName } });
    const row = await env.DB.prepare("SELECT rev, body FROM plans WHERE user_id = ?1 AND id = ?2")
      .bind(user.id, p)
      .first<{ rev: number; body: string }>();
    expect(row?.rev).toBe(2);
    expect(JSON.parse(row?.body ?? "{}").name).toBe(winnerName);
  });
});

describe("pull", () => {
  it("4. another device pushes between pull pages (limit 2): nothing skipped, copies converge", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const phone = await pairDevice(user, "Phone", "fitbit");
    const s = uid("s");
    for (let i = 0; i < 5; i++) {
      await push(
        watch,
        numbered(i + 1, [i === 0 ? sessionStart(s) : setLog(uid(), s, { set_index: i })]),
      );
    }
    const seen = new Map<string, number>();
    const first = await pull(phone, undefined, 2);
    expect(first.body.has_more).toBe(true);
    let previousPageMax = 0;
    for (const r of [...first.body.changes.sessions, ...first.body.changes.sets]) {
      seen.set(r.id, r.version);
      previousPageMax = Math.max(previousPageMax, r.version);
    }
    // Another device pushes while the phone is between pages.
    const extra = uid("x");
    await push(watch, numbered(6, [setLog(extra, s, { set_index: 9 })]));
    let cursor = first.body.cursor;
    const cursorVersion = (c: string) => Number.parseInt(c.split(".")[2] ?? "", 36);
    for (let i = 0; i < 20; i++) {
      const page = await pull(phone, cursor, 2);
      // The cursor never goes backwards, and a page never repeats what an earlier page held.
      expect(cursorVersion(page.body.cursor)).toBeGreaterThanOrEqual(cursorVersion(cursor));
      let pageMax = previousPageMax;
      for (const r of [...page.body.changes.sessions, ...page.body.changes.sets]) {
        expect(r.version).toBeGreaterThan(previousPageMax);
        expect(seen.has(r.id)).toBe(false);
        seen.set(r.id, r.version);
        pageMax = Math.max(pageMax, r.version);
      }
      previousPageMax = pageMax;
      cursor = page.body.cursor;
      if (!page.body.has_more) break;
    }
    expect(seen.size).toBe(6);
    expect(seen.has(extra)).toBe(true);
    // Every copy converges on the server's rows: the phone's pages and the watch's own pull.
    const server = await env.DB.prepare("SELECT id FROM sets WHERE user_id = ?1 ORDER BY id")
      .bind(user.id)
      .all<{ id: string }>();
    const serverIds = server.results.map((r) => r.id);
    expect([...seen.keys()].filter((id) => id !== s).sort()).toEqual(serverIds);
    const watchCopy = await pullAll(watch, undefined, 2);
    const watchIds = watchCopy.pages.flatMap((p) =>
      p.changes.sets.map((x: { id: string }) => x.id),
    );
    expect(watchIds.sort()).toEqual(serverIds);
  });

  it("a page never splits one push even when the push is larger than the limit", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    await push(
      watch,
      numbered(1, [sessionStart(s), setLog(uid(), s), setLog(uid(), s, { set_index: 1 })]),
    );
    const page = await pull(watch, undefined, 2);
    expect(page.body.changes.sessions.length + page.body.changes.sets.length).toBe(3);
    expect(page.body.has_more).toBe(false);
  });

  it("9. cursor from another epoch: reset; after re-pull the copy equals the server", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    await push(watch, numbered(1, [sessionStart(s), setLog(uid(), s)]));
    const { cursor } = await pullAll(watch);
    // A restore from backup gives the database a new epoch.
    await env.DB.prepare("UPDATE sync_state SET epoch = 'restored' WHERE user_id = ?1")
      .bind(user.id)
      .run();
    const res = await pull(watch, cursor);
    expect(res.body).toEqual({ reset: true });
    const fresh = await pullAll(watch);
    const sets = fresh.pages
      .flatMap((p) => p.changes.sets)
      .map((x: { id: string }) => x.id)
      .sort();
    const server = await env.DB.prepare(
      "SELECT id FROM sets WHERE user_id = ?1 AND deleted = 0 ORDER BY id",
    )
      .bind(user.id)
      .all<{ id: string }>();
    expect(sets).toEqual(server.results.map((r) => r.id).sort());
    expect(fresh.cursor).toMatch(/restored/);
  });

  it("a cursor from the future (older backup) also resets; a forged cursor is invalid_query", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const { cursor } = await pullAll(watch);
    const epoch = String(cursor).split(".")[1];
    expect((await pull(watch, `c1.${epoch}.zz`)).body).toEqual({ reset: true });
    const forged = await pull(watch, "not-a-cursor");
    expect(forged.status).toBe(400);
    expect(forged.body.error).toBe("invalid_query");
  });

  it("limit outside 1..1000 is invalid_query", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    for (const bad of ["0", "1001", "abc"]) {
      const res = await call("GET", `/sync/pull?limit=${bad}`, { token: watch.token });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_query");
    }
  });
});

describe("devices and isolation", () => {
  it("10. revoked with an unsynced outbox: 401, nothing lost; re-paired, resending by entity id duplicates nothing", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const a = uid("a");
    const b = uid("b");
    await push(watch, numbered(1, [sessionStart(s), setLog(a, s)]));
    const revoke = await call("DELETE", `/devices/${watch.id}`, { cookie: user.cookie });
    expect(revoke.status).toBe(204);
    const refused = await push(watch, numbered(3, [setLog(b, s, { set_index: 1 })]));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("unauthorized");
    expect(await countRows("sets", user.id)).toBe(1);
    // The watch re-pairs (new device, seq starts again at 1) and resends its whole outbox.
    const again = await pairDevice(user);
    const res = await push(
      again,
      numbered(1, [sessionStart(s), setLog(a, s), setLog(b, s, { set_index: 1 })]),
    );
    expect(res.body.acks.map((x: { status: string }) => x.status)).toEqual([
      "duplicate",
      "duplicate",
      "applied",
    ]);
    expect(await countRows("sets", user.id)).toBe(2);
    expect(await countRows("sessions", user.id)).toBe(1);
  });

  it("11. a second user cannot read, change or detect the first user's data by any route", async () => {
    const alice = await signUp();
    const aliceWatch = await pairDevice(alice);
    const s = uid("s");
    const set = uid("set");
    const p = uid("p");
    await push(
      aliceWatch,
      numbered(1, [
        sessionStart(s),
        setLog(set, s),
        { op: "plan.put", args: { id: p, base_rev: 0, plan: { name: "Alice plan", days: [] } } },
      ]),
    );
    const mallory = await signUp();
    const mWatch = await pairDevice(mallory);
    // Pulling shows nothing of Alice.
    const m = await pullAll(mWatch);
    expect(
      m.pages.flatMap((pg) => [...pg.changes.sessions, ...pg.changes.sets, ...pg.changes.plans]),
    ).toEqual([]);
    // Writing Alice's ids creates Mallory's own rows; Alice's are untouched, and the acks look
    // exactly like those for unknown ids.
    const res = await push(
      mWatch,
      numbered(1, [
        { op: "session.delete", args: { id: s } },
        { op: "set.delete", args: { id: set } },
        { op: "plan.put", args: { id: p, base_rev: 1, plan: { name: "hijack", days: [] } } },
      ]),
    );
    const fresh = await push(
      mWatch,
      numbered(4, [
        { op: "session.delete", args: { id: uid("n") } },
        { op: "set.delete", args: { id: uid("n") } },
        { op: "plan.put", args: { id: uid("n"), base_rev: 1, plan: { name: "hijack", days: [] } } },
      ]),
    );
    const shape = (r: typeof res) =>
      r.body.acks.map((x: { status: string; current?: unknown }) => [x.status, x.current ?? null]);
    expect(shape(res)).toEqual(shape(fresh));
    const aliceRows = await env.DB.prepare("SELECT deleted FROM sets WHERE user_id = ?1")
      .bind(alice.id)
      .all<{ deleted: number }>();
    expect(aliceRows.results).toEqual([{ deleted: 0 }]);
    const alicePlan = await env.DB.prepare("SELECT body FROM plans WHERE user_id = ?1")
      .bind(alice.id)
      .first<{ body: string }>();
    expect(JSON.parse(alicePlan?.body ?? "{}").name).toBe("Alice plan");
    // Devices: Mallory cannot list or revoke Alice's watch; the answer equals a made-up id's.
    const list = await call("GET", "/devices", { cookie: mallory.cookie });
    expect(list.body.devices.map((d: { id: string }) => d.id)).not.toContain(aliceWatch.id);
    const revokeAlice = await call("DELETE", `/devices/${aliceWatch.id}`, {
      cookie: mallory.cookie,
    });
    const revokeNone = await call("DELETE", "/devices/doesnotexist", { cookie: mallory.cookie });
    expect(revokeAlice.status).toBe(404);
    expect(revokeAlice.body).toEqual(revokeNone.body);
    expect((await push(aliceWatch, numbered(4, [setLog(uid(), s, { set_index: 1 })]))).status).toBe(
      200,
    );
  });
});

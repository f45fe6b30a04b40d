// Account export and import against the real Worker and D1: the round trip of a busy account,
// idempotence, an older export version, every kind of bad document (nothing changes, a sentence
// says why), the size cap, and that nobody sees another's export.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  dbRows,
  pairDevice,
  pullAll,
  type Reply,
  signUp,
  type User,
} from "../../../test/apiClient.ts";
import { buildBusyAccount, TRICKY } from "../../../test/busyAccount.ts";

// biome-ignore lint/suspicious/noExplicitAny: export documents under test; expectations check them.
type Doc = Record<string, any>;

const worker = (exports as unknown as { default: Fetcher }).default;
const exportOf = async (u: User): Promise<Doc> => {
  const res = await call("GET", "/export", { cookie: u.cookie });
  expect(res.status).toBe(200);
  return res.body;
};
const importInto = (u: User, doc: unknown): Promise<Reply> =>
  call("POST", "/import", { cookie: u.cookie, body: doc });
const withoutTime = ({ exported_at: _t, ...rest }: Doc) => rest;
const versionOf = async (u: User) =>
  (await dbRows<{ version: number }>("SELECT version FROM sync_state WHERE user_id = ?1", u.id))[0]
    ?.version;

let alice: User;
let original: Doc;
let counts: Record<string, number>;

beforeAll(async () => {
  alice = await signUp();
  counts = (await buildBusyAccount(alice, 4, "al")).counts;
  original = await exportOf(alice);
}, 60_000);

describe("GET /export", () => {
  it("is a dated download of everything live, in the wire shape without sync bookkeeping", async () => {
    const res = await call("GET", "/export", { cookie: alice.cookie });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="runstrong-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const doc = res.body;
    expect(doc).toMatchObject({ format: "runstrong-export", version: 1 });
    expect(Date.parse(doc.exported_at)).toBeGreaterThan(0);
    for (const kind of ["plans", "sessions", "sets", "runs", "assessments"])
      expect(doc[kind].length, kind).toBe(counts[kind]);
    expect(counts.sets).toBeGreaterThan(100);
    expect(doc.settings).toEqual({
      active_plan_id: "al-plan",
      units: "imperial",
      rest_s_default: 75,
      time_zone: "Europe/Warsaw",
    });
    // Tombstones are left out: the deleted plan, session, its set and run.
    const text = JSON.stringify(doc);
    for (const gone of ["al-old-plan", '"al-gone"', "al-gone-1", "al-gone-run"])
      expect(text).not.toContain(gone);
    expect(doc.sets[0]).not.toHaveProperty("version");
    expect(doc.sets[0]).not.toHaveProperty("deleted");
    expect(Object.keys(doc.plans[0]).sort()).toEqual(["id", "plan"]);
    expect(doc.sessions.map((s: Doc) => s.name)).toContain(TRICKY.sessionName);
  });

  it("shows another runner only their own (empty) account", async () => {
    const bob = await signUp();
    const doc = await exportOf(bob);
    expect(withoutTime(doc)).toEqual({
      format: "runstrong-export",
      version: 1,
      plans: [],
      sessions: [],
      sets: [],
      runs: [],
      assessments: [],
      settings: null,
    });
    expect((await call("GET", "/export")).status).toBe(401);
  });
});

describe("POST /import", () => {
  let copy: User;

  it("round trip: the export imported into an empty account exports the same again", async () => {
    copy = await signUp();
    const before = await versionOf(copy);
    const res = await importInto(copy, original);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      imported: { ...counts, settings: 1 },
      skipped: { plans: 0, sessions: 0, sets: 0, runs: 0, assessments: 0, settings: 0 },
    });
    // One push: the account's version moved by exactly one.
    expect(await versionOf(copy)).toBe((before ?? 0) + 1);
    expect(withoutTime(await exportOf(copy))).toEqual(withoutTime(original));
  });

  it("reaches the account's devices by pull", async () => {
    const watch = await pairDevice(copy, "Copy's watch");
    const pulled = await pullAll(watch);
    const sets = pulled.pages.flatMap((p) => p.changes.sets);
    expect(sets.length).toBe(counts.sets);
    expect(
      pulled.pages
        .flatMap((p) => p.changes.sessions)
        .map((s: Doc) => s.id)
        .sort(),
    ).toEqual(original.sessions.map((s: Doc) => s.id).sort());
  });

  it("the same document again imports nothing: everything skipped, version unchanged", async () => {
    const before = await versionOf(copy);
    const res = await importInto(copy, original);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      imported: { plans: 0, sessions: 0, sets: 0, runs: 0, assessments: 0, settings: 0 },
      skipped: { ...counts, settings: 1 },
    });
    expect(await versionOf(copy)).toBe(before);
  });

  it("importing into the account it came from changes nothing there or anywhere else", async () => {
    const res = await importInto(alice, original);
    expect(res.body.imported.sets).toBe(0);
    expect(withoutTime(await exportOf(alice))).toEqual(withoutTime(original));
  });

  it("a version 0 document (no settings, distance_km, plan body as body) still imports", async () => {
    const legacy = {
      ...original,
      version: 0,
      settings: undefined,
      runs: original.runs.map(({ distance_m, ...r }: Doc) => ({
        ...r,
        distance_km: distance_m / 1000,
      })),
      plans: original.plans.map(({ plan, ...p }: Doc) => ({ ...p, body: plan })),
    };
    const carol = await signUp();
    const res = await importInto(carol, legacy);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.imported).toEqual({ ...counts, settings: 0 });
    expect(withoutTime(await exportOf(carol))).toEqual({
      ...withoutTime(original),
      settings: null,
    });
  });
});

describe("POST /import refuses a bad document and changes nothing", () => {
  let dave: User;
  let before: Doc;
  /** A valid new run rides along with every fault: it must not be imported either. */
  const rider = {
    id: "rider-run",
    date: "2026-03-01",
    distance_m: 5000,
    duration_s: 1500,
    kind: "easy",
    notes: null,
    avg_hr: null,
  };
  const faulty = (change: (doc: Doc) => void): Doc => {
    const doc = structuredClone(original);
    doc.runs.push(rider);
    change(doc);
    return doc;
  };

  beforeAll(async () => {
    dave = await signUp();
    await importInto(dave, { ...original, sets: [], sessions: original.sessions.slice(0, 2) });
    before = await exportOf(dave);
  });

  const CASES: { fault: string; send: () => Promise<Reply>; says: RegExp }[] = [
    {
      fault: "not JSON",
      send: () =>
        call("POST", "/import", {
          cookie: dave.cookie,
          raw: "{not json",
          headers: { "content-type": "application/json" },
        }),
      says: /not valid JSON/,
    },
    {
      fault: "another format",
      send: () => importInto(dave, { ...original, format: "strava-archive" }),
      says: /This is not a runstrong export/,
    },
    {
      fault: "a newer version",
      send: () => importInto(dave, { ...original, version: 7 }),
      says: /newer runstrong \(version 7\)/,
    },
    {
      fault: "an invalid entity",
      send: () =>
        importInto(
          dave,
          faulty((d) => {
            d.sets[3].reps = "ten";
          }),
        ),
      says: /Set 4 \(id "[^"]+"\): its reps should be a number\./,
    },
    {
      fault: "a set whose session is in neither the file nor the account",
      send: () =>
        importInto(
          dave,
          faulty((d) => {
            d.sets[5].session_id = "nowhere";
          }),
        ),
      says: /Set 6 \(id "[^"]+"\) belongs to session "nowhere", which is neither in this file nor in your account\./,
    },
    {
      fault: "an id twice",
      send: () =>
        importInto(
          dave,
          faulty((d) => {
            d.runs.push({ ...rider, date: "2026-03-02" });
          }),
        ),
      says: /Run \d+ \(id "rider-run"\) has the same id as run \d+; each id may appear once\./,
    },
    {
      fault: "a set the push rules would refuse (reps and a hold)",
      send: () =>
        importInto(
          dave,
          faulty((d) => {
            d.sets[0].hold_s = 30;
          }),
        ),
      says: /Set 1 \(id "[^"]+"\): its reps /,
    },
    {
      fault: "a session without start or end",
      send: () =>
        importInto(
          dave,
          faulty((d) => {
            d.sessions[4].started_at = null;
            d.sessions[4].ended_at = null;
          }),
        ),
      says: /Session 5 \(id "[^"]+"\) has neither a start nor an end time\./,
    },
  ];

  it.each(CASES)("$fault: 400 invalid_body with a sentence", async ({ send, says }) => {
    const v = await versionOf(dave);
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toBe("invalid_body");
    expect(res.body.message).toMatch(/^Nothing was imported\. /);
    expect(res.body.message).toMatch(says);
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(withoutTime(await exportOf(dave))).toEqual(withoutTime(before));
    expect(await versionOf(dave)).toBe(v);
  });

  it("another media type: 415, nothing changes", async () => {
    const res = await call("POST", "/import", {
      cookie: dave.cookie,
      raw: JSON.stringify(original),
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(withoutTime(await exportOf(dave))).toEqual(withoutTime(before));
  });

  it("over 10 MiB: 413 too_large, by the declared length and by the bytes of a stream", async () => {
    const padding = "x".repeat(10 * 1024 * 1024);
    const big = JSON.stringify({ ...faulty(() => {}), padding });
    const declared = await call("POST", "/import", {
      cookie: dave.cookie,
      raw: big,
      headers: { "content-type": "application/json" },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toBe("too_large");
    expect(declared.body.message).toMatch(/over the limit of 10 MiB/);

    // No Content-Length: the bytes are counted as they arrive.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1 << 20)
          controller.enqueue(bytes.slice(i, i + (1 << 20)));
        controller.close();
      },
    });
    const res = await worker.fetch(
      new Request("http://localhost/api/v1/import", {
        method: "POST",
        headers: {
          cookie: dave.cookie,
          origin: "http://localhost",
          "content-type": "application/json",
        },
        body: stream,
      }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as Doc).error).toBe("too_large");
    expect(withoutTime(await exportOf(dave))).toEqual(withoutTime(before));
  });

  it("a document of several MiB within the limit imports whole", async () => {
    // Long notes make a large document: the rows still land in one transaction.
    const erin = await signUp();
    const doc = structuredClone(original);
    doc.runs = Array.from({ length: 3000 }, (_, i) => ({
      ...rider,
      id: `big-${i}`,
      notes: "n".repeat(1990),
    }));
    const res = await importInto(erin, doc);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.imported.runs).toBe(3000);
    expect((await exportOf(erin)).runs.length).toBe(3000);
  }, 60_000);
});

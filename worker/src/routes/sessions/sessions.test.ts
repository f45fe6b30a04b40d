// GET /sessions/{id}/activity.fit against the real Worker and D1: the file decodes with Garmin's
// SDK and carries every logged set; unknown, deleted and other users' sessions are 404.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type Device,
  numbered,
  pairDevice,
  push,
  signUp,
  type User,
  uid,
} from "../../../test/apiClient.ts";
import { decodeFit } from "../../../test/fitDecode.ts";

const worker = (exports as unknown as { default: Fetcher }).default;

async function fetchFit(id: string, auth: { token?: string; cookie?: string }) {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const res = await worker.fetch(
    new Request(`http://localhost/api/v1/sessions/${id}/activity.fit`, { headers }),
  );
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const T = (s: number) => new Date(Date.parse("2026-11-20T07:00:00Z") + s * 1000).toISOString();

/** The session's sets as logged: squats with weight, a per-side hold, a per-side lunge, an AMRAP. */
const SETS = [
  { exercise_id: "goblet-squat", reps: 10, weight_kg: 16, from: 30, to: 70 },
  { exercise_id: "goblet-squat", reps: 9, weight_kg: 16, from: 130, to: 168 },
  { exercise_id: "side-plank", hold_s: 30, side: "left", from: 240, to: 271 },
  { exercise_id: "side-plank", hold_s: 25, side: "right", from: 280, to: 306 },
  { exercise_id: "reverse-lunge", reps: 10, side: "left", from: 400, to: 440 },
  { exercise_id: "reverse-lunge", reps: 10, side: "right", from: 450, to: 490 },
  { exercise_id: "push-up", reps: 14, from: 600, to: 640, hr_avg: 128, hr_max: 141 },
  { exercise_id: "towel-drag", reps: 12, from: 700, to: 760 },
];

let alice: User;
let watch: Device;
const session = uid("fit");
const deleted = uid("fitdel");

beforeAll(async () => {
  alice = await signUp();
  watch = await pairDevice(alice);
  const res = await push(
    watch,
    numbered(1, [
      { op: "session.start", args: { id: session, started_at: T(0), name: "Legs" } },
      ...SETS.map(({ from, to, ...s }, i) => ({
        op: "set.log",
        args: {
          id: `${session}-${i}`,
          session_id: session,
          set_index: i,
          started_at: T(from),
          ended_at: T(to),
          ...s,
        },
      })),
      { op: "session.finish", args: { id: session, ended_at: T(800), rpe: 7 } },
      { op: "session.start", args: { id: deleted, started_at: T(900) } },
      { op: "session.delete", args: { id: deleted } },
      { op: "settings.put", args: { units: "imperial", time_zone: "America/New_York" } },
    ]),
  );
  expect(res.body.acks.every((a: { status: string }) => a.status === "applied")).toBe(true);
});

describe("GET /sessions/{id}/activity.fit", () => {
  it("answers a FIT file that Garmin's decoder reads with every set", async () => {
    const { res, bytes } = await fetchFit(session, { token: watch.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.ant.fit");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.fit"/);
    const fit = decodeFit(bytes);
    expect(fit.fileIdMesgs?.[0].type).toBe("activity");
    expect(fit.sessionMesgs?.[0]).toMatchObject({
      sport: "training",
      subSport: "strengthTraining",
      totalElapsedTime: 800,
      numLaps: 1,
    });
    expect(fit.sessionMesgs?.[0].startTime.toISOString()).toBe(T(0));
    const active = fit.setMesgs?.filter((m) => m.setType === "active") ?? [];
    expect(active).toHaveLength(SETS.length);
    active.forEach((m, i) => {
      const s = SETS[i] as (typeof SETS)[0] & { hold_s?: number };
      expect(m.startTime.toISOString(), `set ${i}`).toBe(T(s.from));
      expect(m.repetitions, `set ${i}`).toBe(s.reps);
      expect(m.duration, `set ${i}`).toBe(s.hold_s ?? s.to - s.from);
      expect(m.weight, `set ${i}`).toBe(s.weight_kg);
      expect(m.weightDisplayUnit).toBe("pound");
    });
    expect(active.map((m) => m.category[0])).toEqual([
      "squat",
      "squat",
      "plank",
      "plank",
      "lunge",
      "lunge",
      "pushUp",
      "calfRaise",
    ]);
    const rests = fit.setMesgs?.filter((m) => m.setType === "rest") ?? [];
    expect(rests.map((r) => r.duration)).toEqual([60, 72, 9, 94, 10, 110, 60]);
    const times = (fit.recordMesgs ?? []).map((r) => r.timestamp.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    // The one set with heart rate carries it into its records and the session's summary.
    const withHr = (fit.recordMesgs ?? []).filter((r) => r.heartRate !== undefined);
    expect(withHr.map((r) => [r.timestamp.toISOString(), r.heartRate])).toEqual([
      [T(600), 128],
      [T(640), 128],
    ]);
    expect(fit.sessionMesgs?.[0]).toMatchObject({ avgHeartRate: 128, maxHeartRate: 141 });
    // New York is five hours behind UTC in November.
    const activity = fit.activityMesgs?.[0];
    expect((activity.timestamp.getTime() - 631065600000) / 1000 - activity.localTimestamp).toBe(
      5 * 3600,
    );
  });

  it("is the same file for the web session's cookie", async () => {
    const byToken = await fetchFit(session, { token: watch.token });
    const byCookie = await fetchFit(session, { cookie: alice.cookie });
    expect(byCookie.res.status).toBe(200);
    // Only file_id.time_created may differ: compare the decoded sets.
    expect(decodeFit(byCookie.bytes).setMesgs).toEqual(decodeFit(byToken.bytes).setMesgs);
  });

  it("is 404 not_found for an unknown, a deleted and another runner's session", async () => {
    const bob = await signUp();
    for (const [id, auth] of [
      [uid("nope"), { token: watch.token }],
      [deleted, { token: watch.token }],
      [session, { cookie: bob.cookie }],
      ["x".repeat(64), { token: watch.token }],
    ] as const) {
      const { res, bytes } = await fetchFit(id, auth);
      expect(res.status, id).toBe(404);
      expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ error: "not_found" });
    }
  });

  it("asks for an account", async () => {
    const res = await call("GET", `/sessions/${session}/activity.fit`);
    expect(res.status).toBe(401);
  });
});

describe("the session page", () => {
  it("offers the FIT file with the sentence on Garmin Connect and Strava, and the link works", async () => {
    const res = await worker.fetch(
      new Request(`http://localhost/history/${session}`, { headers: { cookie: alice.cookie } }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const link = /<a[^>]*id="fit-download"[^>]*>/.exec(html)?.[0] ?? "";
    const href = /href="([^"]+)"/.exec(link)?.[1];
    expect(href).toBe(`/api/v1/sessions/${session}/activity.fit`);
    expect(link).toContain("download");
    expect(html).toContain("Garmin Connect (Import Data)");
    expect(html).toContain("Strava (Upload activity)");
    expect(html).toMatch(
      /third-party\s+apps cannot write strength sessions into Garmin Connect directly/,
    );
    const file = await worker.fetch(
      new Request(`http://localhost${href}`, { headers: { cookie: alice.cookie } }),
    );
    expect(file.status).toBe(200);
    expect(decodeFit(new Uint8Array(await file.arrayBuffer())).setMesgs?.length).toBeGreaterThan(0);
  });
});

// POST /runs/import against the real Worker and D1: FIT files encoded with Garmin's SDK and GPX
// files written here become runs that every device pulls; duplicates, refusals and oversize
// uploads store nothing; one runner's import never touches or shows another's.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Device,
  dbRows,
  numbered,
  pairDevice,
  pullAll,
  push,
  signUp,
  snapshotDb,
  type User,
} from "../../../test/apiClient.ts";
import { fitActivityFile, gpxDocument, steadyTrack, thenTrack } from "../../../test/runFiles.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const FIT = "application/vnd.ant.fit";
const GPX = "application/gpx+xml";

async function upload(
  body: BodyInit | Uint8Array | string,
  type: string,
  auth: { token?: string; cookie?: string },
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { "content-type": type, ...extra };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) {
    headers.cookie = auth.cookie;
    headers.origin = "http://localhost";
  }
  const res = await worker.fetch(
    new Request("http://localhost/api/v1/runs/import", {
      method: "POST",
      headers,
      body: body as BodyInit,
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: answers under test.
  return { status: res.status, body: (await res.json()) as any };
}

const START = Date.parse("2026-06-14T05:40:00Z");
const easyPoints = steadyTrack({
  startMs: START,
  speed: 2.9,
  seconds: 2700,
  hr: (i) => 138 + (i % 5),
});
const fitRun = fitActivityFile({ sport: "running", points: easyPoints });

let alice: User;
let watch: Device;

beforeAll(async () => {
  alice = await signUp();
  watch = await pairDevice(alice);
  await push(watch, numbered(1, [{ op: "settings.put", args: { time_zone: "Pacific/Auckland" } }]));
});

describe("POST /runs/import", () => {
  let firstId = "";
  let cursor: string | undefined;

  it("imports a FIT run: 201 with the run, dated in the runner's zone, pulled by every device", async () => {
    const res = await upload(
      fitRun,
      FIT,
      { token: watch.token },
      { "x-file-name": encodeURIComponent("Sunday easy ☀.fit") },
    );
    expect(res.status).toBe(201);
    expect(res.body.duplicate).toBeUndefined();
    expect(res.body.run).toMatchObject({
      // 05:40 UTC is 17:40 the same day in Auckland (winter, +12).
      date: "2026-06-14",
      duration_s: 2700,
      kind: "easy",
      avg_hr: 140,
      notes: "Sunday easy ☀.fit",
      deleted: false,
    });
    expect(res.body.run.distance_m).toBeCloseTo(2.9 * 2700, -1);
    expect(res.body.run.id).toMatch(/^imp-[0-9a-f]{32}$/);
    firstId = res.body.run.id;
    const phone = await pairDevice(alice, "Phone", "fitbit");
    const pulled = await pullAll(phone);
    cursor = pulled.cursor;
    const runs = pulled.pages.flatMap((p) => p.changes.runs);
    expect(runs).toEqual([res.body.run]);
  });

  it("answers the same file again with 200 duplicate and stores nothing new", async () => {
    const before = await snapshotDb();
    const again = await upload(fitRun, FIT, { cookie: alice.cookie });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, run: { id: firstId } });
    const { auth_sessions: _a, devices: _d, ...rest } = await snapshotDb();
    const { auth_sessions: _b, devices: _e, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    const pulled = await pullAll(watch, cursor);
    expect(pulled.pages.flatMap((p) => p.changes.runs)).toEqual([]);
  });

  it("spends none of the device's seqs: its next push is still seq 2", async () => {
    const res = await push(watch, numbered(2, [{ op: "settings.put", args: { units: "metric" } }]));
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([{ seq: 2, status: "applied" }]);
  });

  it("imports GPX with and without heart rate, leaving a pause out of the moving time", async () => {
    const withHr = await upload(
      gpxDocument([easyPoints.map((p) => ({ ...p, t: p.t + 86_400_000 }))]),
      GPX,
      { cookie: alice.cookie },
    );
    expect(withHr.status).toBe(201);
    expect(withHr.body.run).toMatchObject({ date: "2026-06-15", duration_s: 2700, avg_hr: 140 });

    const first = steadyTrack({ startMs: START + 2 * 86_400_000, speed: 3, seconds: 900 });
    const paused = thenTrack(first, { speed: 3, seconds: 900, afterS: 240 });
    const res = await upload(
      gpxDocument([paused], { name: "Loop" }),
      `${GPX}; charset=utf-8`,
      { token: watch.token },
      { "x-file-name": "loop%20with%20stop.gpx" },
    );
    expect(res.status).toBe(201);
    expect(res.body.run).toMatchObject({
      duration_s: 1800,
      avg_hr: null,
      notes: "loop with stop.gpx",
    });
    expect(res.body.run.distance_m).toBeGreaterThan(5300);
    expect(res.body.run.distance_m).toBeLessThan(5500);
  });

  it("refuses a cycling FIT, a truncated FIT and an empty GPX with invalid_file; nothing stored", async () => {
    const before = await snapshotDb();
    const bad = [
      [
        fitActivityFile({ sport: "cycling", points: easyPoints }),
        FIT,
        /cycling activity, not a run/,
      ],
      [fitRun.slice(0, fitRun.length - 100), FIT, /damaged or incomplete/],
      [
        '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg/></trk></gpx>',
        GPX,
        /no timed track points/,
      ],
      [new Uint8Array(0), FIT, /not a FIT file/],
    ] as const;
    for (const [body, type, message] of bad) {
      const res = await upload(body, type, { token: watch.token });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: "invalid_file", message: expect.stringMatching(message) });
    }
    expect(await snapshotDb()).toEqual(before);
  });

  it("refuses other content types with 415", async () => {
    for (const type of ["application/json", "text/plain", "application/octet-stream"]) {
      const res = await upload(type === "application/json" ? "{}" : "x", type, {
        token: watch.token,
      });
      expect(res.status, type).toBe(415);
      expect(res.body.error).toBe("unsupported_media_type");
    }
  });

  it("refuses a body over 10 MiB with 413 too_large, declared or streamed", async () => {
    const before = await dbRows("SELECT id FROM runs WHERE user_id = ?1", alice.id);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const declared = await upload(big, FIT, { token: watch.token });
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual({
      error: "too_large",
      message: "The file is over the limit of 10 MiB.",
    });
    // No Content-Length: the bytes are counted as they arrive.
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await upload(stream, GPX, { token: watch.token });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(13);
    expect(await dbRows("SELECT id FROM runs WHERE user_id = ?1", alice.id)).toEqual(before);
  });

  it("imports a file again after its run was deleted, under the file's next id", async () => {
    const gone = await push(watch, numbered(3, [{ op: "run.delete", args: { id: firstId } }]));
    expect(gone.body.acks[0].status).toBe("applied");
    const again = await upload(fitRun, FIT, { token: watch.token });
    expect(again.status).toBe(201);
    expect(again.body.run.id).toBe(`${firstId}-1`);
  });

  it("keeps runners apart: the same file is a separate run for another runner", async () => {
    const bob = await signUp();
    const bobWatch = await pairDevice(bob);
    const aliceRuns = await dbRows("SELECT * FROM runs WHERE user_id = ?1 ORDER BY id", alice.id);
    const res = await upload(fitRun, FIT, { token: bobWatch.token });
    expect(res.status).toBe(201);
    expect(res.body.duplicate).toBeUndefined();
    expect(res.body.run.id).not.toBe(firstId);
    expect(res.body.run.notes).toBeNull();
    const pulled = await pullAll(bobWatch);
    expect(pulled.pages.flatMap((p) => p.changes.runs).map((r) => r.id)).toEqual([res.body.run.id]);
    expect(await dbRows("SELECT * FROM runs WHERE user_id = ?1 ORDER BY id", alice.id)).toEqual(
      aliceRuns,
    );
  });

  it("asks for an account", async () => {
    expect((await upload(fitRun, FIT, {})).status).toBe(401);
  });
});

// The running log's data layer inside workerd with the real D1: Monday-based weeks newest first
// with their totals, pages of weeks, deleted runs gone, and another user's runs never shown;
// and the /runs page itself for both users.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Device, pairDevice, push, signUp } from "../../../test/apiClient.ts";
import { database } from "../../db/client.ts";
import { addDays, mondayOf } from "../format.ts";
import { listRunWeeks } from "./runs.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const db = () => database(env.DB);
const seqs = new Map<string, number>();

type RunArgs = { id: string; date: string; distance_m: number; duration_s: number; kind?: string };

async function logRuns(device: Device, runs: RunArgs[], deletes: string[] = []) {
  let seq = seqs.get(device.id) ?? 1;
  const mutations = [
    ...runs.map((r) => ({ seq: seq++, op: "run.log", args: { kind: "easy", ...r } })),
    ...deletes.map((id) => ({ seq: seq++, op: "run.delete", args: { id } })),
  ];
  seqs.set(device.id, seq);
  const res = await push(device, mutations);
  expect(res.body.acks.every((a: { status: string }) => a.status === "applied")).toBe(true);
}

describe("running log data", () => {
  it("groups runs into Monday-to-Sunday weeks, newest first, with each week's totals", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    // 2026-11-22 is a Sunday, 2026-11-23 the Monday after it.
    await logRuns(watch, [
      { id: "sun", date: "2026-11-22", distance_m: 10_000, duration_s: 3000 },
      { id: "mon", date: "2026-11-23", distance_m: 5000, duration_s: 1500 },
      { id: "wed", date: "2026-11-25", distance_m: 8000, duration_s: 2400, kind: "tempo" },
      { id: "sun2", date: "2026-11-29", distance_m: 21_100, duration_s: 6300, kind: "long" },
      { id: "old", date: "2026-10-01", distance_m: 3000, duration_s: 1000 },
    ]);
    const { weeks, olderBefore } = await listRunWeeks(db(), user.id, null);
    expect(olderBefore).toBeNull();
    expect(weeks.map((w) => w.monday)).toEqual(["2026-11-23", "2026-11-16", "2026-09-28"]);
    expect(weeks[0]?.runs.map((r) => r.id)).toEqual(["sun2", "wed", "mon"]);
    expect(weeks[0]).toMatchObject({ distanceM: 34_100, durationS: 10_200 });
    expect(weeks[1]?.runs.map((r) => r.id)).toEqual(["sun"]);
    expect(weeks[1]).toMatchObject({ distanceM: 10_000, durationS: 3000 });
    expect(weeks[0]?.runs[0]).toMatchObject({ kind: "long", distanceM: 21_100, avgHr: null });
  });

  it("SQLite's week start agrees with mondayOf on every weekday", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    // Fourteen consecutive days, one run each, across a month and a year boundary.
    const dates = Array.from({ length: 14 }, (_, i) => addDays("2026-12-24", i));
    await logRuns(
      watch,
      dates.map((date, i) => ({ id: `d${i}`, date, distance_m: 1000, duration_s: 300 })),
    );
    const { weeks } = await listRunWeeks(db(), user.id, null);
    for (const w of weeks) for (const r of w.runs) expect(w.monday, r.date).toBe(mondayOf(r.date));
    expect(weeks.map((w) => w.monday)).toEqual(["2027-01-04", "2026-12-28", "2026-12-21"]);
    expect(weeks.map((w) => w.runs.length)).toEqual([3, 7, 4]);
  });

  it("pages by weeks that hold runs, and leaves deleted runs out", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    // One run on the Wednesday of ten consecutive weeks, and one deleted run.
    const runs = Array.from({ length: 10 }, (_, i) => ({
      id: `w${i}`,
      date: addDays("2026-09-02", i * 7),
      distance_m: 5000 + i,
      duration_s: 1500,
    }));
    await logRuns(
      watch,
      [...runs, { id: "gone", date: "2026-11-04", distance_m: 9999, duration_s: 99 }],
      ["gone"],
    );
    const first = await listRunWeeks(db(), user.id, null, 4);
    expect(first.weeks.map((w) => w.runs[0]?.id)).toEqual(["w9", "w8", "w7", "w6"]);
    expect(first.olderBefore).toBe(first.weeks[3]?.monday);
    const all = first.weeks.flatMap((w) => w.runs.map((r) => r.id));
    expect(all).not.toContain("gone");

    const second = await listRunWeeks(db(), user.id, first.olderBefore, 4);
    expect(second.weeks.map((w) => w.runs[0]?.id)).toEqual(["w5", "w4", "w3", "w2"]);
    const third = await listRunWeeks(db(), user.id, second.olderBefore, 4);
    expect(third.weeks.map((w) => w.runs[0]?.id)).toEqual(["w1", "w0"]);
    expect(third.olderBefore).toBeNull();
  });

  it("another user's runs never show, in the data or on the page", async () => {
    const alice = await signUp();
    const aliceWatch = await pairDevice(alice);
    await logRuns(aliceWatch, [
      { id: "alice-run", date: "2026-11-24", distance_m: 42_195, duration_s: 11_000 },
    ]);
    await push(aliceWatch, [
      {
        seq: seqs.get(aliceWatch.id),
        op: "run.log",
        args: {
          id: "alice-notes",
          date: "2026-11-24",
          distance_m: 1000,
          duration_s: 400,
          kind: "other",
          notes: "Alice's secret route",
        },
      },
    ]);
    const mallory = await signUp();
    const malloryWatch = await pairDevice(mallory);
    // Mallory uses the same run id: ids are per user and never collide or leak.
    await logRuns(malloryWatch, [
      { id: "alice-run", date: "2026-11-25", distance_m: 3000, duration_s: 1200 },
    ]);

    const own = await listRunWeeks(db(), alice.id, null);
    expect(own.weeks.flatMap((w) => w.runs.map((r) => r.distanceM)).sort()).toEqual([1000, 42_195]);
    const theirs = await listRunWeeks(db(), mallory.id, null);
    expect(theirs.weeks.flatMap((w) => w.runs)).toMatchObject([
      { id: "alice-run", date: "2026-11-25", distanceM: 3000 },
    ]);

    for (const path of ["/runs", `/runs?before=${addDays("2026-11-23", 7)}`, "/history"]) {
      const res = await worker.fetch(
        new Request(`http://localhost${path}`, { headers: { cookie: mallory.cookie } }),
      );
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("3.0 km");
      expect(html, path).not.toContain("42.2 km");
      expect(html, path).not.toContain("Alice's secret route");
      expect(html, path).not.toContain("alice-notes");
    }
  });
});

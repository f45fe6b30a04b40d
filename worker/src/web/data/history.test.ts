// History as one list inside workerd with the real D1: sessions, runs and assessments interleaved
// by date, pages that neither skip nor repeat an entry, filters, and the rendered rows.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pairDevice, push, sessionStart, setLog, signUp } from "../../../test/apiClient.ts";
import { database } from "../../db/client.ts";
import { type HistoryItem, listHistory } from "./history.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const db = () => database(env.DB);

const idOf = (i: HistoryItem) =>
  i.kind === "session"
    ? `s:${i.session.id}`
    : i.kind === "run"
      ? `r:${i.run.id}`
      : `a:${i.assessment.id}`;

async function seed() {
  const user = await signUp();
  const watch = await pairDevice(user);
  const mutations = [
    sessionStart("s-mon", "2026-11-23T07:00:00Z"),
    setLog("s-mon-1", "s-mon", { exercise_id: "squat", started_at: "2026-11-23T07:01:00Z" }),
    sessionStart("s-wed", "2026-11-25T18:00:00Z"),
    setLog("s-wed-1", "s-wed", { exercise_id: "plank", reps: undefined, hold_s: 45 }),
    {
      op: "run.log",
      args: { id: "r-tue", date: "2026-11-24", distance_m: 8000, duration_s: 2700, kind: "tempo" },
    },
    {
      op: "run.log",
      args: { id: "r-sun", date: "2026-11-29", distance_m: 18_000, duration_s: 6000, kind: "long" },
    },
    {
      op: "assessment.log",
      args: { id: "a-thu", date: "2026-11-26", test: "plank_hold", value: 95 },
    },
    {
      op: "assessment.log",
      args: { id: "a-5k", date: "2026-11-22", test: "time_5k", value: 1350 },
    },
  ].map((m, i) => ({ seq: i + 1, ...m }));
  const res = await push(watch, mutations);
  expect(res.body.acks.every((a: { status: string }) => a.status === "applied")).toBe(true);
  return user;
}

describe("history with runs and assessments", () => {
  it("interleaves sessions, runs and assessments newest first, and pages without gaps", async () => {
    const user = await seed();
    const all = await listHistory(db(), user.id, "UTC", { offset: 0, limit: 20 });
    expect(all.more).toBe(false);
    expect(all.items.map(idOf)).toEqual([
      "r:r-sun",
      "a:a-thu",
      "s:s-wed",
      "r:r-tue",
      "s:s-mon",
      "a:a-5k",
    ]);
    const pages = [];
    for (let p = 0; p < 3; p++) {
      const page = await listHistory(db(), user.id, "UTC", { offset: p * 2, limit: 2 });
      expect(page.more).toBe(p < 2);
      pages.push(...page.items.map(idOf));
    }
    expect(pages).toEqual(all.items.map(idOf));
  });

  it("filters by dates for every kind, and by exercise to sessions only", async () => {
    const user = await seed();
    const ranged = await listHistory(db(), user.id, "UTC", {
      offset: 0,
      limit: 20,
      fromMs: Date.parse("2026-11-24T00:00:00Z"),
      toMs: Date.parse("2026-11-27T00:00:00Z"),
      fromDate: "2026-11-24",
      toDate: "2026-11-26",
    });
    expect(ranged.items.map(idOf)).toEqual(["a:a-thu", "s:s-wed", "r:r-tue"]);
    const plank = await listHistory(db(), user.id, "UTC", {
      offset: 0,
      limit: 20,
      exercise: "plank",
    });
    expect(plank.items.map(idOf)).toEqual(["s:s-wed"]);
  });

  it("renders a run linking to its week in the log and an assessment with its test and unit", async () => {
    const user = await seed();
    const res = await worker.fetch(
      new Request("http://localhost/history", {
        headers: { cookie: `${user.cookie}; rs_tz=UTC` },
      }),
    );
    const html = await res.text();
    expect(html).toContain('href="/runs?before=2026-11-30#run-r-sun"');
    // Each row's own text: from its opening tag to the end of its link.
    const row = (attr: string) => {
      const start = html.indexOf(attr);
      return start < 0 ? "" : html.slice(start, html.indexOf("</a>", start));
    };
    const run = row('data-run-id="r-tue"');
    for (const text of ["Tempo run", "8.0 km", "45:00", "5:38 /km"]) expect(run).toContain(text);
    expect(row('data-assessment-id="a-thu"')).toMatch(/Plank hold.*1 min 35 s/s);
    expect(row('data-assessment-id="a-5k"')).toMatch(/5 km time trial.*22 min 30 s/s);
    expect(html).toContain('data-session-id="s-wed"');
  });
});

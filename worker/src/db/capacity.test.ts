// The capacity model's measurement (docs/scaling.md): a year of a committed runner (3 sessions
// a week of 19 sets, 200 runs, 13 assessments, 2 plans) pushed through the real push route into
// local D1, and the store's growth read after each kind of data (D1's meta.size_after).
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { numbered, pairDevice, push, signUp } from "../../test/apiClient.ts";

const PLAN = (name: string) => ({
  name,
  start_date: "2026-01-05",
  weeks: 26,
  days: [1, 3, 5].map((weekday) => ({
    weekday,
    title: "Strength",
    items: ["squat", "lunge", "calf_raise", "plank", "side_plank", "glute_bridge"].map((id) => ({
      exercise_id: id,
      mode: "reps",
      per_side: false,
      sets: 3,
      target_reps: 10,
      rest_s: 60,
    })),
  })),
});

function year() {
  const ops: { op: string; args: Record<string, unknown> }[] = [];
  ops.push({ op: "plan.put", args: { id: "plan-a", base_rev: 0, plan: PLAN("Base block") } });
  ops.push({ op: "plan.put", args: { id: "plan-b", base_rev: 0, plan: PLAN("Race block") } });
  const day0 = Date.parse("2026-01-05T07:00:00Z");
  let sets = 0;
  for (let week = 0; week < 52; week++) {
    for (const d of [0, 2, 4]) {
      const start = day0 + (week * 7 + d) * 86_400_000;
      const sid = `s${week}-${d}`;
      ops.push({
        op: "session.start",
        args: { id: sid, started_at: new Date(start).toISOString() },
      });
      for (let i = 0; i < 19 && sets < 3000; i++, sets++) {
        const t = start + i * 90_000;
        ops.push({
          op: "set.log",
          args: {
            id: `x${sets}`,
            session_id: sid,
            exercise_id: ["squat", "lunge", "calf_raise", "plank"][i % 4],
            set_index: i,
            started_at: new Date(t).toISOString(),
            ended_at: new Date(t + 40_000).toISOString(),
            reps: 10 + (i % 3),
            target_reps: 10,
            rpe: 7,
          },
        });
      }
    }
  }
  for (let r = 0; r < 200; r++) {
    const date = new Date(day0 + Math.floor(r * 1.82) * 86_400_000).toISOString().slice(0, 10);
    ops.push({
      op: "run.log",
      args: {
        id: `r${r}`,
        date,
        distance_m: 8000 + (r % 5) * 1000,
        duration_s: 2700,
        kind: "easy",
      },
    });
  }
  for (let a = 0; a < 13; a++) {
    const date = new Date(day0 + a * 28 * 86_400_000).toISOString().slice(0, 10);
    ops.push({
      op: "assessment.log",
      args: { id: `a${a}`, date, test: "plank_hold", value: 90 + a },
    });
  }
  return { ops, sets };
}

/** The store's size in bytes as D1 reports it (meta.size_after; D1 refuses PRAGMA and dbstat). */
async function fileBytes(): Promise<number> {
  const { meta } = await env.DB.prepare("SELECT 1").run();
  return Number(meta.size_after);
}

it("a committed runner's year takes under 2 MB of D1 (figures in docs/scaling.md)", async () => {
  const { ops, sets } = year();
  const user = await signUp();
  const watch = await pairDevice(user);
  // The store's growth is read after each kind of data.
  const phases = [
    ["plans", (o: string) => o === "plan.put"],
    ["sessions and sets", (o: string) => o === "session.start" || o === "set.log"],
    ["runs", (o: string) => o === "run.log"],
    ["assessments", (o: string) => o === "assessment.log"],
  ] as const;
  let seq = 1;
  let last = await fileBytes();
  const grown: Record<string, number> = {};
  for (const [name, picks] of phases) {
    const mine = ops.filter((o) => picks(o.op));
    for (let i = 0; i < mine.length; i += 200) {
      const chunk = mine.slice(i, i + 200);
      const res = await push(watch, numbered(seq, chunk));
      seq += chunk.length;
      expect(res.status).toBe(200);
      expect(res.body.acks.every((a: { status: string }) => a.status === "applied")).toBe(true);
    }
    const now = await fileBytes();
    grown[name] = now - last;
    last = now;
  }
  const total = Object.values(grown).reduce((a, b) => a + b, 0);
  const figures = {
    mutations: ops.length,
    sets,
    grown,
    perSetWithItsSession: Math.round((grown["sessions and sets"] ?? 0) / sets),
    perRun: Math.round((grown.runs ?? 0) / 200),
    userYearBytes: total,
  };
  console.log("capacity figures", JSON.stringify(figures));
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(2_000_000);
}, 120_000);

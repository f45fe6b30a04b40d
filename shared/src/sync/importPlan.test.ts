// An export document as sync mutations: new rows become mutations, rows the account has are
// skipped, and faults (a set without its session, an id twice) are sentences, found up front.
import { describe, expect, it } from "vitest";
import type { ExportDocument } from "../schemas/exportDocument.ts";
import { planImport } from "./importPlan.ts";
import type { Snapshot } from "./pushRules.ts";

const empty = (): Snapshot => ({
  sessions: new Map(),
  sets: new Map(),
  plans: new Map(),
  runs: new Map(),
  assessments: new Map(),
  settings: null,
  tombstones: new Set(),
});

const session = (id: string) => ({
  id,
  started_at: "2026-01-05T18:00:00Z",
  ended_at: "2026-01-05T18:30:00Z",
  plan_id: null,
  plan_day: null,
  source: null,
  name: "Legs",
  rpe: 6,
  notes: "ok",
});
const set = (id: string, sessionId: string) => ({
  id,
  session_id: sessionId,
  exercise_id: "squat",
  set_index: 0,
  started_at: "2026-01-05T18:02:00Z",
  ended_at: "2026-01-05T18:02:40Z",
  reps: 10,
  hold_s: null,
  side: null,
  weight_kg: null,
  rpe: null,
  target_reps: null,
  target_hold_s: null,
});
const doc = (over: Partial<ExportDocument> = {}): ExportDocument => ({
  format: "runstrong-export",
  version: 1,
  exported_at: "2026-01-06T00:00:00Z",
  plans: [],
  sessions: [session("s1")],
  sets: [set("t1", "s1"), set("t2", "s1")],
  runs: [
    {
      id: "r1",
      date: "2026-01-04",
      distance_m: 8000,
      duration_s: 2400,
      kind: "easy",
      notes: null,
      avg_hr: null,
    },
  ],
  assessments: [],
  settings: {
    active_plan_id: null,
    units: "imperial",
    rest_s_default: 90,
    time_zone: "Europe/Berlin",
  },
  ...over,
});

describe("planImport", () => {
  it("turns a document into mutations for an empty account, nulls left out", () => {
    const plan = planImport(doc(), empty());
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    expect(plan.bodies.map((b) => b.op)).toEqual([
      "session.start",
      "session.finish",
      "set.log",
      "set.log",
      "run.log",
      "settings.put",
    ]);
    expect(plan.bodies[2]?.args).not.toHaveProperty("hold_s");
    expect(plan.imported).toEqual({
      plans: 0,
      sessions: 1,
      sets: 2,
      runs: 1,
      assessments: 0,
      settings: 1,
    });
  });

  it("skips what the account has in any state, and settings that are already the same", () => {
    const account = empty();
    account.sessions.set("s1", { ...session("s1"), deleted: true, version: 3 });
    account.tombstones.add("run:r1");
    account.settings = {
      active_plan_id: null,
      units: "imperial",
      rest_s_default: 90,
      time_zone: "Europe/Berlin",
      version: 2,
    };
    const plan = planImport(doc(), account);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    expect(plan.bodies).toEqual([]);
    expect(plan.skipped).toEqual({
      plans: 0,
      sessions: 1,
      sets: 2,
      runs: 1,
      assessments: 0,
      settings: 1,
    });
  });

  it("sends only the settings that differ", () => {
    const account = empty();
    account.settings = {
      active_plan_id: null,
      units: "metric",
      rest_s_default: 90,
      time_zone: "UTC",
      version: 2,
    };
    const plan = planImport(doc(), account);
    if (!plan.ok) throw new Error("refused");
    expect(plan.bodies.at(-1)).toEqual({
      op: "settings.put",
      args: { units: "imperial", time_zone: "Europe/Berlin" },
    });
  });

  it("refuses a set whose session is neither in the document nor the account, and ids twice", () => {
    const plan = planImport(
      doc({ sets: [set("t1", "gone"), set("t2", "s1"), set("t2", "s1")] }),
      empty(),
    );
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => p.message)).toEqual([
      'Set 3 (id "t2") has the same id as set 2; each id may appear once.',
      'Set 1 (id "t1") belongs to session "gone", which is neither in this file nor in your account.',
    ]);
  });

  it("accepts a set whose session is already in the account", () => {
    const account = empty();
    account.sessions.set("old", { ...session("old"), deleted: false, version: 1 });
    const plan = planImport(doc({ sessions: [], sets: [set("t9", "old")] }), account);
    expect(plan.ok && plan.imported.sets).toBe(1);
  });

  it("words what the push rules would refuse, naming the item", () => {
    const plan = planImport(doc({ sets: [{ ...set("t1", "s1"), reps: null }] }), empty());
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems[0]?.message).toMatch(/^Set 1 \(id "t1"\): its reps /);
  });
});

// The assessments data layer inside workerd with the real D1: latest result per test, the chart
// series (left and right on one time axis), due card and level against the active plan, the
// page and its JSON, and isolation (another user's assessments never appear).
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Device, pairDevice, push, signUp, type User, uid } from "../../../test/apiClient.ts";
import { database } from "../../db/client.ts";
import type { Viewer } from "../viewer.ts";
import {
  ASSESSMENT_GROUPS,
  loadAssessmentCharts,
  loadAssessmentDue,
  loadAssessmentsPage,
} from "./assessments.ts";

const worker = (exports as unknown as { default: Fetcher }).default;
const page = (path: string, cookie: string) =>
  worker.fetch(new Request(`http://localhost${path}`, { headers: { cookie } }));

const NOW = Date.parse("2026-03-20T10:00:00Z");

function viewer(user: User, extra: Partial<Viewer> = {}): Viewer {
  return {
    userId: user.id,
    email: user.email,
    webDeviceId: null,
    webLastSeq: 0,
    activePlanId: null,
    state: "",
    now: NOW,
    tz: "UTC",
    lang: "en-GB",
    units: "metric",
    ...extra,
  } as Viewer;
}

let seq = 0;
async function log(device: Device, entries: [string, string, number, string?][]) {
  const res = await push(
    device,
    entries.map(([date, test, value, notes]) => ({
      seq: ++seq,
      op: "assessment.log",
      args: { id: uid("a"), date, test, value, ...(notes ? { notes } : {}) },
    })),
  );
  expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual(
    entries.map(() => "applied"),
  );
}

async function userWithWatch(): Promise<{ user: User; watch: Device }> {
  seq = 0;
  const user = await signUp();
  return { user, watch: await pairDevice(user) };
}

const db = () => database(env.DB);

describe("assessment groups", () => {
  it("fold each left/right pair into one group with words for both sides", () => {
    expect(ASSESSMENT_GROUPS.map((g) => [g.id, g.tests.length, g.kind])).toEqual([
      ["plank_hold", 1, "hold"],
      ["side_plank_hold", 2, "hold"],
      ["push_up_max", 1, "reps"],
      ["single_leg_squat", 2, "reps"],
      ["single_leg_calf_raise", 2, "reps"],
      ["time_5k", 1, "time"],
      ["cooper_12min", 1, "distance"],
    ]);
    const squat = ASSESSMENT_GROUPS.find((g) => g.id === "single_leg_squat");
    expect(squat?.name).toBe("One-leg squats");
    expect(squat?.how).toMatch(/^Slow one-leg squats on each leg/);
  });
});

describe("loadAssessmentsPage", () => {
  it("latest result per test: the newest date wins; of two on one date, the later write", async () => {
    const { user, watch } = await userWithWatch();
    await log(watch, [
      ["2026-01-05", "plank_hold", 40],
      ["2026-02-02", "plank_hold", 55, "Felt strong"],
      ["2026-01-20", "plank_hold", 50],
      ["2026-02-02", "push_up_max", 10],
      ["2026-02-02", "push_up_max", 12],
    ]);
    const p = await loadAssessmentsPage(db(), viewer(user));
    const plank = p.groups.find((g) => g.id === "plank_hold");
    expect(plank?.latest.plank_hold).toEqual({
      value: 55,
      date: "2026-02-02",
      notes: "Felt strong",
    });
    expect(plank?.history.map((h) => [h.date, h.values[0]])).toEqual([
      ["2026-01-05", 40],
      ["2026-01-20", 50],
      ["2026-02-02", 55],
    ]);
    expect(p.groups.find((g) => g.id === "push_up_max")?.latest.push_up_max?.value).toBe(12);
    expect(p.groups.find((g) => g.id === "time_5k")?.latest).toEqual({});
    expect(p.lastDate).toBe("2026-02-02");
  });

  it("due card and level come from the active plan's start date and level", async () => {
    const { user, watch } = await userWithWatch();
    const planId = uid("plan");
    const res = await push(watch, [
      {
        seq: ++seq,
        op: "plan.put",
        args: {
          id: planId,
          base_rev: 0,
          plan: {
            name: "Spring block",
            start_date: "2026-02-02",
            days: [],
            inputs: {
              running_week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, run: "easy" })),
              sessions_per_week: 2,
              minutes: 30,
              equipment: [],
              level: "new",
            },
          },
        },
      },
      { seq: ++seq, op: "settings.put", args: { active_plan_id: planId } },
    ]);
    expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual(["applied", "applied"]);
    await log(watch, [
      ["2026-02-02", "plank_hold", 45],
      ["2026-02-02", "push_up_max", 14],
      ["2026-02-02", "single_leg_squat_left", 6],
      ["2026-02-02", "single_leg_squat_right", 9],
    ]);
    const v = viewer(user, { activePlanId: planId });
    const p = await loadAssessmentsPage(db(), v);
    // 2026-02-02 + 28 days = 2026-03-02: due since then, nothing logged after the baseline.
    expect(p.due).toEqual({
      due: true,
      dueDate: "2026-03-02",
      nextDate: "2026-03-30",
      overdueDays: 18,
    });
    expect(p.planStart).toBe("2026-02-02");
    expect(p.plan).toEqual({ name: "Spring block", level: "new" });
    expect(p.suggestion.level).toBe("some");
    expect(p.suggestion.imbalances.map((i) => i.test)).toEqual(["single_leg_squat"]);
    expect(await loadAssessmentDue(db(), v)).toEqual({
      due: p.due,
      today: "2026-03-20",
      lastDate: "2026-02-02",
      planStart: "2026-02-02",
    });

    const html = await (await page("/assessments", user.cookie)).text();
    expect(html).toContain("Your results suggest moving from <strong>new</strong> to");
    expect(html).toContain('href="/plan/new?level=some"');
    expect(html).toContain('id="assessment-due"');
  });

  it("without a plan or results: due at once, no level suggestion", async () => {
    const { user } = await userWithWatch();
    const p = await loadAssessmentsPage(db(), viewer(user));
    expect(p.due).toMatchObject({ due: true, dueDate: "2026-03-20", overdueDays: 0 });
    expect(p.plan).toBeNull();
    expect(p.suggestion.level).toBeNull();
    expect(await loadAssessmentDue(db(), viewer(user))).toMatchObject({
      lastDate: null,
      planStart: null,
    });
  });
});

describe("loadAssessmentCharts", () => {
  it("left and right share one time axis, with null where a side was not logged", async () => {
    const { user, watch } = await userWithWatch();
    await log(watch, [
      ["2026-01-05", "single_leg_squat_left", 5],
      ["2026-01-05", "single_leg_squat_right", 7],
      ["2026-02-02", "single_leg_squat_left", 6],
      ["2026-02-02", "cooper_12min", 2800],
    ]);
    const d = await loadAssessmentCharts(db(), viewer(user));
    const squat = d.charts.find((c) => c.id === "single_leg_squat");
    expect(squat).toMatchObject({
      labels: ["Left", "Right"],
      unit: "reps",
      t: [Date.parse("2026-01-05T12:00:00Z") / 1000, Date.parse("2026-02-02T12:00:00Z") / 1000],
      values: [
        [5, 6],
        [7, null],
      ],
    });
    expect(d.charts.find((c) => c.id === "cooper_12min")).toMatchObject({
      unit: "km",
      values: [[2.8]],
    });
    expect(d.charts.find((c) => c.id === "plank_hold")).toMatchObject({ t: [], values: [[]] });
    const imperial = await loadAssessmentCharts(db(), viewer(user, { units: "imperial" }));
    expect(imperial.charts.find((c) => c.id === "cooper_12min")).toMatchObject({
      unit: "mi",
      values: [[1.74]],
    });
  });
});

describe("assessments isolation", () => {
  it("another user's assessments never appear in the data, the page or its JSON", async () => {
    const alice = await userWithWatch();
    await log(alice.watch, [["2026-03-01", "plank_hold", 4321, "Alice secret plank"]]);
    // Alice sees her own: the checks below can fail.
    const own = await page("/assessments", alice.user.cookie);
    expect(await own.text()).toContain("Alice secret plank");
    const ownJson = await (await page("/assessments/data.json", alice.user.cookie)).text();
    expect(ownJson).toContain("4321");

    const mallory = await userWithWatch();
    const p = await loadAssessmentsPage(db(), viewer(mallory.user));
    expect(p.groups.every((g) => g.history.length === 0)).toBe(true);
    expect(p.lastDate).toBeNull();
    const charts = await loadAssessmentCharts(db(), viewer(mallory.user));
    expect(charts.charts.every((c) => c.t.length === 0)).toBe(true);
    expect((await loadAssessmentDue(db(), viewer(mallory.user))).lastDate).toBeNull();
    for (const path of ["/assessments", "/assessments/data.json"]) {
      const res = await page(path, mallory.user.cookie);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain("Alice secret plank");
      expect(text, path).not.toContain("4321");
    }
  });

  it("the JSON answers 401 when signed out, and the page asks to sign in", async () => {
    const res = await worker.fetch(new Request("http://localhost/assessments/data.json"));
    expect(res.status).toBe(401);
    const html = await (await worker.fetch(new Request("http://localhost/assessments"))).text();
    expect(html).toContain('id="auth-form"');
  });
});

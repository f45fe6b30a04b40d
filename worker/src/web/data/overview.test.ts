// The dashboard's week inside workerd with the real D1: a session counts against the plan day it
// was started for (or its date), extra sessions do not fill other planned days, and only past
// planned days can be missed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Device, pairDevice, push, signUp } from "../../../test/apiClient.ts";
import { database } from "../../db/client.ts";
import type { Viewer } from "../viewer.ts";
import { loadOverview } from "./overview.ts";

const db = () => database(env.DB);
// Wednesday 2026-12-09, noon UTC: Monday 7th … Sunday 13th is the week.
const NOW = Date.parse("2026-12-09T12:00:00Z");
const item = {
  exercise_id: "squat",
  mode: "reps",
  per_side: false,
  sets: 1,
  target_reps: 10,
  rest_s: 60,
};
const PLAN = {
  name: "Two days",
  start_date: "2026-11-30",
  days: [
    { weekday: 1, title: "Legs", items: [item] },
    { weekday: 4, title: "Legs again", items: [item] },
    { weekday: 6, items: [], run: { kind: "long" } },
  ],
};

function viewer(userId: string, activePlanId: string): Viewer {
  return {
    userId,
    email: "x@example.com",
    webDeviceId: null,
    webLastSeq: 0,
    activePlanId,
    state: "",
    now: NOW,
    tz: "UTC",
    lang: "en",
    units: "metric",
  } as Viewer;
}

let seq = 1;
function session(id: string, at: string, planDay?: number, planId?: string) {
  return {
    seq: seq++,
    op: "session.start",
    args: {
      id,
      started_at: at,
      ...(planDay ? { plan_day: planDay } : {}),
      ...(planId ? { plan_id: planId } : {}),
    },
  };
}

async function setup(): Promise<{ userId: string; watch: Device }> {
  const user = await signUp();
  const watch = await pairDevice(user);
  seq = 1;
  const res = await push(watch, [
    { seq: seq++, op: "plan.put", args: { id: "p", base_rev: 0, plan: PLAN } },
    { seq: seq++, op: "settings.put", args: { active_plan_id: "p" } },
  ]);
  expect(res.status).toBe(200);
  return { userId: user.id, watch };
}

describe("loadOverview", () => {
  it("counts a session against the plan day it was started for, even done a day late", async () => {
    const { userId, watch } = await setup();
    // Monday's session, done on Tuesday.
    await push(watch, [session("late", "2026-12-08T18:00:00Z", 1, "p")]);
    const o = await loadOverview(db(), viewer(userId, "p"));
    expect(o.days.find((d) => d.weekday === 1)?.sessions.map((s) => s.id)).toEqual(["late"]);
    expect(o.days.find((d) => d.weekday === 2)?.sessions).toEqual([]);
    expect(o).toMatchObject({ plannedStrength: 2, plannedDone: 1, doneStrength: 1 });
  });

  it("does not let extra sessions fill other planned days", async () => {
    const { userId, watch } = await setup();
    await push(watch, [
      session("mon", "2026-12-07T18:00:00Z", 1, "p"),
      session("extra-tue", "2026-12-08T07:00:00Z"),
      session("extra-wed", "2026-12-09T07:00:00Z"),
    ]);
    const o = await loadOverview(db(), viewer(userId, "p"));
    expect(o).toMatchObject({ plannedStrength: 2, plannedDone: 1, doneStrength: 3 });
    expect(o.days.find((d) => d.weekday === 4)?.sessions).toEqual([]);
  });

  it("marks only past days as past, so later planned days and runs cannot look missed", async () => {
    const { userId } = await setup();
    const o = await loadOverview(db(), viewer(userId, "p"));
    expect(o.days.map((d) => d.isPast)).toEqual([true, true, false, false, false, false, false]);
    expect(o.days.find((d) => d.isToday)?.date).toBe("2026-12-09");
    // Thursday's session is the next one, from the plan's progressed week.
    expect(o.next).toMatchObject({ date: "2026-12-10", isToday: false });
    expect(o.upcoming?.days).toHaveLength(7);
  });
});

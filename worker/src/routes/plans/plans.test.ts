// The plans API inside workerd with the real D1: the builder's answer, today's session with
// progression from logged sets, fatigue swaps from logged runs, time zones, isolation, bad input.
import { describe, expect, it } from "vitest";
import {
  call,
  dbCount,
  numbered,
  pairDevice,
  push,
  sessionStart,
  setLog,
  signUp,
  snapshotDb,
  uid,
} from "../../../test/apiClient.ts";

const WEEK = [
  { weekday: 1, run: "rest" },
  { weekday: 2, run: "intervals", distance_m: 8000 },
  { weekday: 3, run: "easy", distance_m: 6000 },
  { weekday: 4, run: "tempo" },
  { weekday: 5, run: "rest" },
  { weekday: 6, run: "long", distance_m: 18000 },
  { weekday: 7, run: "easy" },
];

const REQUEST = {
  running_week: WEEK,
  sessions_per_week: 2,
  minutes: 30,
  equipment: [],
  level: "new",
  start_date: "2026-12-07",
  weeks: 8,
};

async function activePlan(device: { id: string; token: string }, plan: unknown, seq = 1) {
  const planId = uid("plan");
  const res = await push(device, [
    { seq, op: "plan.put", args: { id: planId, base_rev: 0, plan } },
    { seq: seq + 1, op: "settings.put", args: { active_plan_id: planId } },
  ]);
  expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual(["applied", "applied"]);
  return planId;
}

describe("POST /plans/generate", () => {
  it("builds a plan for a realistic week with no violation and stores nothing", async () => {
    const user = await signUp();
    const before = await dbCount("plans WHERE user_id = ?", user.id);
    const res = await call("POST", "/plans/generate", { cookie: user.cookie, body: REQUEST });
    expect(res.status).toBe(200);
    expect(res.body.violations).toEqual([]);
    expect(res.body.plan.days).toHaveLength(7);
    const strength = res.body.plan.days.filter((d: { items: unknown[] }) => d.items.length > 0);
    expect(strength).toHaveLength(2);
    for (const d of strength)
      expect(res.body.estimated_minutes[String(d.weekday)]).toBeLessThanOrEqual(30);
    expect(await dbCount("plans WHERE user_id = ?", user.id)).toBe(before);
  });

  it("answers 200 with the broken rules when the week allows no clean placement", async () => {
    const user = await signUp();
    const everyDayHard = WEEK.map((d) => ({ weekday: d.weekday, run: "intervals" }));
    const res = await call("POST", "/plans/generate", {
      cookie: user.cookie,
      body: { ...REQUEST, running_week: everyDayHard },
    });
    expect(res.status).toBe(200);
    const rules = res.body.violations.map((v: { rule: string }) => v.rule);
    expect(rules).toContain("no_strength_before_key_run");
    expect(rules).toContain("rest_day");
  });

  it("is open to a paired watch's Bearer token as well as the web session", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const res = await call("POST", "/plans/generate", { token: watch.token, body: REQUEST });
    expect(res.status).toBe(200);
  });

  it("refuses bad requests with a sentence and changes nothing", async () => {
    const user = await signUp();
    const before = await snapshotDb();
    const cases: [unknown, RegExp][] = [
      [{ ...REQUEST, minutes: 5 }, /between 10 and 60 minutes/],
      [{ ...REQUEST, sessions_per_week: 7 }, /1 to 4 strength sessions/],
      [{ ...REQUEST, running_week: WEEK.slice(0, 6) }, /exactly seven days/],
      [
        { ...REQUEST, running_week: [...WEEK.slice(0, 6), { weekday: 1, run: "rest" }] },
        /exactly once/,
      ],
      [{ ...REQUEST, level: "elite" }, /Choose a level/],
      [{ ...REQUEST, equipment: ["rowing machine"] }, /equipment from the list/],
      [{ ...REQUEST, race_date: "2026-12-01" }, /race date must come after/],
      [{ ...REQUEST, start_date: "07/12/2026" }, /YYYY-MM-DD/],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/plans/generate", { cookie: user.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("invalid_body");
      expect(res.body.message).toMatch(message);
    }
    const noAuth = await call("POST", "/plans/generate", { body: REQUEST });
    expect(noAuth.status).toBe(401);
    expect(await snapshotDb()).toEqual(before);
  });
});

describe("GET /plans/today", () => {
  it("is 404 not_found without an active plan", async () => {
    const user = await signUp();
    const res = await call("GET", "/plans/today?date=2026-12-09", { cookie: user.cookie });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
  });

  it("answers the plan's day for a date, and null on a day without strength", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const { body } = await call("POST", "/plans/generate", { token: watch.token, body: REQUEST });
    const planId = await activePlan(watch, body.plan);
    const strengthDay = body.plan.days.find((d: { items: unknown[] }) => d.items.length > 0);
    // 2026-12-07 is a Monday: weekday n is 2026-12-(06 + n).
    const date = `2026-12-${String(6 + strengthDay.weekday).padStart(2, "0")}`;
    const res = await call("GET", `/plans/today?date=${date}`, { token: watch.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date, plan_id: planId, week: 1, deload: false, taper: false });
    expect(res.body.day.items).toEqual(strengthDay.items);
    expect(res.body.progression).toEqual([]);
    const rest = await call("GET", "/plans/today?date=2026-12-07", { token: watch.token });
    expect(rest.body.day).toBeNull();
    const bad = await call("GET", "/plans/today?date=tomorrow", { token: watch.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_query");
  });

  it("raises the squat target after logged sessions at target and explains why", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const plan = {
      name: "Squats",
      start_date: "2026-12-07",
      weeks: 8,
      days: [
        {
          weekday: 3,
          title: "Legs",
          items: [
            {
              exercise_id: "squat",
              mode: "reps",
              per_side: false,
              sets: 2,
              target_reps: 10,
              rest_s: 60,
            },
          ],
        },
      ],
    };
    await activePlan(watch, plan);
    const s1 = uid("s");
    await push(
      watch,
      numbered(3, [
        sessionStart(s1, "2026-12-09T07:00:00Z"),
        setLog(uid("x"), s1, { reps: 10, started_at: "2026-12-09T07:01:00Z" }),
        setLog(uid("x"), s1, { reps: 11, set_index: 1, started_at: "2026-12-09T07:03:00Z" }),
      ]),
    );
    const res = await call("GET", "/plans/today?date=2026-12-16", { token: watch.token });
    expect(res.body.day.items[0].target_reps).toBe(12);
    expect(res.body.progression).toEqual([
      expect.objectContaining({
        exercise_id: "squat",
        from: { target_reps: 10 },
        to: { target_reps: 12 },
      }),
    ]);
    expect(res.body.progression[0].reason).toMatch(/every set hit its target/i);
    // The session of the day itself does not count for that day.
    const same = await call("GET", "/plans/today?date=2026-12-09", { token: watch.token });
    expect(same.body.day.items[0].target_reps).toBe(10);
  });

  it("offers a swap to core and upper body after a logged long run the day before a leg day", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const { body } = await call("POST", "/plans/generate", { token: watch.token, body: REQUEST });
    await activePlan(watch, body.plan);
    const lower = body.plan.days.find((d: { title?: string }) => d.title?.startsWith("Lower body"));
    const date = `2026-12-${String(6 + lower.weekday).padStart(2, "0")}`;
    const before = await call("GET", `/plans/today?date=${date}`, { token: watch.token });
    expect(before.body.adjustment).toBeNull();
    const day = Number(date.slice(8)) - 1;
    await push(watch, [
      {
        seq: 3,
        op: "run.log",
        args: {
          id: uid("r"),
          date: `2026-12-${String(day).padStart(2, "0")}`,
          distance_m: 21000,
          duration_s: 7200,
          kind: "long",
        },
      },
    ]);
    const after = await call("GET", `/plans/today?date=${date}`, { token: watch.token });
    expect(after.body.adjustment).toMatchObject({ kind: "swap" });
    expect(after.body.adjustment.reason).toMatch(/21 km long run yesterday/);
    const focus = after.body.adjustment.day.items.map(
      (i: { exercise_id: string }) => i.exercise_id,
    );
    expect(focus).toContain("push-up");
    expect(focus).not.toContain("squat");
  });

  it("shows an accepted change for its date instead of the plan's day", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const { body } = await call("POST", "/plans/generate", { token: watch.token, body: REQUEST });
    const swapped = {
      weekday: 4,
      title: "Core & upper body (swapped)",
      items: [{ exercise_id: "push-up", mode: "amrap", per_side: false, sets: 1, rest_s: 60 }],
    };
    await activePlan(watch, { ...body.plan, overrides: [{ date: "2026-12-10", day: swapped }] });
    const res = await call("GET", "/plans/today?date=2026-12-10", { token: watch.token });
    expect(res.body.adjusted).toBe(true);
    expect(res.body.adjustment).toBeNull();
    expect(res.body.day.title).toBe("Core & upper body (swapped)");
  });

  it("decides today by the user's time zone setting", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const { body } = await call("POST", "/plans/generate", { token: watch.token, body: REQUEST });
    await activePlan(watch, { ...body.plan, start_date: "2020-01-06" });
    await push(watch, [{ seq: 3, op: "settings.put", args: { time_zone: "Pacific/Kiritimati" } }]);
    const kiribati = await call("GET", "/plans/today", { token: watch.token });
    await push(watch, [{ seq: 4, op: "settings.put", args: { time_zone: "Pacific/Pago_Pago" } }]);
    const samoa = await call("GET", "/plans/today", { token: watch.token });
    // UTC+14 and UTC−11 are always on different calendar days.
    expect(kiribati.body.date).not.toBe(samoa.body.date);
  });

  it("never shows another user's plan", async () => {
    const alice = await signUp();
    const aliceWatch = await pairDevice(alice);
    const { body } = await call("POST", "/plans/generate", {
      token: aliceWatch.token,
      body: REQUEST,
    });
    await activePlan(aliceWatch, body.plan);
    const bob = await signUp();
    const res = await call("GET", "/plans/today?date=2026-12-09", { cookie: bob.cookie });
    expect(res.status).toBe(404);
  });
});

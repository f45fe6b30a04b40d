// A plan's sessions as dated entries: one per strength day over the plan's span (its weeks, up
// to the race, or a horizon around today for an open plan), the week's targets, stable ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanBody } from "../schemas/plan.ts";
import { addDays, weekdayOf } from "./calendarDates.ts";
import { generatePlan } from "./planBuilder.ts";
import {
  MAX_PLAN_WEEKS,
  OPEN_PLAN_WEEKS_AHEAD,
  OPEN_PLAN_WEEKS_BACK,
  plannedSessions,
  planSpan,
} from "./planEvents.ts";
import { estimateDayMinutes } from "./sessionDuration.ts";

const { plan } = generatePlan({
  running_week: [
    { weekday: 1, run: "rest" },
    { weekday: 2, run: "intervals" },
    { weekday: 3, run: "easy" },
    { weekday: 4, run: "tempo" },
    { weekday: 5, run: "rest" },
    { weekday: 6, run: "long" },
    { weekday: 7, run: "easy" },
  ],
  sessions_per_week: 2,
  minutes: 30,
  equipment: [],
  level: "new",
  start_date: "2026-12-07",
  weeks: 8,
});
const strengthWeekdays = plan.days.filter((d) => d.items.length > 0).map((d) => d.weekday);
const TODAY = "2026-12-01";

describe("plannedSessions", () => {
  it("lists each strength day of every week of the plan, on the plan's weekdays", () => {
    const s = plannedSessions("p1", plan, TODAY);
    expect(s).toHaveLength(8 * strengthWeekdays.length);
    expect((s[0]?.date ?? "") >= "2026-12-07").toBe(true);
    expect((s.at(-1)?.date ?? "") <= addDays("2026-12-07", 8 * 7 - 1)).toBe(true);
    for (const e of s) expect(strengthWeekdays).toContain(weekdayOf(e.date));
    expect(new Set(s.map((e) => e.date)).size).toBe(s.length);
  });

  it("gives each the day's title, the one duration estimate and that week's lighter sets", () => {
    const s = plannedSessions("p1", plan, TODAY);
    for (const e of s) {
      const day = plan.days.find((d) => d.weekday === weekdayOf(e.date));
      expect(e.title).toBe(day?.title);
      expect(e.minutes).toBe(estimateDayMinutes(e.items));
      expect(e.items.map((i) => i.exercise_id)).toEqual(day?.items.map((i) => i.exercise_id));
    }
    const week4 = s.filter((e) => e.week === 4);
    expect(week4.length).toBe(strengthWeekdays.length);
    for (const e of week4) {
      expect(e.deload).toBe(true);
      const planned = plan.days.find((d) => d.weekday === weekdayOf(e.date))?.items ?? [];
      e.items.forEach((it, i) => {
        expect(it.sets).toBe(Math.max(1, (planned[i]?.sets ?? 1) - 1));
      });
    }
  });

  it("ids depend on the plan and the date only: an edit of the plan keeps them", () => {
    const before = plannedSessions("p1", plan, TODAY);
    const edited: PlanBody = {
      ...plan,
      name: "Renamed",
      days: plan.days.map((d) => ({ ...d, items: d.items.map((i) => ({ ...i, sets: 5 })) })),
    };
    const after = plannedSessions("p1", edited, TODAY);
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    expect(before[0]?.uid).toBe(`plan-p1-${before[0]?.date}@runstrong`);
    expect(plannedSessions("p2", plan, TODAY)[0]?.uid).not.toBe(before[0]?.uid);
  });

  it("runs up to the day before a race and tapers in its last ten days", () => {
    const racing: PlanBody = { ...plan, weeks: 4, race_date: "2027-01-17" };
    const s = plannedSessions("p1", racing, TODAY);
    expect((s.at(-1)?.date ?? "9999") < "2027-01-17").toBe(true);
    expect(s.some((e) => e.date > addDays("2026-12-07", 4 * 7 - 1))).toBe(true);
    expect(s.filter((e) => e.taper).every((e) => e.date >= "2027-01-07")).toBe(true);
    expect(s.some((e) => e.taper)).toBe(true);
  });

  it("shows an open plan from four weeks back to twelve weeks ahead of today", () => {
    const { start_date: _s, weeks: _w, ...open } = plan;
    expect(planSpan(open, TODAY)).toEqual({
      from: addDays(TODAY, -OPEN_PLAN_WEEKS_BACK * 7),
      to: addDays(TODAY, OPEN_PLAN_WEEKS_AHEAD * 7 - 1),
    });
    const started: PlanBody = { ...open, start_date: "2026-11-30" };
    expect(planSpan(started, TODAY).from).toBe("2026-11-30");
    expect(plannedSessions("p1", open, TODAY)).toHaveLength(16 * strengthWeekdays.length);
  });

  it("a plan without strength days has no sessions", () => {
    const rest: PlanBody = { ...plan, days: plan.days.map((d) => ({ ...d, items: [] })) };
    expect(plannedSessions("p1", rest, TODAY)).toEqual([]);
  });

  it("never lists more than the longest plan allows, whatever the dates (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 104 }),
        fc.option(fc.integer({ min: -400, max: 40_000 }), { nil: undefined }),
        (startOffset, weeks, raceOffset) => {
          const start = addDays("2020-01-06", startOffset);
          const p: PlanBody = {
            ...plan,
            start_date: start,
            weeks,
            ...(raceOffset === undefined ? {} : { race_date: addDays(start, raceOffset) }),
          };
          const { from, to } = planSpan(p, TODAY);
          expect(from).toBe(start);
          expect(to <= addDays(start, MAX_PLAN_WEEKS * 7 - 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

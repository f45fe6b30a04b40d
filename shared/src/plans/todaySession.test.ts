// Today's session: week numbers, lighter 4th weeks, the taper, race day, accepted changes and
// fatigue swaps from logged runs.
import { describe, expect, it } from "vitest";
import type { PlanBody } from "../schemas/plan.ts";
import { fatigueReason, isLegHeavy } from "./fatigue.ts";
import { generatePlan } from "./planBuilder.ts";
import { todaySession, withOverride } from "./todaySession.ts";

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
  race_date: "2027-01-31",
});
// Thursday is the lower-body day of this plan, Sunday the core and upper-body day.
const THURSDAY_WEEK_1 = "2026-12-10";
const today = (date: string, extra: Partial<Parameters<typeof todaySession>[0]> = {}) =>
  todaySession({ planId: "p1", plan, date, sets: [], runs: [], ...extra });

describe("todaySession", () => {
  it("answers the plan's day with its week, and null on days without strength or before the start", () => {
    const t = today(THURSDAY_WEEK_1);
    expect(t).toMatchObject({
      date: THURSDAY_WEEK_1,
      plan_id: "p1",
      week: 1,
      deload: false,
      taper: false,
      adjustment: null,
    });
    expect(t.day?.title).toBe("Lower body");
    expect(t.estimated_minutes).toBeGreaterThan(0);
    expect(today("2026-12-07").day).toBeNull();
    expect(today("2026-12-03").day).toBeNull();
    expect(today("2026-12-17").week).toBe(2);
  });

  it("makes every 4th week lighter and says why", () => {
    const t = today("2026-12-31");
    expect(t).toMatchObject({ week: 4, deload: true });
    const planned = plan.days.find((d) => d.weekday === 4)?.items ?? [];
    t.day?.items.forEach((item, i) => {
      expect(item.sets).toBe(Math.max(1, (planned[i]?.sets ?? 1) - 1));
    });
    const changed = planned.filter((p) => p.sets > 1).length;
    expect(t.progression).toHaveLength(changed);
    expect(t.progression[0]?.reason).toMatch(/Every 4th week is lighter/);
  });

  it("tapers in the 10 days before the race and has no strength on race day", () => {
    const t = today("2027-01-28");
    expect(t.taper).toBe(true);
    expect(t.progression[0]?.reason).toMatch(/Race in 3 days/);
    expect(today("2027-01-14").taper).toBe(false);
    const raceDay: PlanBody = { ...plan, race_date: "2027-01-28" };
    expect(
      todaySession({ planId: "p1", plan: raceDay, date: "2027-01-28", sets: [], runs: [] }).day,
    ).toBeNull();
  });

  it("offers a swap after a long run yesterday, not after an easy one", () => {
    const runs = [{ date: "2026-12-09", kind: "long", distance_m: 21_000, duration_s: 7200 }];
    const t = today(THURSDAY_WEEK_1, { runs });
    expect(t.adjustment?.kind).toBe("swap");
    expect(t.adjustment?.reason).toBe(
      "You logged a 21 km long run yesterday; your legs need the time to recover. Swap today's leg session for core and upper-body work.",
    );
    expect(t.adjustment && isLegHeavy(t.adjustment.day)).toBe(false);
    const easy = [{ date: "2026-12-09", kind: "easy", distance_m: 6000, duration_s: 2000 }];
    expect(today(THURSDAY_WEEK_1, { runs: easy }).adjustment).toBeNull();
    // The core and upper-body day is not leg-heavy: no swap is offered there.
    expect(
      today("2026-12-13", { runs: [{ ...runs[0], date: "2026-12-12" } as (typeof runs)[0]] })
        .adjustment,
    ).toBeNull();
  });

  it("notices a week whose distance jumped by more than a third", () => {
    const runs = [
      { date: "2026-12-01", kind: "easy", distance_m: 20_000, duration_s: 7200 },
      { date: "2026-12-06", kind: "easy", distance_m: 14_000, duration_s: 5000 },
      { date: "2026-12-08", kind: "easy", distance_m: 14_000, duration_s: 5000 },
    ];
    expect(fatigueReason(THURSDAY_WEEK_1, runs)).toMatch(/up 40% on the week before/);
    expect(today(THURSDAY_WEEK_1, { runs }).adjustment?.kind).toBe("swap");
  });

  it("shows an accepted change on its date, and keeps the list of changes short", () => {
    const swap = today(THURSDAY_WEEK_1, {
      runs: [{ date: "2026-12-09", kind: "long", distance_m: 21_000, duration_s: 7200 }],
    }).adjustment;
    if (!swap) throw new Error("expected a swap");
    const accepted = withOverride(plan, THURSDAY_WEEK_1, swap.day, THURSDAY_WEEK_1);
    const t = todaySession({
      planId: "p1",
      plan: accepted,
      date: THURSDAY_WEEK_1,
      sets: [],
      runs: [],
    });
    expect(t).toMatchObject({ adjusted: true, adjustment: null });
    expect(t.day?.title).toBe("Core & upper body (swapped)");
    // Other dates keep the plan's day; old changes are dropped when a new one is saved.
    expect(
      todaySession({ planId: "p1", plan: accepted, date: "2026-12-17", sets: [], runs: [] }).day
        ?.title,
    ).toBe("Lower body");
    const later = withOverride(accepted, "2027-01-07", swap.day, "2027-01-07");
    expect(later.overrides?.map((o) => o.date)).toEqual(["2027-01-07"]);
  });
});

// The 4-weekly assessment schedule: examples and properties over arbitrary dates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ASSESSMENT_INTERVAL_DAYS, assessmentDue } from "./assessmentSchedule.ts";
import { addDays, daysBetween } from "./calendarDates.ts";

const N = ASSESSMENT_INTERVAL_DAYS;
/** Dates from 2020 to about 2035. */
const dateArb = fc.integer({ min: 0, max: 5600 }).map((n) => addDays("2020-01-01", n));
const offsetArb = fc.integer({ min: -400, max: 400 });

describe("assessmentDue with a plan", () => {
  it("the baseline is due on the plan's first day and not before", () => {
    expect(assessmentDue("2025-03-03", null, "2025-03-02")).toEqual({
      due: false,
      dueDate: null,
      nextDate: "2025-03-03",
      overdueDays: 0,
    });
    expect(assessmentDue("2025-03-03", null, "2025-03-03")).toEqual({
      due: true,
      dueDate: "2025-03-03",
      nextDate: "2025-03-31",
      overdueDays: 0,
    });
  });

  it("a baseline logged on day 1 covers weeks 1 to 4; week 5 day 1 is due again", () => {
    expect(assessmentDue("2025-03-03", "2025-03-03", "2025-03-30")).toMatchObject({
      due: false,
      nextDate: "2025-03-31",
    });
    expect(assessmentDue("2025-03-03", "2025-03-03", "2025-03-31")).toMatchObject({
      due: true,
      dueDate: "2025-03-31",
      overdueDays: 0,
    });
    expect(assessmentDue("2025-03-03", "2025-03-03", "2025-04-04")).toMatchObject({
      due: true,
      dueDate: "2025-03-31",
      nextDate: "2025-04-28",
      overdueDays: 4,
    });
  });

  it("an assessment logged late still counts for the mark it followed", () => {
    expect(assessmentDue("2025-03-03", "2025-04-04", "2025-04-10")).toMatchObject({
      due: false,
      dueDate: null,
      nextDate: "2025-04-28",
    });
  });

  it("one logged the day before a mark does not count for that mark", () => {
    expect(assessmentDue("2025-03-03", "2025-03-30", "2025-03-31").due).toBe(true);
  });
});

describe("assessmentDue without a plan", () => {
  it("is due at once when nothing was ever logged", () => {
    expect(assessmentDue(null, null, "2025-06-10")).toEqual({
      due: true,
      dueDate: "2025-06-10",
      nextDate: "2025-07-08",
      overdueDays: 0,
    });
  });

  it("is due 28 days after the last one", () => {
    expect(assessmentDue(null, "2025-06-01", "2025-06-28")).toEqual({
      due: false,
      dueDate: null,
      nextDate: "2025-06-29",
      overdueDays: 0,
    });
    expect(assessmentDue(null, "2025-06-01", "2025-07-02")).toEqual({
      due: true,
      dueDate: "2025-06-29",
      nextDate: "2025-07-30",
      overdueDays: 3,
    });
  });
});

describe("assessmentDue properties", () => {
  const planArb = fc.option(dateArb, { nil: null });
  const lastArb = (today: string) =>
    fc.option(
      offsetArb.map((d) => addDays(today, d)),
      { nil: null },
    );
  const caseArb = fc
    .tuple(planArb, dateArb)
    .chain(([plan, today]) => fc.tuple(fc.constant(plan), lastArb(today), fc.constant(today)));

  it("nextDate is always after today; dueDate, when due, is on or before today", () => {
    fc.assert(
      fc.property(caseArb, ([plan, last, today]) => {
        const r = assessmentDue(plan, last, today);
        expect(r.nextDate > today).toBe(true);
        if (r.due) {
          expect(r.dueDate).not.toBeNull();
          expect((r.dueDate as string) <= today).toBe(true);
          expect(r.overdueDays).toBe(daysBetween(r.dueDate as string, today));
        } else {
          expect(r.dueDate).toBeNull();
          expect(r.overdueDays).toBe(0);
        }
      }),
    );
  });

  it("due exactly when nothing was logged since the most recent 4-week mark of the plan", () => {
    fc.assert(
      fc.property(caseArb, ([plan, last, today]) => {
        fc.pre(plan !== null && plan <= today);
        const r = assessmentDue(plan, last, today);
        const sinceStart = daysBetween(plan as string, today);
        const mark = addDays(plan as string, sinceStart - (sinceStart % N));
        expect(r.due).toBe(last === null || last < mark);
        // Every date the schedule names lies on the plan's 4-week grid.
        expect(daysBetween(plan as string, r.nextDate) % N).toBe(0);
        expect(daysBetween(today, r.nextDate)).toBeLessThanOrEqual(N);
        if (r.dueDate) expect(daysBetween(plan as string, r.dueDate) % N).toBe(0);
        expect(r.overdueDays).toBeLessThan(N);
      }),
    );
  });

  it("before the plan starts nothing is due and the start is next", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 400 }), caseArb, (plan, ahead, [, last]) => {
        const today = addDays(plan, -ahead);
        expect(assessmentDue(plan, last, today)).toEqual({
          due: false,
          dueDate: null,
          nextDate: plan,
          overdueDays: 0,
        });
      }),
    );
  });

  it("without a plan: due exactly when nothing was logged in the last 28 days", () => {
    fc.assert(
      fc.property(dateArb, offsetArb, (today, offset) => {
        const last = addDays(today, offset);
        expect(assessmentDue(null, last, today).due).toBe(daysBetween(last, today) >= N);
      }),
    );
  });

  it("logging today always clears what is due (once the plan has started)", () => {
    fc.assert(
      fc.property(caseArb, ([plan, , today]) => {
        fc.pre(plan === null || plan <= today);
        expect(assessmentDue(plan, today, today).due).toBe(false);
      }),
    );
  });

  it("what is not due today falls due on nextDate, unless logged again in between", () => {
    fc.assert(
      fc.property(caseArb, ([plan, last, today]) => {
        const r = assessmentDue(plan, last, today);
        fc.pre(!r.due && (last === null || last <= today));
        expect(assessmentDue(plan, last, addDays(r.nextDate, -1)).due).toBe(false);
        expect(assessmentDue(plan, last, r.nextDate)).toMatchObject({
          due: true,
          dueDate: r.nextDate,
          overdueDays: 0,
        });
      }),
    );
  });
});

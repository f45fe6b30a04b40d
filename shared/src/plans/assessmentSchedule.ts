// When the next fitness assessment is due: every four weeks from the plan's start (week 1 day 1
// is the baseline), or, without a plan, four weeks after the last one logged.
import { addDays, daysBetween } from "./calendarDates.ts";

/** Days between two assessments: often enough to steer the plan, rare enough to show change. */
export const ASSESSMENT_INTERVAL_DAYS = 28;

export type AssessmentDue = {
  /** An assessment is owed: none logged since `dueDate`. */
  due: boolean;
  /** When due: the date it fell due (on or before today); otherwise null. */
  dueDate: string | null;
  /**
   * The next scheduled date after today: with a plan, the next 4-week mark from its start;
   * without one, four weeks after the last assessment (or after today when one is owed).
   */
  nextDate: string;
  /** Whole days since `dueDate` when due; 0 otherwise. */
  overdueDays: number;
};

/**
 * Whether an assessment is due on `today` (all dates "YYYY-MM-DD" in the runner's zone).
 * `lastAssessmentDate` is the latest date any test was logged, or null if none ever was.
 */
export function assessmentDue(
  planStart: string | null,
  lastAssessmentDate: string | null,
  today: string,
): AssessmentDue {
  const last = lastAssessmentDate;
  if (planStart !== null) {
    const sinceStart = daysBetween(planStart, today);
    // A plan that starts later: its baseline falls due on its first day.
    if (sinceStart < 0) return { due: false, dueDate: null, nextDate: planStart, overdueDays: 0 };
    const mark = addDays(
      planStart,
      Math.floor(sinceStart / ASSESSMENT_INTERVAL_DAYS) * ASSESSMENT_INTERVAL_DAYS,
    );
    const nextDate = addDays(mark, ASSESSMENT_INTERVAL_DAYS);
    const due = last === null || last < mark;
    return {
      due,
      dueDate: due ? mark : null,
      nextDate,
      overdueDays: due ? daysBetween(mark, today) : 0,
    };
  }
  if (last === null) {
    return {
      due: true,
      dueDate: today,
      nextDate: addDays(today, ASSESSMENT_INTERVAL_DAYS),
      overdueDays: 0,
    };
  }
  const fallsDue = addDays(last, ASSESSMENT_INTERVAL_DAYS);
  if (fallsDue > today) return { due: false, dueDate: null, nextDate: fallsDue, overdueDays: 0 };
  return {
    due: true,
    dueDate: fallsDue,
    nextDate: addDays(today, ASSESSMENT_INTERVAL_DAYS),
    overdueDays: daysBetween(fallsDue, today),
  };
}

// The "assessment due" card: whether the 4-weekly fitness assessment is owed, since when, and
// when the next one comes. Shown atop /assessments and on the dashboard (with a link there).
import type { DueCardData } from "../data/assessments.ts";
import { dayLabel, plural } from "../format.ts";
import type { Viewer } from "../viewer.ts";

function ago(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return `${plural(days, "day")} ago`;
}

/** Title and one sentence for the card, in plain words. */
export function dueWords(d: DueCardData, v: Viewer): { title: string; text: string } {
  const { due, planStart, lastDate } = d;
  const day = (date: string) => dayLabel(date, v, true);
  if (due.due && due.dueDate !== null) {
    if (planStart !== null && due.dueDate === planStart) {
      return {
        title: "Baseline assessment due",
        text: `Your plan started on ${day(planStart)}: test yourself once now, so you can see what four weeks of strength work change.`,
      };
    }
    if (planStart !== null) {
      return {
        title: "Assessment due",
        text: `Your 4-week check was due ${ago(due.overdueDays)} (${day(due.dueDate)}).`,
      };
    }
    if (lastDate === null) {
      return {
        title: "Take your first assessment",
        text: "A baseline takes about twenty minutes: a timer, a step and a chair.",
      };
    }
    return {
      title: "Assessment due",
      text: `Your last assessment was on ${day(lastDate)}, four weeks or more ago.`,
    };
  }
  if (planStart !== null && lastDate === null && due.nextDate === planStart) {
    return {
      title: `Baseline on ${day(planStart)}`,
      text: "Your plan starts then: test yourself that day to get a baseline.",
    };
  }
  return {
    title: `Next assessment ${day(due.nextDate)}`,
    text: lastDate
      ? `Last logged on ${day(lastDate)}. Testing every four weeks shows what your strength work changes.`
      : "Testing every four weeks shows what your strength work changes.",
  };
}

/** `onPage`: the assessments page itself, whose forms sit below (no link away). */
export function AssessmentDueCard(props: { d: DueCardData; v: Viewer; onPage?: boolean }) {
  const { title, text } = dueWords(props.d, props.v);
  const due = props.d.due.due;
  return (
    <section
      class={due ? "card due-card due-now" : "card due-card"}
      id="assessment-due"
      aria-labelledby="assessment-due-title"
      data-due={due ? "1" : "0"}
    >
      <h2 id="assessment-due-title" class="card-title">
        {title}
      </h2>
      <p>{text}</p>
      {props.onPage ? (
        due ? (
          <p>
            <a href="#tests">Do the tests below</a> and log each result.
          </p>
        ) : null
      ) : (
        <a class={due ? "button" : "button secondary"} href="/assessments">
          {due ? "Log your results" : "See your assessments"}
        </a>
      )}
    </section>
  );
}

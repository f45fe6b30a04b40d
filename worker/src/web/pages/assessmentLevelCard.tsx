// The "Your level" card of /assessments: the level the latest results suggest against the active
// plan's, in plain words, a link to rebuild the plan at it, and left/right imbalances.
import type { AssessmentsPage } from "../data/assessments.ts";
import { LEVEL_LABEL } from "./planWords.ts";

/** What the results say against the active plan's level, and a way to act on it. */
function Suggestion(props: { p: AssessmentsPage }) {
  const { suggestion: s, plan } = props.p;
  const reasons = s.reasons.join(" ");
  if (s.level === null) return <p id="level-suggestion">{reasons}</p>;
  if (plan?.level && plan.level !== s.level) {
    return (
      <>
        <p id="level-suggestion">
          Your results suggest moving from <strong>{plan.level}</strong> to{" "}
          <strong>{s.level}</strong>: {reasons}
        </p>
        <a class="button" href={`/plan/new?level=${s.level}`}>
          Rebuild your plan at “{LEVEL_LABEL[s.level]}”
        </a>
      </>
    );
  }
  if (plan?.level) {
    return (
      <p id="level-suggestion">
        Your results match your plan's level, <strong>{s.level}</strong>. {reasons}
      </p>
    );
  }
  return (
    <>
      <p id="level-suggestion">
        Your results suggest the <strong>{s.level}</strong> level. {reasons}
      </p>
      <a class="button secondary" href={`/plan/new?level=${s.level}`}>
        {plan ? "Rebuild your plan at this level" : "Build a plan at this level"}
      </a>
    </>
  );
}

export function LevelCard(props: { p: AssessmentsPage }) {
  const { imbalances } = props.p.suggestion;
  return (
    <section class="card" id="assessment-level" aria-labelledby="level-title" data-view>
      <h2 id="level-title" class="card-title">
        Your level
      </h2>
      <Suggestion p={props.p} />
      {imbalances.length ? (
        <>
          <h3 class="card-subtitle">Left and right</h3>
          <ul class="imbalances">
            {imbalances.map((i) => (
              <li data-imbalance={i.test}>{i.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

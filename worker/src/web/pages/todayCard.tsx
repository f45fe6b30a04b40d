// The dashboard's session card: today's session from the plan with progressed targets and why
// they changed, a fatigue swap offered in one tap, or — for a runner without a plan — the way
// to build one.
import { withOverride } from "@runstrong/shared/plans";
import type { PlanItem, TodayResponse } from "@runstrong/shared/schemas";
import { Empty } from "../components.tsx";
import type { Overview } from "../data/overview.ts";
import { exerciseName } from "../data/plan.ts";
import { dayLabel, weight } from "../format.ts";
import { RUN_KIND_LABEL } from "../labels.ts";
import type { Viewer } from "../viewer.ts";

/** "3 × 12", "3 × 45 s each side", "1 × max" with the weight when there is one. */
export function doseLine(item: PlanItem, v: Viewer): string {
  const dose =
    item.mode === "hold"
      ? `${item.target_hold_s ?? "–"} s`
      : item.mode === "amrap"
        ? "max"
        : `${item.target_reps ?? "–"}`;
  const load = item.weight_kg ? ` · ${weight(item.weight_kg, v.units)}` : "";
  return `${item.sets} × ${dose}${item.per_side ? " each side" : ""}${load}`;
}

/** The first planned or adjusted strength day of the coming week. */
function nextSession(o: Overview): TodayResponse | null {
  return o.upcoming?.days.find((d) => d.day !== null) ?? null;
}

function BuildPlanCard() {
  return (
    <section class="card build-plan" id="build-plan" aria-labelledby="build-plan-title">
      <h2 id="build-plan-title" class="card-title">
        Build your plan
      </h2>
      <p class="lead">
        Tell runstrong your running week and how much time you have: it places 2–3 short strength
        sessions on the right days, around your key runs, and builds them up as you log.
      </p>
      <p class="muted">
        Your watch shows the session of the day once the plan is saved, even with the phone away.
      </p>
      <a class="button" href="/plan">
        Build your plan
      </a>
    </section>
  );
}

function AdjustmentOffer(props: { o: Overview; t: TodayResponse; v: Viewer }) {
  const { o, t } = props;
  const a = t.adjustment;
  if (!a || !o.plan || !o.upcoming) return null;
  // The server prepares the whole plan.put: the page only queues it.
  const accepted = withOverride(o.plan.body, t.date, a.day, o.today);
  const payload = JSON.stringify({ id: o.plan.id, base_rev: o.upcoming.rev, plan: accepted });
  return (
    <div class="adjustment" role="note" aria-labelledby="adjustment-title">
      <p id="adjustment-title">
        <strong>Tired legs?</strong> {a.reason}
      </p>
      <p class="muted small">
        Instead: {a.day.items.map((i) => exerciseName(i.exercise_id, i.name)).join(", ")}.
      </p>
      <button type="button" class="button" data-accept-adjustment={payload}>
        Swap to core & upper body
      </button>
    </div>
  );
}

export function TodayCard(props: { o: Overview; v: Viewer }) {
  const { o, v } = props;
  if (!o.plan) return <BuildPlanCard />;
  const today = o.upcoming?.days[0];
  const t = today?.day ? today : nextSession(o);
  const todayDone = o.days.some((d) => d.isToday && d.sessions.length > 0);
  const plannedRun = o.days.find((d) => d.isToday)?.planned?.run;
  return (
    <section class="card today-card" id="next-session" aria-labelledby="next-title">
      <h2 id="next-title" class="card-title">
        {t?.date === o.today ? "Today's session" : "Next planned session"}
      </h2>
      {today && !today.day ? (
        <p class="muted">
          No strength today
          {plannedRun ? ` — ${RUN_KIND_LABEL[plannedRun.kind]?.toLowerCase() ?? "run"} day` : ""}.
        </p>
      ) : null}
      {t?.day ? (
        <>
          <p class="lead">
            <strong>{t.day.title ?? "Strength"}</strong>{" "}
            <span class="pill">{t.date === o.today ? "Today" : dayLabel(t.date, v, true)}</span>{" "}
            {t.adjusted ? <span class="pill pill-adjusted">Adjusted</span> : null}
            {t.deload ? <span class="pill">Lighter week</span> : null}
            {t.taper ? <span class="pill">Race taper</span> : null}
          </p>
          <p class="muted small">
            Week {t.week} · about {t.estimated_minutes ?? "–"} min
            {t.date === o.today && todayDone ? " · done today" : ""}
          </p>
          <ul class="plain items">
            {t.day.items.map((item) => (
              <li>
                <span>{exerciseName(item.exercise_id, item.name)}</span>
                <span class="muted">{doseLine(item, v)}</span>
              </li>
            ))}
          </ul>
          {t.progression.length ? (
            <details class="why" open={t.date === o.today}>
              <summary>Why these numbers</summary>
              <ul class="plain">
                {t.progression.map((p) => (
                  <li>
                    <strong>
                      {exerciseName(
                        p.exercise_id,
                        t.day?.items.find((i) => i.exercise_id === p.exercise_id)?.name,
                      )}
                    </strong>
                    : {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <AdjustmentOffer o={o} t={t} v={v} />
          <a class="button secondary" href={`/run?date=${t.date}`}>
            Run it on this phone
          </a>
        </>
      ) : (
        <Empty title="Nothing more planned this week.">
          <p class="muted">Routines from the library are one tap away.</p>
          <a class="button secondary" href="/run">
            Pick a routine
          </a>
        </Empty>
      )}
    </section>
  );
}

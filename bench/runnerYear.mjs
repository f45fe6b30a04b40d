// A year of a committed runner, as the sync mutations its watch and phone would push: two plans
// (the second active from week 27), 3 strength sessions a week of about 19 sets each (about
// 3,000 sets), 200 runs and 13 assessments, over the 52 weeks that ended last Sunday (UTC).
// Deterministic: the same shape every run.

const DAY_MS = 86_400_000;
export const YEAR_WEEKS = 52;
const pad = (n) => String(n).padStart(2, "0");
const ymd = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Monday (UTC) of the first of the 52 weeks before this one. */
export function yearStart(now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday - YEAR_WEEKS * 7 * DAY_MS);
}

/** The plan builder's request for the runner's week (POST /plans/generate). */
export function planRequest(startDate, minutes) {
  return {
    running_week: [
      { weekday: 1, run: "rest" },
      { weekday: 2, run: "easy", distance_m: 8000 },
      { weekday: 3, run: "tempo", distance_m: 10000 },
      { weekday: 4, run: "rest" },
      { weekday: 5, run: "easy", distance_m: 6000 },
      { weekday: 6, run: "long", distance_m: 18000 },
      { weekday: 7, run: "easy", duration_s: 2700 },
    ],
    sessions_per_week: 3,
    minutes,
    equipment: ["dumbbell", "step"],
    level: "some",
    start_date: ymd(startDate),
    weeks: 24,
  };
}

const TESTS = ["plank_hold", "push_up_max", "single_leg_squat_left", "time_5k"];
const RUNS = { 2: ["easy", 8], 3: ["tempo", 10], 6: ["long", 18], 7: ["easy", 7.5] };

/** Every set of one session: the plan day's items in order, repeated until `count` sets. */
function sessionSets(id, day, start, count, week) {
  const sets = [];
  let t = start + 3 * 60_000;
  const perItem = day.items.flatMap((item) =>
    Array.from({ length: item.sets * (item.per_side ? 2 : 1) }, (_, k) => ({ item, k })),
  );
  for (let n = 0; n < count; n++) {
    const { item, k } = perItem[n % perItem.length];
    const hold = item.mode === "hold";
    const seconds = hold ? (item.target_hold_s ?? 40) : 35;
    const args = {
      id: `${id}-${n + 1}`,
      session_id: id,
      exercise_id: item.exercise_id,
      set_index: item.per_side ? k >> 1 : k,
      started_at: new Date(t).toISOString(),
      ended_at: new Date(t + seconds * 1000).toISOString(),
      ...(hold
        ? { hold_s: seconds - (n % 4), target_hold_s: item.target_hold_s ?? 40 }
        : {
            reps: (item.target_reps ?? 10) - (n % 3) + (week % 4),
            target_reps: item.target_reps ?? 10,
          }),
    };
    if (item.per_side) args.side = k % 2 ? "right" : "left";
    if (item.weight_kg !== undefined) args.weight_kg = item.weight_kg;
    if (n % 5 === 0) args.rpe = 6 + (n % 3);
    sets.push({ op: "set.log", args });
    t += (seconds + (item.rest_s ?? 60)) * 1000;
  }
  return { sets, end: t };
}

/**
 * The year's mutations, oldest first, and their counts. `plans` are two plan bodies from the
 * plan builder; each must have three strength days.
 */
export function runnerYear(plans, start) {
  const ids = ["year-plan-1", "year-plan-2"];
  const out = [
    { op: "plan.put", args: { id: ids[0], base_rev: 0, plan: plans[0] } },
    { op: "plan.put", args: { id: ids[1], base_rev: 0, plan: plans[1] } },
    { op: "settings.put", args: { active_plan_id: ids[1], units: "metric", time_zone: "UTC" } },
  ];
  const counts = { plans: 2, sessions: 0, sets: 0, runs: 0, assessments: 0 };
  for (let week = 0; week < YEAR_WEEKS; week++) {
    const half = week < YEAR_WEEKS / 2 ? 0 : 1;
    const plan = plans[half];
    for (let weekday = 1; weekday <= 7; weekday++) {
      const date = new Date(start.getTime() + (week * 7 + weekday - 1) * DAY_MS);
      if (weekday === 1 && week % 4 === 0) {
        out.push({
          op: "assessment.log",
          args: {
            id: `year-a-${week}`,
            date: ymd(date),
            test: TESTS[(week / 4) % TESTS.length],
            value: TESTS[(week / 4) % TESTS.length] === "time_5k" ? 1500 - week : 30 + week,
          },
        });
        counts.assessments++;
      }
      const run = RUNS[weekday];
      // Sunday's easy run is skipped in 8 weeks of 52: 200 runs in the year.
      if (run && !(weekday === 7 && [0, 6].includes(week % 13))) {
        const [kind, km] = run;
        out.push({
          op: "run.log",
          args: {
            id: `year-r-${ymd(date)}`,
            date: ymd(date),
            distance_m: Math.round(km * 1000 + (week % 5) * 100),
            duration_s: Math.round(km * (kind === "tempo" ? 300 : 360)),
            kind,
            ...(week % 3 === 0 ? { avg_hr: 140 + (week % 10) } : {}),
          },
        });
        counts.runs++;
      }
      const day = plan.days.find((d) => d.weekday === weekday && d.items.length > 0);
      if (!day) continue;
      const id = `year-s-${ymd(date)}`;
      const startedAt = date.getTime() + 18 * 3_600_000;
      out.push({
        op: "session.start",
        args: {
          id,
          started_at: new Date(startedAt).toISOString(),
          plan_id: ids[half],
          plan_day: weekday,
          source: "plan",
          name: day.title ?? "Strength",
        },
      });
      // 19 or 20 sets: 19.2 on average, about 3,000 in 156 sessions.
      const { sets, end } = sessionSets(id, day, startedAt, counts.sessions % 5 ? 19 : 20, week);
      out.push(...sets);
      out.push({
        op: "session.finish",
        args: { id, ended_at: new Date(end).toISOString(), rpe: 5 + (week % 4) },
      });
      counts.sessions++;
      counts.sets += sets.length;
    }
  }
  return { mutations: out, counts };
}

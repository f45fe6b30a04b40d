// A busy account for export/import tests, made the way the demo seed makes one (scripts/seed-demo.mjs):
// a plan from POST /plans/generate, weeks of that plan's sessions with every kind of set, runs,
// assessments and settings, pushed by a paired watch; plus deletes, which an export leaves out.
import { call, type Device, pairDevice, push, type User } from "./apiClient.ts";

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ymd = (ms: number) => iso(ms).slice(0, 10);

/** Free text that CSV and JSON must carry intact. */
export const TRICKY = {
  sessionName: 'Ćwiczenie, "ciężkie"',
  runNotes: "ランニング, 雨\nsecond line",
  assessmentNotes: '=1+1 "formula?", held\r\nlonger',
};

export type Busy = { watch: Device; counts: Record<string, number> };

export async function buildBusyAccount(user: User, weeks = 4, prefix = "busy"): Promise<Busy> {
  const watch = await pairDevice(user, "Busy watch");
  const generated = await call("POST", "/plans/generate", {
    token: watch.token,
    body: {
      running_week: [
        { weekday: 1, run: "rest" },
        { weekday: 2, run: "easy", distance_m: 7000 },
        { weekday: 3, run: "tempo", distance_m: 9000 },
        { weekday: 4, run: "easy", distance_m: 5000 },
        { weekday: 5, run: "rest" },
        { weekday: 6, run: "long", distance_m: 16000 },
        { weekday: 7, run: "easy", duration_s: 2400 },
      ],
      sessions_per_week: 3,
      minutes: 40,
      equipment: ["dumbbell", "step"],
      level: "some",
      start_date: "2026-01-05",
      weeks: 8,
    },
  });
  if (generated.status !== 200) throw new Error(`generate: ${JSON.stringify(generated.body)}`);
  const plan = generated.body.plan;
  const planId = `${prefix}-plan`;
  const out: { op: string; args: Record<string, unknown> }[] = [
    { op: "plan.put", args: { id: planId, base_rev: 0, plan } },
    {
      op: "plan.put",
      args: { id: `${prefix}-old-plan`, base_rev: 0, plan: { ...plan, name: "Old" } },
    },
    { op: "plan.delete", args: { id: `${prefix}-old-plan`, base_rev: 1 } },
    {
      op: "settings.put",
      args: {
        active_plan_id: planId,
        units: "imperial",
        rest_s_default: 75,
        time_zone: "Europe/Warsaw",
      },
    },
  ];
  const counts = { plans: 1, sessions: 0, sets: 0, runs: 0, assessments: 0 };
  const start = Date.UTC(2026, 0, 5);
  for (let week = 0; week < weeks; week++) {
    for (const day of plan.days) {
      const date = start + (week * 7 + day.weekday - 1) * DAY_MS;
      if (day.items.length > 0) {
        const id = `${prefix}-s-${week}-${day.weekday}`;
        let t = date + 18 * 3600_000;
        const name =
          week === 0 &&
          day.weekday === plan.days.find((d: { items: unknown[] }) => d.items.length)?.weekday
            ? TRICKY.sessionName
            : day.title;
        out.push({
          op: "session.start",
          args: {
            id,
            started_at: iso(t),
            plan_id: planId,
            plan_day: day.weekday,
            source: "plan",
            name,
          },
        });
        counts.sessions++;
        let n = 0;
        for (const item of day.items) {
          for (let setIndex = 0; setIndex < item.sets; setIndex++) {
            for (const side of item.per_side ? ["left", "right"] : [undefined]) {
              const seconds = item.mode === "hold" ? (item.target_hold_s ?? 30) - setIndex : 40;
              const args: Record<string, unknown> = {
                id: `${id}-${++n}`,
                session_id: id,
                exercise_id: item.exercise_id,
                set_index: setIndex,
                started_at: iso(t),
                ended_at: iso(t + seconds * 1000),
              };
              if (item.mode === "hold")
                Object.assign(args, { hold_s: seconds, target_hold_s: item.target_hold_s });
              else
                Object.assign(args, {
                  reps: 8 + week - setIndex,
                  target_reps: item.target_reps ?? 10,
                });
              if (side) args.side = side;
              if (item.weight_kg !== undefined || /dumbbell|goblet|deadlift/.test(item.exercise_id))
                args.weight_kg = 10 + week * 1.25;
              if (setIndex === item.sets - 1) args.rpe = 8;
              out.push({ op: "set.log", args });
              counts.sets++;
              t += (seconds + item.rest_s) * 1000;
            }
          }
        }
        out.push({
          op: "session.finish",
          args: {
            id,
            ended_at: iso(t),
            rpe: 6 + (week % 3),
            ...(week % 2 ? { notes: 'Felt strong, "solid".' } : {}),
          },
        });
      }
      if (day.run) {
        const km = (day.run.distance_m ?? 6000) / 1000;
        const notes = week === 1 && day.weekday === 6 ? TRICKY.runNotes : undefined;
        out.push({
          op: "run.log",
          args: {
            id: `${prefix}-r-${week}-${day.weekday}`,
            date: ymd(date),
            distance_m: km * 1000 + week * 250,
            duration_s: Math.round(km * 330),
            kind: day.run.kind === "long" || day.run.kind === "tempo" ? day.run.kind : "easy",
            avg_hr: 140 + week,
            ...(notes ? { notes } : {}),
          },
        });
        counts.runs++;
      }
    }
    if (week % 2 === 0) {
      for (const [test, value] of [
        ["plank_hold", 80 + week * 5],
        ["time_5k", 1500 - week * 10],
        ["push_up_max", 20 + week],
      ] as const) {
        out.push({
          op: "assessment.log",
          args: {
            id: `${prefix}-a-${week}-${test}`,
            date: ymd(start + week * 7 * DAY_MS),
            test,
            value,
            ...(test === "plank_hold" && week === 0 ? { notes: TRICKY.assessmentNotes } : {}),
          },
        });
        counts.assessments++;
      }
    }
  }
  // Deleted things an export must leave out: a whole session with its set, and a run.
  out.push(
    {
      op: "session.start",
      args: { id: `${prefix}-gone`, started_at: iso(start), name: "Deleted" },
    },
    {
      op: "set.log",
      args: {
        id: `${prefix}-gone-1`,
        session_id: `${prefix}-gone`,
        exercise_id: "squat",
        set_index: 0,
        started_at: iso(start),
        ended_at: iso(start + 30_000),
        reps: 5,
      },
    },
    { op: "session.delete", args: { id: `${prefix}-gone` } },
    {
      op: "run.log",
      args: {
        id: `${prefix}-gone-run`,
        date: "2026-01-06",
        distance_m: 1000,
        duration_s: 300,
        kind: "other",
      },
    },
    { op: "run.delete", args: { id: `${prefix}-gone-run` } },
  );
  for (let i = 0; i < out.length; i += 200) {
    const batch = out.slice(i, i + 200).map((m, j) => ({ seq: i + j + 1, ...m }));
    const res = await push(watch, batch);
    const bad = res.body.acks?.filter((a: { status: string }) => a.status !== "applied");
    if (res.status !== 200 || bad.length)
      throw new Error(`seed push: ${JSON.stringify(res.body).slice(0, 500)}`);
  }
  return { watch, counts };
}

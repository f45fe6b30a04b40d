// A fuzzed account with real data: an active plan and some history, so the plan and push
// routes run their own logic rather than stopping at "no plan"; and the known-good bodies the
// generators start from.
import { type Account, nextClientIp, sendRaw } from "./fuzzClient.ts";

// biome-ignore lint/suspicious/noExplicitAny: API answers, checked where they are used.
type Json = any;

/** The running week of docs/plans.md's example: the builder's known-good input. */
export const GENERATE_EXAMPLE = {
  running_week: [
    { weekday: 1, run: "rest" },
    { weekday: 2, run: "intervals", distance_m: 8000 },
    { weekday: 3, run: "easy", distance_m: 6000 },
    { weekday: 4, run: "tempo" },
    { weekday: 5, run: "rest" },
    { weekday: 6, run: "long", distance_m: 18000 },
    { weekday: 7, run: "cross" },
  ],
  sessions_per_week: 2,
  minutes: 30,
  equipment: ["dumbbell", "step"],
  level: "new",
  start_date: "2026-12-07",
  weeks: 8,
  race_date: "2027-03-14",
};

/**
 * Gives the account an active plan and some history, so `/plans/today` and the push rules
 * work on real data; returns a push that would be accepted, as the push route's example.
 */
export async function seedAccount(origin: string, a: Account): Promise<Json> {
  const headers = {
    authorization: `Bearer ${a.device.token}`,
    "content-type": "application/json",
    "cf-connecting-ip": nextClientIp(),
  };
  const generated = await sendRaw(origin, {
    method: "POST",
    path: "/api/v1/plans/generate",
    headers,
    body: JSON.stringify(GENERATE_EXAMPLE),
  });
  const plan = (generated.json as Json).plan;
  const at = "2026-12-08T07:00:00Z";
  const bodies = [
    { op: "plan.put", args: { id: "fuzz-plan", base_rev: 0, plan } },
    { op: "settings.put", args: { active_plan_id: "fuzz-plan", time_zone: "Europe/Berlin" } },
    { op: "session.start", args: { id: "fuzz-session", started_at: at, plan_id: "fuzz-plan" } },
    {
      op: "set.log",
      args: {
        ...{ id: "fuzz-set", session_id: "fuzz-session", exercise_id: "squat", set_index: 0 },
        ...{ started_at: at, ended_at: "2026-12-08T07:00:40Z", reps: 12, rpe: 7 },
      },
    },
    { op: "session.finish", args: { id: "fuzz-session", ended_at: "2026-12-08T07:30:00Z" } },
    {
      op: "run.log",
      args: {
        id: "fuzz-run",
        date: "2026-12-07",
        distance_m: 18000,
        duration_s: 6000,
        kind: "long",
      },
    },
    {
      op: "assessment.log",
      args: { id: "fuzz-test", date: "2026-12-07", test: "plank_hold", value: 90 },
    },
  ];
  const mutations = bodies.map((b, i) => ({ seq: i + 1, ...b }));
  const pushed = await sendRaw(origin, {
    method: "POST",
    path: "/api/v1/sync/push",
    headers,
    body: JSON.stringify({ schema: 1, mutations }),
  });
  const acks = (pushed.json as Json).acks as { status: string }[];
  if (!acks.every((ack) => ack.status === "applied")) throw new Error(`seed: ${pushed.text}`);
  // The example: the same ops again under new ids (plan.put on the stored rev).
  const again = bodies.map((b, i) => ({
    seq: i + 1,
    op: b.op,
    args: b.op === "plan.put" ? { ...b.args, base_rev: 1 } : { ...b.args, id: `fuzz-${i}` },
  }));
  return { schema: 1, mutations: again };
}

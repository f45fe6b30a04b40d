// What each simulated device does, drawn from the seed: sessions of sets (some edited or
// deleted), finishes, runs, assessments, settings and, on the web, a plan — cut into steps the
// device enqueues one at a time, each followed by a flush, a pull, both or nothing, and now and
// then an app crash.
import { exercises } from "@runstrong/shared/catalog";
import type { MutationBody } from "@runstrong/shared/client";
import { assessmentTests } from "@runstrong/shared/schemas";
import { between, chance, pick, type Rng } from "./random.ts";

/** A household has a watch (through its phone), the phone itself and the web view. */
export type Role = "watch" | "phone" | "web";

export type DeviceSpec = {
  /** Unique in the run, e.g. `h03-watch`; the proxy draws this device's faults by it. */
  name: string;
  /** Prefix of every entity id the device makes (ids are per account; this keeps them apart). */
  tag: string;
  household: number;
  role: Role;
  sessions: number;
};

export type Crash = "idle" | "midFlush" | "midEnqueue";
export type Step = {
  bodies: MutationBody[];
  after: "flush" | "pull" | "sync" | "none";
  /** The app dies after (or, mid-enqueue, during) this step and is started again. */
  crash?: Crash;
};

const EXERCISE_IDS = exercises.map((e) => e.id);
const TEST_IDS = assessmentTests.map((t) => t.id);
const RUN_KINDS = ["easy", "long", "tempo", "intervals", "race", "other"] as const;
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"];
const DAY_MS = 86_400_000;

/** ISO-8601 with a +01:00 offset; a device whose clock is at 1970 writes 1970 times. */
const isoAt = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;
const dateAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function planBody(name: string, sets: number) {
  return {
    name,
    days: [
      {
        weekday: 2,
        items: [
          {
            exercise_id: EXERCISE_IDS[0] as string,
            mode: "reps" as const,
            per_side: false,
            sets,
            target_reps: 10,
            rest_s: 60,
          },
        ],
      },
    ],
  };
}

export function planWorkload(spec: DeviceSpec, r: Rng): Step[] {
  const steps: Step[] = [];
  const t = spec.tag;
  // Every seventh device has its clock at 1970: times are data and must not matter.
  let now = spec.household % 7 === 3 ? 300_000 : Date.UTC(2026, 10, 1, 6) + spec.household * DAY_MS;
  const later: MutationBody[][] = [];
  const push = (bodies: MutationBody[]) => {
    const roll = r();
    const after = roll < 0.45 ? "flush" : roll < 0.6 ? "pull" : roll < 0.75 ? "sync" : "none";
    const crashRoll = r();
    const step: Step = { bodies, after };
    if (crashRoll < 0.015) step.crash = "idle";
    else if (crashRoll < 0.035) step.crash = "midFlush";
    else if (crashRoll < 0.045) step.crash = "midEnqueue";
    steps.push(step);
  };
  if (spec.role === "web") {
    const plan = `${t}p`;
    push([
      { op: "plan.put", args: { id: plan, base_rev: 0, plan: planBody(`${t} plan`, 3) } },
      { op: "settings.put", args: { active_plan_id: plan } },
    ]);
    later.push([
      { op: "plan.put", args: { id: plan, base_rev: 1, plan: planBody(`${t} plan 2`, 4) } },
    ]);
  }
  for (let s = 0; s < spec.sessions; s++) {
    const session = `${t}s${s}`;
    now += between(r, 1, 3) * DAY_MS;
    let at = now;
    push([
      { op: "session.start", args: { id: session, started_at: isoAt(at), source: spec.role } },
    ]);
    const setCount = between(r, 3, 8);
    let last: string | null = null;
    for (let i = 0; i < setCount; i++) {
      const id = `${t}s${s}x${i}`;
      const hold = chance(r, 0.25);
      const set = (setId: string, index: number, reps: number): MutationBody => ({
        op: "set.log",
        args: {
          id: setId,
          session_id: session,
          exercise_id: pick(r, EXERCISE_IDS),
          set_index: index,
          started_at: isoAt(at),
          ended_at: isoAt(at + 40_000),
          ...(hold ? { hold_s: reps * 3 } : { reps }),
          ...(chance(r, 0.5) ? { weight_kg: between(r, 0, 40) } : {}),
          ...(chance(r, 0.3)
            ? { rpe: between(r, 5, 9), side: pick(r, ["left", "right"] as const) }
            : {}),
        },
      });
      at += 120_000;
      const bodies = [set(id, i, between(r, 5, 15))];
      if (last !== null && chance(r, 0.08)) {
        // An edit: a set is logged once, so the web view replaces it under a new id.
        bodies.push({ op: "set.delete", args: { id: last } });
        bodies.push(set(`${last}e`, i - 1, between(r, 5, 15)));
      } else if (last !== null && chance(r, 0.04)) {
        bodies.push({ op: "set.delete", args: { id: last } });
      }
      push(bodies);
      last = id;
    }
    push([
      {
        op: "session.finish",
        args: { id: session, ended_at: isoAt(at), rpe: between(r, 4, 9) },
      },
    ]);
    if (chance(r, 0.15)) {
      later.push([
        {
          op: "session.finish",
          args: { id: session, ended_at: isoAt(at + 60_000), notes: `felt ${s}` },
        },
      ]);
    }
    if (chance(r, 0.07)) later.push([{ op: "session.delete", args: { id: session } }]);
    if (chance(r, 0.4)) {
      const run = `${t}r${s}`;
      push([
        {
          op: "run.log",
          args: {
            id: run,
            date: dateAt(now + DAY_MS),
            distance_m: between(r, 3_000, 21_000),
            duration_s: between(r, 900, 7_200),
            kind: pick(r, RUN_KINDS),
            ...(chance(r, 0.3) ? { avg_hr: between(r, 120, 175) } : {}),
          },
        },
      ]);
      if (chance(r, 0.15)) later.push([{ op: "run.delete", args: { id: run } }]);
    }
    if (chance(r, 0.15)) {
      push([
        {
          op: "assessment.log",
          args: {
            id: `${t}a${s}`,
            date: dateAt(now),
            test: pick(r, TEST_IDS),
            value: between(r, 10, 120),
          },
        },
      ]);
    }
    if (chance(r, 0.15)) {
      push([
        {
          op: "settings.put",
          args: { rest_s_default: between(r, 30, 180), time_zone: pick(r, ZONES) },
        },
      ]);
    }
    // Edits of earlier entries come back a little later, among newer work.
    if (later.length > 0 && chance(r, 0.5)) push(later.shift() as MutationBody[]);
  }
  for (const bodies of later) push(bodies);
  return steps;
}

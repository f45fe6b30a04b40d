// Property tests of the session engine over arbitrary plans, event sequences and irregular,
// jittered clocks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MutationBody } from "../schemas/mutations.ts";
import type { Cue, EngineEventType, EngineItem, EngineState, Step } from "./index.ts";
import {
  dispatch,
  ENGINE_EVENT_TYPES,
  formatClock,
  restore,
  serialise,
  startSession,
  summary,
  tick,
  view,
} from "./index.ts";

const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);

type OpType = EngineEventType | "tick";
interface Op {
  type: OpType;
  /** Milliseconds since the previous op: irregular, sometimes zero, sometimes long. */
  dt: number;
}

const itemArb: fc.Arbitrary<EngineItem> = fc.record(
  {
    exercise_id: fc.constantFrom("squat", "plank", "lunge", "calf_raise"),
    name: fc.constantFrom("Squat", "Plank", "Lunge", "Calf raise"),
    mode: fc.constantFrom("reps" as const, "hold" as const, "amrap" as const),
    per_side: fc.boolean(),
    sets: fc.integer({ min: 1, max: 3 }),
    target_reps: fc.integer({ min: 1, max: 15 }),
    target_hold_s: fc.integer({ min: 1, max: 12 }),
    rest_s: fc.integer({ min: 0, max: 12 }),
    weight_kg: fc.integer({ min: 0, max: 40 }),
  },
  { requiredKeys: ["exercise_id", "name", "mode", "per_side", "sets", "rest_s"] },
);

const itemsArb = fc.array(itemArb, { minLength: 1, maxLength: 4 });

// Weighted so sessions make real progress: taps and timer traffic dominate, while finish and
// skip_exercise stay rare enough for long sessions to reach per-side and rest phases.
const opTypeArb: fc.Arbitrary<OpType> = fc.oneof(
  { arbitrary: fc.constant("tick" as const), weight: 36 },
  { arbitrary: fc.constant("rep_tap" as const), weight: 24 },
  { arbitrary: fc.constantFrom("set_done" as const, "hold_start" as const), weight: 18 },
  { arbitrary: fc.constantFrom("undo_tap" as const, "switch_side" as const), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      ...ENGINE_EVENT_TYPES.filter((t) => t !== "finish"),
      "hold_complete" as const,
    ),
    weight: 12,
  },
  { arbitrary: fc.constant("finish" as const), weight: 1 },
);

const dtArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1500 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 20_000 }), weight: 2 },
  { arbitrary: fc.constant(0), weight: 1 },
);

const opsArb = fc.array(fc.record({ type: opTypeArb, dt: dtArb }), {
  maxLength: 150,
  size: "max",
});

function apply(state: EngineState, type: OpType, nowMs: number): Step {
  return type === "tick" ? tick(state, nowMs) : dispatch(state, { type }, nowMs);
}

interface Trace {
  steps: Step[];
  states: EngineState[];
  times: number[];
  final: EngineState;
  end: number;
}

/** Runs ops from a fresh session; optionally saves and restores the state after every step. */
function runOps(items: EngineItem[], ops: Op[], saveEachStep = false): Trace {
  const first = startSession({ sessionId: "prop", items, nowMs: T0 });
  const steps: Step[] = [first];
  const states: EngineState[] = [first.state];
  const times: number[] = [T0];
  let s = first.state;
  let now = T0;
  for (const op of ops) {
    now += op.dt;
    const step = apply(s, op.type, now);
    steps.push(step);
    s = saveEachStep ? restore(serialise(step.state)) : step.state;
    states.push(s);
    times.push(now);
  }
  return { steps, states, times, final: s, end: now };
}

const allMutations = (steps: Step[]): MutationBody[] => steps.flatMap((s) => s.mutations);
const setLogs = (mutations: MutationBody[]) =>
  mutations.flatMap((m) => (m.op === "set.log" ? [m.args] : []));

describe("session engine properties", () => {
  it("1. the rep count is never negative", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, (items, ops) => {
        const { states, times } = runOps(items, ops);
        states.forEach((s, i) => {
          expect(s.count).toBeGreaterThanOrEqual(0);
          const v = view(s, times[i] as number);
          if (v.screen === "reps") expect(Number(v.big)).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });

  it("2. undo restores the previous count", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, fc.integer({ min: 0, max: 3000 }), (items, ops, gap) => {
        const { states, times } = runOps(items, ops);
        states.forEach((s, i) => {
          const now = times[i] as number;
          const before = view(s, now);
          if (before.screen !== "reps") return;
          const tapped = dispatch(s, { type: "rep_tap" }, now).state;
          const undone = dispatch(tapped, { type: "undo_tap" }, now + gap).state;
          expect(undone.count).toBe(tick(s, now).state.count);
          expect(view(undone, now + gap)).toStrictEqual(view(s, now + gap));
          // Undo from a positive count goes back exactly one tap.
          if (tapped.count > 1) {
            expect(dispatch(tapped, { type: "undo_tap" }, now).state.count).toBe(tapped.count - 1);
          }
        });
      }),
    );
  });

  it("3. each completed set yields exactly one set.log, with ids never repeated", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, (items, ops) => {
        const { steps, states, times } = runOps(items, ops);
        ops.forEach((op, i) => {
          const step = steps[i + 1] as Step;
          // What the engine faced: the state before the op, with any ended timers settled.
          const faced = tick(states[i] as EngineState, times[i + 1] as number).state;
          const running = faced.pausedAtMs === null;
          let completions = step.cues.filter((c) => c.kind === "hold_end").length;
          if (op.type === "set_done" && running && faced.phase === "reps") completions += 1;
          if (op.type === "hold_complete" && running && faced.phase === "hold") completions += 1;
          if (
            op.type === "finish" &&
            ((faced.phase === "reps" && faced.count > 0) || faced.phase === "hold")
          ) {
            completions += 1;
          }
          expect(setLogs(step.mutations)).toHaveLength(completions);
        });
        const logs = setLogs(allMutations(steps));
        expect(new Set(logs.map((l) => l.id)).size).toBe(logs.length);
        for (const l of logs) {
          expect(l.id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
          expect((l.reps === undefined) !== (l.hold_s === undefined)).toBe(true);
        }
        const last = states[states.length - 1] as EngineState;
        expect(summary(last).sets).toBe(logs.length);
        const finishes = allMutations(steps).filter((m) => m.op === "session.finish");
        expect(finishes).toHaveLength(last.phase === "summary" ? 1 : 0);
      }),
    );
  });

  it("4. timing follows the clock, not the ticks: jittered ticks change no outcome", () => {
    const eventOnly = fc.array(
      fc.record({
        type: opTypeArb.filter((t) => t !== "tick"),
        dt: dtArb,
        // Where extra ticks land inside the gap before this event (fractions of dt).
        jitter: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(itemsArb, eventOnly, (items, events) => {
        const bare = runOps(
          items,
          events.map(({ type, dt }) => ({ type, dt })),
        );
        const ticked: Op[] = [];
        for (const e of events) {
          const offsets = e.jitter.map((f) => Math.floor(f * e.dt)).sort((a, b) => a - b);
          let prev = 0;
          for (const o of offsets) {
            ticked.push({ type: "tick", dt: o - prev });
            prev = o;
          }
          ticked.push({ type: e.type, dt: e.dt - prev });
        }
        const jittered = runOps(items, ticked);
        expect(jittered.end).toBe(bare.end);
        expect(allMutations(jittered.steps)).toStrictEqual(allMutations(bare.steps));
        const finalView = view(jittered.final, bare.end);
        expect(finalView).toStrictEqual(view(bare.final, bare.end));
        // Ending now: the session lasted exactly the clock's advance.
        const close = dispatch(jittered.final, { type: "finish" }, bare.end + 250).state;
        const ended = close.endedAtMs ?? 0;
        expect(summary(close).duration_s).toBe(Math.floor((ended - T0) / 1000));
        if (bare.final.phase !== "summary") {
          expect(ended).toBe(bare.end + 250);
        }
      }),
    );
  });

  it("4b. a hold logs exactly its target after the clock advanced by target plus paused time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 4000 }),
            type: fc.constantFrom("tick" as const, "pause" as const, "resume" as const),
          }),
          { maxLength: 40 },
        ),
        (target, ops) => {
          const item: EngineItem = {
            exercise_id: "plank",
            name: "Plank",
            mode: "hold",
            per_side: false,
            sets: 1,
            target_hold_s: target,
            rest_s: 0,
          };
          let s = startSession({ sessionId: "h", items: [item], nowMs: T0 }).state;
          s = dispatch(s, { type: "hold_start" }, T0).state;
          let now = T0;
          let pausedAt: number | null = null;
          let pausedTotal = 0;
          const logs: MutationBody[] = [];
          for (const op of ops) {
            now += op.dt;
            if (s.phase === "summary") break;
            const heldSoFar = (pausedAt ?? now) - T0 - pausedTotal;
            if (heldSoFar < target * 1000) {
              const v = view(s, now);
              expect(v.big).toBe(formatClock(Math.ceil((target * 1000 - heldSoFar) / 1000)));
            }
            const step = apply(s, op.type, now);
            logs.push(...step.mutations);
            if (op.type === "pause" && pausedAt === null && step.state.pausedAtMs !== null) {
              pausedAt = now;
            }
            if (op.type === "resume" && pausedAt !== null && step.state.pausedAtMs === null) {
              pausedTotal += now - pausedAt;
              pausedAt = null;
            }
            s = step.state;
          }
          if (pausedAt !== null) {
            s = dispatch(s, { type: "resume" }, now).state;
            pausedTotal += now - pausedAt;
          }
          const endAt = T0 + pausedTotal + target * 1000;
          logs.push(...tick(s, Math.max(now, endAt)).mutations);
          expect(setLogs(logs)).toStrictEqual([
            expect.objectContaining({
              hold_s: target,
              started_at: new Date(T0).toISOString(),
              ended_at: new Date(endAt).toISOString(),
            }),
          ]);
        },
      ),
    );
  });

  it("5. serialise/restore at every step gives the same outcome as no interruption", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, (items, ops) => {
        const straight = runOps(items, ops);
        const saved = runOps(items, ops, true);
        expect(saved.steps.map((s) => [s.mutations, s.cues])).toStrictEqual(
          straight.steps.map((s) => [s.mutations, s.cues]),
        );
        expect(saved.final).toStrictEqual(straight.final);
        expect(view(saved.final, straight.end + 777)).toStrictEqual(
          view(straight.final, straight.end + 777),
        );
      }),
    );
  });

  it("6. countdown cues fire at most once per timer, counting down, only while it runs", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, (items, ops) => {
        const { steps, states, times } = runOps(items, ops);
        const heard = new Map<string, number[]>();
        steps.forEach((step, i) => {
          const countdowns = step.cues.filter(
            (c): c is Extract<Cue, { kind: "countdown" }> => c.kind === "countdown",
          );
          if (countdowns.length === 0) return;
          expect(countdowns).toHaveLength(1);
          // A countdown belongs to the timer still running after the step.
          const s = states[i] as EngineState;
          expect(["hold", "rest"]).toContain(s.phase);
          expect(s.timer).not.toBeNull();
          const t = s.timer as NonNullable<EngineState["timer"]>;
          const endMs = t.startMs + t.pausedMs + (t.durationMs ?? Number.NaN);
          expect(endMs).toBeGreaterThan(times[i] as number);
          const key = [s.phase, s.itemIndex, s.setIndex, s.side, t.startMs, t.durationMs].join();
          const seen = heard.get(key) ?? [];
          const n = (countdowns[0] as { n: number }).n;
          expect(seen).not.toContain(n);
          if (seen.length > 0) expect(n).toBeLessThan(seen[seen.length - 1] as number);
          heard.set(key, [...seen, n]);
        });
      }),
    );
  });

  it("an ignored event changes nothing and emits nothing; an applied one really changes state", () => {
    fc.assert(
      fc.property(itemsArb, opsArb, fc.constantFrom(...ENGINE_EVENT_TYPES), (items, ops, type) => {
        const { states, times } = runOps(items, ops);
        states.forEach((s, i) => {
          const now = times[i] as number;
          const settling = tick(s, now);
          // Only look where no timer ran out, so any output is the event's own.
          if (settling.mutations.length > 0 || settling.cues.some((c) => c.kind !== "countdown")) {
            return;
          }
          const step = dispatch(s, { type }, now);
          if (step.state === s) {
            expect(step.mutations).toEqual([]);
            expect(step.cues).toEqual([]);
          } else {
            expect(serialise(step.state)).not.toBe(serialise(s));
          }
        });
      }),
    );
  });
});

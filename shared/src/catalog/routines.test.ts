// Checks the built-in routines: references resolve, contents match the seeds, and
// expandRoutine turns them into the expected session numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultPrescription,
  exerciseById,
  expandRoutine,
  type PlannedItem,
  prescriptionById,
  routineById,
} from "./catalogLookup.ts";
import { type Exercise, Routine } from "./exerciseSchema.ts";
import { exercises } from "./exercises.ts";
import { routines } from "./routines.ts";

function mustRoutine(id: string): Routine {
  const r = routineById(id);
  if (r === undefined) throw new Error(`missing routine ${id}`);
  return r;
}

function itemsOf(id: string): string[] {
  return mustRoutine(id).items.map((i) => `${i.exercise_id}@${i.prescription_id}`);
}

describe("routine integrity", () => {
  it("has exactly the built-in routines", () => {
    expect(routines.map((r) => r.id)).toEqual([
      "bare-minimum",
      "home-no-equipment",
      "top-seven",
      "lower-body-day",
      "core-day",
      "upper-body-day",
      "four-exercise",
      "plyometric-plus-strength",
    ]);
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s validates against the schema", (_, r) => {
    expect(Routine.safeParse(r).error?.issues ?? []).toEqual([]);
  });

  it("every item refers to an existing exercise and prescription", () => {
    for (const r of routines) {
      for (const item of r.items) {
        const exercise = exerciseById(item.exercise_id);
        expect(exercise, `${r.id}: ${item.exercise_id}`).toBeDefined();
        const p = prescriptionById(exercise as Exercise, item.prescription_id);
        expect(p, `${r.id}: ${item.exercise_id}@${item.prescription_id}`).toBeDefined();
      }
    }
  });

  it("items use the routine's own seed whenever that seed gives numbers", () => {
    for (const r of routines) {
      for (const item of r.items) {
        const exercise = exerciseById(item.exercise_id) as Exercise;
        const own = exercise.prescriptions.find((p) => r.source.includes(p.source));
        if (own !== undefined) expect(item.prescription_id, `${r.id}`).toBe(own.id);
      }
    }
  });
});

describe("routine contents", () => {
  it("bare-minimum is exactly the three seed 003 essentials", () => {
    expect(itemsOf("bare-minimum")).toEqual([
      "eccentric-calf-raise@seed003",
      "one-leg-squat@seed003",
      "side-plank@seed003",
    ]);
    expect(mustRoutine("bare-minimum").source).toEqual(["003_ce3c52261a9dfa3b.txt"]);
  });

  it("home-no-equipment is seed 003's six, feet first", () => {
    expect(itemsOf("home-no-equipment")).toEqual([
      "towel-drag@seed003",
      "eccentric-calf-raise@seed003",
      "lunge@seed000",
      "one-leg-squat@seed003",
      "side-plank@seed003",
      "push-up@seed003",
    ]);
  });

  it("top-seven lists seed 001's seven in order", () => {
    expect(itemsOf("top-seven")).toEqual([
      "squat@seed001",
      "deadlift@seed001",
      "lunge@seed001",
      "glute-bridge@seed001",
      "step-up@seed001",
      "plank@seed001",
      "calf-raise@seed001",
    ]);
  });

  it("four-exercise is seed 000's lunge, deadlift, calf raise and plank", () => {
    expect(itemsOf("four-exercise")).toEqual([
      "lunge@seed000",
      "deadlift@seed000",
      "calf-raise@seed000",
      "plank@seed000",
    ]);
  });

  it("seed 002's three training days", () => {
    expect(itemsOf("lower-body-day").map((s) => s.split("@")[0])).toEqual([
      "squat",
      "lunge",
      "calf-raise",
    ]);
    expect(itemsOf("core-day")).toEqual([
      "plank@seed002",
      "russian-twist@runstrong",
      "bicycle-crunch@runstrong",
    ]);
    expect(itemsOf("upper-body-day").map((s) => s.split("@")[0])).toEqual([
      "push-up",
      "dumbbell-row",
      "overhead-press",
    ]);
  });

  it("plyometric-plus-strength follows seed 004's order", () => {
    expect(itemsOf("plyometric-plus-strength").map((s) => s.split("@")[0])).toEqual([
      "box-jump",
      "walking-lunge",
      "push-up",
      "goblet-squat",
      "knee-tuck-jump",
      "glute-bridge",
      "deadlift",
    ]);
  });
});

describe("lookups", () => {
  it("finds exercises and routines by id, and misses cleanly", () => {
    expect(exerciseById("eccentric-calf-raise-bent-knee")?.parent_id).toBe("eccentric-calf-raise");
    expect(exerciseById("eccentric-calf-raise-straight-knee")?.primary_muscles).toEqual([
      "gastrocnemius",
    ]);
    expect(exerciseById("burpee")).toBeUndefined();
    expect(routineById("top-seven")?.items).toHaveLength(7);
    expect(routineById("nope")).toBeUndefined();
  });

  it("the default prescription is the first one", () => {
    const deadlift = exerciseById("deadlift") as Exercise;
    expect(defaultPrescription(deadlift).id).toBe("seed000");
    expect(defaultPrescription(deadlift).reps_max).toBe(12);
    expect(prescriptionById(deadlift, "seed001")?.reps_max).toBe(10);
    expect(prescriptionById(deadlift, "seed004")).toBeUndefined();
  });
});

describe("expandRoutine", () => {
  it("bare-minimum expands to the seed 003 numbers", () => {
    expect(expandRoutine(mustRoutine("bare-minimum"))).toEqual<PlannedItem[]>([
      {
        exercise_id: "eccentric-calf-raise",
        name: "Eccentric calf raise",
        mode: "reps",
        per_side: true,
        sets: 1,
        target_reps: 15,
        rest_s: 30,
      },
      {
        exercise_id: "one-leg-squat",
        name: "One-leg squat",
        mode: "reps",
        per_side: true,
        sets: 1,
        target_reps: 5,
        rest_s: 30,
      },
      {
        exercise_id: "side-plank",
        name: "Side plank",
        mode: "hold",
        per_side: true,
        sets: 5,
        target_hold_s: 10,
        rest_s: 10,
      },
    ]);
  });

  it("four-exercise expands to seed 000's numbers, plank with its 30 s rest", () => {
    const byId = new Map(
      expandRoutine(mustRoutine("four-exercise")).map((i) => [i.exercise_id, i]),
    );
    expect(byId.get("lunge")).toMatchObject({ sets: 3, target_reps: 12, per_side: true });
    expect(byId.get("deadlift")).toMatchObject({ sets: 3, target_reps: 12, per_side: false });
    expect(byId.get("calf-raise")).toMatchObject({ sets: 3, target_reps: 12 });
    expect(byId.get("plank")).toEqual({
      exercise_id: "plank",
      name: "Plank",
      mode: "hold",
      per_side: false,
      sets: 3,
      target_hold_s: 60,
      rest_s: 30,
    });
  });

  it("AMRAP items carry neither a rep nor a hold target", () => {
    const pushUp = expandRoutine(mustRoutine("upper-body-day"))[0];
    expect(pushUp).toEqual({
      exercise_id: "push-up",
      name: "Push-up",
      mode: "amrap",
      per_side: false,
      sets: 3,
      rest_s: 60,
    });
  });

  it("throws on a routine that points at nothing", () => {
    const broken: Routine = {
      id: "broken",
      name: "Broken",
      description: "Refers to missing data.",
      source: ["runstrong"],
      items: [{ exercise_id: "squat", prescription_id: "seed009" }],
    };
    expect(() => expandRoutine(broken)).toThrow(/no prescription "seed009"/);
    expect(() =>
      expandRoutine({ ...broken, items: [{ exercise_id: "burpee", prescription_id: "x" }] }),
    ).toThrow(/unknown exercise "burpee"/);
  });

  it("any routine built from catalog pairs expands item for item", () => {
    const pairs = exercises.flatMap((e) => e.prescriptions.map((p) => ({ e, p })));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pairs), { minLength: 1, maxLength: 12 }), (picks) => {
        const routine: Routine = {
          id: "generated",
          name: "Generated",
          description: "Property test routine.",
          source: ["runstrong"],
          items: picks.map(({ e, p }) => ({ exercise_id: e.id, prescription_id: p.id })),
        };
        const planned = expandRoutine(routine);
        expect(planned).toHaveLength(picks.length);
        planned.forEach((item, i) => {
          const { e, p } = picks[i] as (typeof pairs)[number];
          expect(item.exercise_id).toBe(e.id);
          expect(item.sets).toBe(p.sets);
          expect(item.rest_s).toBe(p.rest_s);
          expect(item.target_reps).toBe(p.reps_max ?? p.reps_min);
          expect(item.target_hold_s).toBe(p.hold_s_max ?? p.hold_s_min);
          if (item.target_reps !== undefined) {
            expect(item.target_reps).toBeGreaterThanOrEqual(p.reps_min ?? 0);
          }
        });
      }),
    );
  });
});

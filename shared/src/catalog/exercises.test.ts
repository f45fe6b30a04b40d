// Checks the catalog against a hand-written table of every exercise and number in the seeds,
// plus structural rules (unique ids, parents, schema, mode consistency).
import { describe, expect, it } from "vitest";
import { exerciseById } from "./catalogLookup.ts";
import { Exercise, type Prescription } from "./exerciseSchema.ts";
import { exercises } from "./exercises.ts";

// Written out literally (not imported) so a typo in the catalog's constants is caught here.
const S000 = "000_1bbc95299c110499.txt";
const S001 = "001_f453689a0bc46a96.txt";
const S002 = "002_b5ee0b85edc1903c.txt";
const S003 = "003_ce3c52261a9dfa3b.txt";

type SeedRow = {
  id: string;
  seed: string;
  sets: number;
  reps?: [number, number];
  hold_s?: [number, number];
  per_side: boolean;
  rest_s?: number;
};

/** Every prescription the seeds give, one row per exercise and seed. */
const seedTable: SeedRow[] = [
  { id: "lunge", seed: S000, sets: 3, reps: [10, 12], per_side: true },
  { id: "lunge", seed: S001, sets: 3, reps: [10, 10], per_side: true },
  { id: "forward-lunge", seed: S001, sets: 3, reps: [10, 10], per_side: true },
  { id: "reverse-lunge", seed: S001, sets: 3, reps: [10, 10], per_side: true },
  { id: "walking-lunge", seed: S001, sets: 3, reps: [10, 10], per_side: true },
  { id: "deadlift", seed: S000, sets: 3, reps: [10, 12], per_side: false },
  { id: "deadlift", seed: S001, sets: 3, reps: [8, 10], per_side: false },
  { id: "barbell-deadlift", seed: S000, sets: 3, reps: [10, 12], per_side: false },
  { id: "barbell-deadlift", seed: S001, sets: 3, reps: [8, 10], per_side: false },
  { id: "dumbbell-deadlift", seed: S001, sets: 3, reps: [8, 10], per_side: false },
  { id: "calf-raise", seed: S000, sets: 3, reps: [10, 12], per_side: false },
  { id: "calf-raise", seed: S001, sets: 3, reps: [15, 20], per_side: false },
  { id: "eccentric-calf-raise", seed: S003, sets: 1, reps: [10, 15], per_side: true },
  {
    id: "eccentric-calf-raise-straight-knee",
    seed: S003,
    sets: 1,
    reps: [10, 15],
    per_side: true,
  },
  { id: "eccentric-calf-raise-bent-knee", seed: S003, sets: 1, reps: [10, 15], per_side: true },
  { id: "plank", seed: S000, sets: 3, hold_s: [30, 60], per_side: false, rest_s: 30 },
  { id: "plank", seed: S001, sets: 3, hold_s: [30, 60], per_side: false },
  { id: "plank", seed: S002, sets: 1, hold_s: [30, 60], per_side: false },
  { id: "side-plank", seed: S003, sets: 5, hold_s: [10, 10], per_side: true },
  { id: "squat", seed: S001, sets: 3, reps: [10, 15], per_side: false },
  { id: "one-leg-squat", seed: S003, sets: 1, reps: [5, 5], per_side: true },
  { id: "glute-bridge", seed: S001, sets: 3, reps: [15, 15], per_side: false },
  { id: "step-up", seed: S001, sets: 3, reps: [10, 10], per_side: true },
  { id: "towel-drag", seed: S003, sets: 1, reps: [20, 20], per_side: true },
  // "As many as you can": no rep numbers at all.
  { id: "push-up", seed: S003, sets: 1, per_side: false },
];

/** Exercises the seeds name without numbers: they carry a runstrong default instead. */
const defaultTable: { id: string; sets: number; reps: [number, number]; per_side: boolean }[] = [
  { id: "russian-twist", sets: 3, reps: [10, 10], per_side: true },
  { id: "bicycle-crunch", sets: 3, reps: [10, 10], per_side: true },
  { id: "dumbbell-row", sets: 3, reps: [10, 10], per_side: true },
  { id: "overhead-press", sets: 3, reps: [10, 10], per_side: false },
  { id: "box-jump", sets: 3, reps: [5, 5], per_side: false },
  { id: "knee-tuck-jump", sets: 3, reps: [6, 6], per_side: false },
  { id: "goblet-squat", sets: 3, reps: [10, 10], per_side: false },
  { id: "glute-focused-barbell-squat", sets: 3, reps: [8, 8], per_side: false },
  { id: "plank-shoulder-tap", sets: 3, reps: [10, 10], per_side: true },
  { id: "plank-leg-lift", sets: 3, reps: [8, 8], per_side: true },
];

const variantParents: [string, string][] = [
  ["forward-lunge", "lunge"],
  ["reverse-lunge", "lunge"],
  ["walking-lunge", "lunge"],
  ["barbell-deadlift", "deadlift"],
  ["dumbbell-deadlift", "deadlift"],
  ["eccentric-calf-raise-straight-knee", "eccentric-calf-raise"],
  ["eccentric-calf-raise-bent-knee", "eccentric-calf-raise"],
  ["plank-shoulder-tap", "plank"],
  ["plank-leg-lift", "plank"],
  ["side-plank", "plank"],
  ["goblet-squat", "squat"],
  ["glute-focused-barbell-squat", "squat"],
];

function mustGet(id: string): Exercise {
  const e = exerciseById(id);
  if (e === undefined) throw new Error(`missing exercise ${id}`);
  return e;
}

function fromSource(id: string, source: string): Prescription[] {
  return mustGet(id).prescriptions.filter((p) => p.source === source);
}

describe("seed prescriptions", () => {
  it.each(seedTable)("$id carries the numbers of $seed", (row) => {
    const found = fromSource(row.id, row.seed);
    expect(found).toHaveLength(1);
    const p = found[0] as Prescription;
    expect(p.sets).toBe(row.sets);
    expect([p.reps_min, p.reps_max]).toEqual(row.reps ?? [undefined, undefined]);
    expect([p.hold_s_min, p.hold_s_max]).toEqual(row.hold_s ?? [undefined, undefined]);
    expect(p.per_side).toBe(row.per_side);
    if (row.rest_s !== undefined) {
      expect(p.rest_s).toBe(row.rest_s);
      expect(p.rest_from_source).toBe(true);
    }
  });

  it("only the seed-table rows cite seeds (nothing uncited, nothing extra)", () => {
    const cited = exercises.flatMap((e) =>
      e.prescriptions.filter((p) => p.source !== "runstrong").map((p) => `${e.id}@${p.source}`),
    );
    expect(cited.sort()).toEqual(seedTable.map((r) => `${r.id}@${r.seed}`).sort());
  });

  it("only seed 000's plank rest is taken from a seed", () => {
    const fromSeeds = exercises.flatMap((e) =>
      e.prescriptions.filter((p) => p.rest_from_source).map((p) => `${e.id}@${p.id}`),
    );
    expect(fromSeeds).toEqual(["plank@seed000"]);
  });

  it("side plank is five 10 s holds per side", () => {
    const sidePlank = mustGet("side-plank");
    expect(sidePlank.mode).toBe("hold");
    expect(sidePlank.per_side).toBe(true);
    expect(sidePlank.prescriptions[0]).toMatchObject({ sets: 5, hold_s_min: 10, per_side: true });
  });

  it("press-ups are as many as possible", () => {
    const pushUp = mustGet("push-up");
    expect(pushUp.mode).toBe("amrap");
    expect(pushUp.prescriptions[0].source).toBe(S003);
  });
});

describe("conflicting seeds are kept side by side", () => {
  it.each([
    ["deadlift", [10, 12], [8, 10]],
    ["calf-raise", [10, 12], [15, 20]],
    ["lunge", [10, 12], [10, 10]],
  ] as const)("%s keeps seed 000 and seed 001", (id, reps000, reps001) => {
    const p000 = fromSource(id, S000)[0];
    const p001 = fromSource(id, S001)[0];
    expect([p000?.reps_min, p000?.reps_max]).toEqual(reps000);
    expect([p001?.reps_min, p001?.reps_max]).toEqual(reps001);
    expect(p000?.id).not.toBe(p001?.id);
  });
});

describe("runstrong defaults", () => {
  it.each(defaultTable)("$id has a labelled project default", (row) => {
    const e = mustGet(row.id);
    expect(e.prescriptions).toHaveLength(1);
    const p = e.prescriptions[0];
    expect(p.source).toBe("runstrong");
    expect(p.rest_from_source).toBe(false);
    expect(p.notes).toMatch(/runstrong default/);
    expect(p.sets).toBe(row.sets);
    expect([p.reps_min, p.reps_max]).toEqual(row.reps);
    expect(p.per_side).toBe(row.per_side);
  });
});

describe("catalog structure", () => {
  it("has every seed exercise and nothing unexpected", () => {
    const expected = new Set([...seedTable.map((r) => r.id), ...defaultTable.map((r) => r.id)]);
    expect(new Set(exercises.map((e) => e.id))).toEqual(expected);
    expect(exercises).toHaveLength(29);
  });

  it("ids are unique", () => {
    const ids = exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(variantParents)("%s is a variant of %s", (id, parent) => {
    expect(mustGet(id).parent_id).toBe(parent);
  });

  it("every parent_id exists and is itself top-level", () => {
    const withParent = exercises.filter((e) => e.parent_id !== undefined);
    expect(withParent.map((e) => [e.id, e.parent_id])).toEqual(
      expect.arrayContaining(variantParents),
    );
    expect(withParent).toHaveLength(variantParents.length);
    for (const e of withParent) {
      const parent = mustGet(e.parent_id as string);
      expect(parent.parent_id).toBeUndefined();
    }
  });

  it.each(exercises.map((e) => [e.id, e] as const))("%s validates against the schema", (_, e) => {
    const result = Exercise.safeParse(e);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("the schema rejects a prescription that does not fit the mode", () => {
    const plank = mustGet("plank");
    const broken = {
      ...plank,
      prescriptions: [{ ...plank.prescriptions[0], hold_s_min: undefined, hold_s_max: undefined }],
    };
    expect(Exercise.safeParse(broken).success).toBe(false);
  });

  it("every prescription fits its exercise's mode and side counting", () => {
    for (const e of exercises) {
      for (const p of e.prescriptions) {
        const where = `${e.id}/${p.id}`;
        expect(p.per_side, where).toBe(e.per_side);
        if (e.mode === "reps") {
          expect(p.reps_min, where).toBeGreaterThanOrEqual(1);
          expect(p.hold_s_min, where).toBeUndefined();
        } else if (e.mode === "hold") {
          expect(p.hold_s_min, where).toBeGreaterThanOrEqual(1);
          expect(p.reps_min, where).toBeUndefined();
        } else {
          expect(p.reps_max, where).toBeUndefined();
          expect(p.hold_s_min, where).toBeUndefined();
        }
      }
    }
  });

  it("prescription ids name their source seed", () => {
    for (const e of exercises) {
      for (const p of e.prescriptions) {
        const expected = p.source === "runstrong" ? "runstrong" : `seed${p.source.slice(0, 3)}`;
        expect(p.id, `${e.id}/${p.id}`).toBe(expected);
      }
    }
  });

  it("labels show the prescribed numbers", () => {
    for (const e of exercises) {
      for (const p of e.prescriptions) {
        for (const n of [p.reps_min, p.reps_max, p.hold_s_min, p.hold_s_max]) {
          if (n !== undefined) expect(p.label, `${e.id}/${p.id}`).toContain(String(n));
        }
        if (p.sets > 1) expect(p.label, `${e.id}/${p.id}`).toMatch(new RegExp(`^${p.sets} ×`));
      }
    }
  });
});

describe("names, aliases and variations from the seeds", () => {
  it.each([
    ["glute-bridge", "hip thrust"],
    ["push-up", "press-up"],
    ["towel-drag", "toe curls"],
    ["one-leg-squat", "single-leg squat"],
  ])("%s is also known as %s", (id, alias) => {
    expect(mustGet(id).aliases).toContain(alias);
  });

  it.each([
    ["side-plank", "easier", /knees/i],
    ["side-plank", "harder", /top arm.*top leg/i],
    ["eccentric-calf-raise", "easier", /two feet/i],
    ["eccentric-calf-raise", "harder", /dumbbells.*backpack/i],
    ["push-up", "easier", /knees/i],
    ["calf-raise", "harder", /dumbbells/i],
    ["box-jump", "easier", /lower box/i],
    ["box-jump", "harder", /raise the box/i],
  ] as const)("%s has a %s variation matching %s", (id, kind, pattern) => {
    const matches = mustGet(id).variations.filter(
      (v) => v.kind === kind && pattern.test(`${v.name} ${v.how}`),
    );
    expect(matches.length).toBeGreaterThanOrEqual(1);
  });

  it("the eccentric calf raise lists both knee positions", () => {
    const names = mustGet("eccentric-calf-raise").variations.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(["Straight-knee heel drop", "Bent-knee heel drop"]),
    );
  });
});

// Zod schemas and inferred types for the built-in exercise catalog and routines.
// The data lives in exercises.ts and routines.ts; tests validate every entry against these.
import { z } from "zod";
import { SEED } from "./seedFiles.ts";

export { SEED };

export const SeedFile = z.enum([SEED["000"], SEED["001"], SEED["002"], SEED["003"], SEED["004"]]);
export type SeedFile = z.infer<typeof SeedFile>;

/** Where numbers come from: a seed article, or "runstrong" for a project default. */
export const Source = z.enum([...SeedFile.options, "runstrong"]);
export type Source = z.infer<typeof Source>;

/** Kebab-case id; capped at 40 characters so it also fits the wire protocol's entity ids. */
export const Slug = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "id must be kebab-case (a-z, 0-9, '-')");
export type Slug = z.infer<typeof Slug>;

export const Focus = z.enum(["lower_body", "core", "upper_body", "feet", "plyometric"]);
export type Focus = z.infer<typeof Focus>;

/** Kit an exercise can be done with; "none" means bodyweight alone is enough. */
export const Equipment = z.enum([
  "none",
  "dumbbell",
  "barbell",
  "kettlebell",
  "box",
  "bench",
  "step",
  "towel",
  "backpack",
  "medicine_ball",
  "mat",
]);
export type Equipment = z.infer<typeof Equipment>;

/** How a set is counted: repetitions, a timed hold, or as many reps as possible. */
export const ExerciseMode = z.enum(["reps", "hold", "amrap"]);
export type ExerciseMode = z.infer<typeof ExerciseMode>;

// Upper bounds mirror the wire PlanItem limits so an expanded routine always fits a plan.
const Reps = z.number().int().min(1).max(500);
const HoldSeconds = z.number().int().min(1).max(3600);

export const Prescription = z
  .object({
    id: Slug,
    label: z.string().min(1).max(60),
    source: Source,
    sets: z.number().int().min(1).max(20),
    reps_min: Reps.optional(),
    reps_max: Reps.optional(),
    hold_s_min: HoldSeconds.optional(),
    hold_s_max: HoldSeconds.optional(),
    rest_s: z.number().int().min(0).max(900),
    /** False when the seed gave no rest and rest_s is a runstrong default. */
    rest_from_source: z.boolean(),
    /** True when reps or holds are counted for each leg / side separately. */
    per_side: z.boolean(),
    notes: z.string().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    const ranges = [
      ["reps_min", "reps_max", p.reps_min, p.reps_max],
      ["hold_s_min", "hold_s_max", p.hold_s_min, p.hold_s_max],
    ] as const;
    for (const [minKey, maxKey, min, max] of ranges) {
      if (max !== undefined && min === undefined) {
        ctx.addIssue({ code: "custom", path: [minKey], message: `${maxKey} needs ${minKey}` });
      }
      if (min !== undefined && max !== undefined && min > max) {
        ctx.addIssue({ code: "custom", path: [maxKey], message: `${minKey} exceeds ${maxKey}` });
      }
    }
    // A set is either counted or timed; mixing both would leave the watch unsure what to show.
    if (p.reps_min !== undefined && p.hold_s_min !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["hold_s_min"],
        message: "reps and hold are exclusive",
      });
    }
    // Project defaults cannot claim a seed's rest period.
    if (p.source === "runstrong" && p.rest_from_source) {
      ctx.addIssue({
        code: "custom",
        path: ["rest_from_source"],
        message: "runstrong defaults have no source rest",
      });
    }
  });
export type Prescription = z.infer<typeof Prescription>;

export const VariationKind = z.enum(["easier", "harder", "alternative"]);
export type VariationKind = z.infer<typeof VariationKind>;

export const Variation = z.object({
  name: z.string().min(1),
  how: z.string().min(1),
  kind: VariationKind,
  /** Kit the variation needs, any one of which is enough; absent when the exercise's own kit does. */
  equipment: z.array(Equipment).min(1).optional(),
});
export type Variation = z.infer<typeof Variation>;

/** True when a prescription carries the numbers its exercise's mode needs. */
export function prescriptionFitsMode(mode: ExerciseMode, p: Prescription): boolean {
  switch (mode) {
    case "reps":
      return p.reps_min !== undefined && p.hold_s_min === undefined;
    case "hold":
      return p.hold_s_min !== undefined && p.reps_min === undefined;
    case "amrap":
      // The count is open-ended, so a cap or a timed hold would contradict the mode.
      return p.reps_max === undefined && p.hold_s_min === undefined;
  }
}

export const Exercise = z
  .object({
    id: Slug,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)),
    focus: Focus,
    primary_muscles: z.array(z.string().min(1)).min(1),
    secondary_muscles: z.array(z.string().min(1)),
    equipment: z.array(Equipment).min(1),
    mode: ExerciseMode,
    per_side: z.boolean(),
    // A tuple keeps the "first one is the default" guarantee visible to the type checker.
    prescriptions: z.tuple([Prescription], Prescription),
    cues: z.array(z.string().min(1)).min(2),
    variations: z.array(Variation),
    why_for_runners: z.string().min(1),
    /** Set on variants (reverse-lunge → lunge) so clients can group them. */
    parent_id: Slug.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.parent_id === e.id) {
      ctx.addIssue({
        code: "custom",
        path: ["parent_id"],
        message: "an exercise is not its parent",
      });
    }
    const seen = new Set<string>();
    e.prescriptions.forEach((p, i) => {
      if (seen.has(p.id)) {
        ctx.addIssue({ code: "custom", path: ["prescriptions", i, "id"], message: "duplicate id" });
      }
      seen.add(p.id);
      if (!prescriptionFitsMode(e.mode, p)) {
        ctx.addIssue({
          code: "custom",
          path: ["prescriptions", i],
          message: `prescription does not fit mode "${e.mode}"`,
        });
      }
      if (p.per_side !== e.per_side) {
        ctx.addIssue({
          code: "custom",
          path: ["prescriptions", i, "per_side"],
          message: "per_side differs from the exercise",
        });
      }
    });
  });
export type Exercise = z.infer<typeof Exercise>;

export const RoutineItem = z.object({
  exercise_id: Slug,
  prescription_id: Slug,
});
export type RoutineItem = z.infer<typeof RoutineItem>;

export const Routine = z.object({
  id: Slug,
  name: z.string().min(1),
  description: z.string().min(1),
  /** The seed file(s) the routine was taken from. */
  source: z.array(Source).min(1),
  items: z.array(RoutineItem).min(1),
});
export type Routine = z.infer<typeof Routine>;

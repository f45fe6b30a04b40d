// What a runner does on a day of the running week, as a plain list (no zod) so browser bundles
// can offer the choices without loading the schema library; plan.ts builds its enum from it.
export const RUNNING_DAY_KINDS = [
  "rest",
  "easy",
  "tempo",
  "intervals",
  "long",
  "race",
  "cross",
] as const;

// Public surface of the exercise catalog: schemas and types, the built-in data, and lookups.
export * from "./catalogLookup.ts";
export * from "./exerciseSchema.ts";
export * from "./exercises.ts";
export * from "./fitExercise.ts";
export * from "./routines.ts";

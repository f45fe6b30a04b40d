// Wire schemas of sync protocol v1: every entity, message and error body.
export * from "./assessment.ts";
export * from "./auth.ts";
export * from "./devices.ts";
export * from "./entities.ts";
export * from "./errors.ts";
export * from "./exportDocument.ts";
export * from "./heartRate.ts";
export * from "./mutations.ts";
export * from "./plan.ts";
export * from "./planning.ts";
export * from "./primitives.ts";
export * from "./runImport.ts";
export * from "./runningDayKinds.ts";
export * from "./sharing.ts";
export * from "./sync.ts";

// @runstrong/shared: the exercise catalog, wire schemas, sync rules and session engine.
export * from "./catalog/index.ts";
export * from "./engine/index.ts";
export * from "./heartRate/index.ts";
export * from "./plans/index.ts";
export * from "./schemas/index.ts";
export * from "./sync/index.ts";

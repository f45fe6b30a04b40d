// Sync rules shared by the server and any client that applies mutations locally.
export * from "./cursor.ts";
export * from "./exportUpgrade.ts";
export * from "./importPlan.ts";
export * from "./kinds.ts";
export * from "./pushRules.ts";

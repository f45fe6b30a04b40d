// Heart rate for every client: zones from the max-HR or year-of-birth setting (dependency-free,
// lib ES5, safe for the watch bundles).
export * from "./zones.ts";

// Test stand-ins of the session driver's ports (for tests and tools, never for an app bundle).
export * from "./devicePorts.ts";
export * from "./sessionItems.ts";

// Placeholder watch ↔ phone message until the core's compact codec lands: the watch asks for
// the pairing status, the phone answers with a small JSON object. Delete with placeholder/relay.ts.
export const STATUS_REQUEST = "status?";

export interface Status {
  paired: boolean;
  server: string;
  /** A pairing code to show on the watch, when one is pending. */
  code: string | null;
}

export function encodeStatus(status: Status): string {
  return JSON.stringify(status);
}

export function parseStatus(text: string): Status | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { paired, server, code } = value as Record<string, unknown>;
    if (typeof paired !== "boolean" || typeof server !== "string") return null;
    return { paired, server, code: typeof code === "string" ? code : null };
  } catch {
    return null;
  }
}

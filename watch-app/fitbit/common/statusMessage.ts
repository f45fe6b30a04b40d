// Placeholder watch ↔ phone message until the core's compact codec lands (the Zepp shell has the
// same in zepp/placeholder/statusMessage.ts): the watch asks, the companion answers in JSON.
export const STATUS_REQUEST = "status?";

export interface Status {
  paired: boolean;
  server: string;
  code: string | null;
}

export function encodeStatus(status: Status): string {
  return JSON.stringify(status);
}

export function parseStatus(text: string): Status | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const fields = value as { [key: string]: unknown };
    if (typeof fields.paired !== "boolean" || typeof fields.server !== "string") return null;
    return {
      paired: fields.paired,
      server: fields.server,
      code: typeof fields.code === "string" ? fields.code : null,
    };
  } catch {
    return null;
  }
}

// The documented error shape: every non-2xx answer is {error, message, issues?}, and every
// invalid_body / invalid_query answer has `issues` (an empty list when there is nothing to point at).
import type { ErrorBody, ErrorCode } from "@runstrong/shared/schemas";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Thrown anywhere in a handler; the app's error handler turns it into the JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody, "error" | "message"> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Codes whose answers always carry `issues`, so clients can read them without a check. */
const VALIDATION_CODES: ReadonlySet<ErrorCode> = new Set(["invalid_body", "invalid_query"]);

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorBody = { error: err.code, message: err.message, ...err.extra };
  if (VALIDATION_CODES.has(err.code)) body.issues ??= [];
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(body, err.status);
}

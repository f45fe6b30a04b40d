// The one error shape every non-2xx answer uses, and the codes the protocol defines.
import { z } from "zod";

export const ErrorCode = z.enum([
  "invalid_body",
  "invalid_query",
  "invalid_file",
  "unauthorized",
  "forbidden",
  "not_found",
  "seq_gap",
  "conflict",
  "email_taken",
  "too_large",
  "unsupported_media_type",
  "rate_limited",
  "method_not_allowed",
  "authorization_pending",
  "slow_down",
  "access_denied",
  "expired_token",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Issue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  issues: z.array(Issue).optional(),
  expected: z.number().int().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// What every answer of the API must look like (docs/sync-protocol.md, "Errors"): never a 5xx,
// and every non-2xx answer is JSON {error, message, issues?} with a code that fits its status.
import { ErrorBody } from "../../shared/src/schemas/errors.ts";
import type { RawReply } from "./fuzzClient.ts";

/** The error codes each status may carry, from the protocol's table. */
const CODES_BY_STATUS: Record<number, string[]> = {
  400: [
    "invalid_body",
    "invalid_query",
    "invalid_file",
    "authorization_pending",
    "slow_down",
    "access_denied",
    "expired_token",
  ],
  401: ["unauthorized"],
  403: ["forbidden"],
  404: ["not_found"],
  405: ["method_not_allowed"],
  409: ["seq_gap", "conflict", "email_taken"],
  413: ["too_large"],
  415: ["unsupported_media_type"],
  429: ["rate_limited"],
};

const KNOWN_KEYS = new Set(["error", "message", "issues", "expected"]);

/** Everything wrong with one answer; empty when it keeps the contract. */
export function contractProblems(reply: RawReply): string[] {
  const { status } = reply;
  if (status >= 500) return [`${status}: a server fault (${reply.text.slice(0, 200)})`];
  if (status < 300) return [];
  const problems: string[] = [];
  const type = reply.headers.get("content-type") ?? "";
  if (!/^application\/json/.test(type)) problems.push(`${status} with content-type "${type}"`);
  const parsed = ErrorBody.safeParse(reply.json);
  if (!parsed.success) {
    problems.push(`${status} body is not the error shape: ${reply.text.slice(0, 200)}`);
    return problems;
  }
  const body = parsed.data;
  if (!CODES_BY_STATUS[status]?.includes(body.error))
    problems.push(`${status} carries error code "${body.error}"`);
  if (body.message.trim() === "") problems.push(`${status} ${body.error} with an empty message`);
  const extra = Object.keys(reply.json as object).filter((k) => !KNOWN_KEYS.has(k));
  if (extra.length)
    problems.push(`${status} ${body.error} has undocumented keys ${extra.join(", ")}`);
  if (status === 429 && !/^\d+$/.test(reply.headers.get("retry-after") ?? ""))
    problems.push("429 without a Retry-After in seconds");
  return problems;
}

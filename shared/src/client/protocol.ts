// The sync protocol v1 as a client sees it: op names, push limits, error codes and wire types.
// Plain constants (checked against the zod schemas by protocol.test.ts) so no client ships zod.
import type { ErrorCode } from "../schemas/errors.ts";
import type { MutationBody, OpArgs, OpName } from "../schemas/mutations.ts";
import type { Ack, AckStatus, Changes, PullPage, PushResponse } from "../schemas/sync.ts";
import type { SyncKind } from "../sync/kinds.ts";

export { SYNC_KINDS } from "../sync/kinds.ts";
export type {
  Ack,
  AckStatus,
  Changes,
  ErrorCode,
  MutationBody,
  OpArgs,
  OpName,
  PullPage,
  PushResponse,
  SyncKind,
};

/** The push body's `schema`. */
export const PUSH_SCHEMA = 1;
/** Most mutations one push may carry (`MAX_PUSH_MUTATIONS` of the schemas). */
export const MAX_PUSH_MUTATIONS = 200;
/** Largest push body in UTF-8 bytes (`MAX_PUSH_BYTES` of the schemas). */
export const MAX_PUSH_BYTES = 256 * 1024;
/** Largest page a pull may ask for (`PULL_MAX_LIMIT` of the schemas). */
export const PULL_MAX_LIMIT = 1000;

/** Every op of schema 1, in the order of `opArgs`. */
export const OP_NAMES = [
  "session.start",
  "set.log",
  "set.delete",
  "session.finish",
  "session.delete",
  "plan.put",
  "plan.delete",
  "run.log",
  "run.delete",
  "assessment.log",
  "settings.put",
] as const satisfies readonly OpName[];

export const ACK_STATUSES = [
  "applied",
  "duplicate",
  "rejected",
  "conflict",
] as const satisfies readonly AckStatus[];

/** The error codes the client acts on; the full list is `ErrorCode` of the schemas. */
export const ERROR_CODES = {
  invalidBody: "invalid_body",
  invalidQuery: "invalid_query",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  seqGap: "seq_gap",
  tooLarge: "too_large",
  rateLimited: "rate_limited",
} as const satisfies Record<string, ErrorCode>;

/** The body of every non-2xx answer. */
export type ErrorBody = { error: string; message: string; expected?: number; issues?: unknown };

/** A mutation as it travels in a push. */
export type WireMutation = { seq: number; op: string; args: Record<string, unknown> };

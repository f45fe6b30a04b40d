// Composes the wire mutations the engine emits (session.start, set.log, session.finish), with
// set ids derived from the session so a re-sent set.log stays idempotent.
import type { MutationBody, SessionStartArgs, SetLogArgs } from "../schemas/mutations.ts";

/** Session ids are capped below the protocol's 40 so `${sessionId}-${ordinal}` still fits. */
export const MAX_SESSION_ID_LENGTH = 35;
/** Four ordinal digits keep set ids within 40 characters. */
export const MAX_SET_LOGS = 9999;

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** The id of the session's n-th set.log (1-based): stable across serialise/restore and resends. */
export function setId(sessionId: string, ordinal: number): string {
  return `${sessionId}-${ordinal}`;
}

export interface SessionMeta {
  name?: string;
  planId?: string;
  planDay?: number;
  source?: string;
}

export function sessionStartMutation(
  sessionId: string,
  startedAtMs: number,
  meta: SessionMeta,
): MutationBody {
  const args: SessionStartArgs = { id: sessionId, started_at: isoAt(startedAtMs) };
  // Absent keys rather than `undefined` values: the mutation is JSON on the wire.
  if (meta.planId !== undefined) args.plan_id = meta.planId;
  if (meta.planDay !== undefined) args.plan_day = meta.planDay;
  if (meta.source !== undefined) args.source = meta.source;
  if (meta.name !== undefined) args.name = meta.name;
  return { op: "session.start", args };
}

export function setLogMutation(args: SetLogArgs): MutationBody {
  return { op: "set.log", args };
}

export function sessionFinishMutation(sessionId: string, endedAtMs: number): MutationBody {
  return { op: "session.finish", args: { id: sessionId, ended_at: isoAt(endedAtMs) } };
}

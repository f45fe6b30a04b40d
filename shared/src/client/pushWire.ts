// Reading the server's answers without zod: just enough checking that a malformed answer is
// treated as a fault and never applied.
import type { OutboxItem } from "./outboxState.ts";
import type { TransportResponse } from "./ports.ts";
import { ACK_STATUSES, type Ack, type ErrorBody } from "./protocol.ts";

export { PUSH_SCHEMA } from "./protocol.ts";

export const toWireText = (i: OutboxItem): string =>
  JSON.stringify({ seq: i.seq, op: i.op, args: i.args });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** The JSON body of a response, parsed when the transport passed text. */
export function bodyOf(res: TransportResponse): unknown {
  if (typeof res.body !== "string") return res.body;
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return res.body;
  }
}

export function asErrorBody(body: unknown): ErrorBody | null {
  if (!isObject(body) || typeof body.error !== "string") return null;
  const out: ErrorBody = {
    error: body.error,
    message: typeof body.message === "string" ? body.message : body.error,
  };
  if (isInt(body.expected)) out.expected = body.expected;
  if (body.issues !== undefined) out.issues = body.issues;
  return out;
}

function asAck(v: unknown): Ack | null {
  if (!isObject(v) || !isInt(v.seq)) return null;
  if (!(ACK_STATUSES as readonly unknown[]).includes(v.status)) return null;
  const ack: Ack = { seq: v.seq, status: v.status as Ack["status"] };
  if (typeof v.error === "string") ack.error = v.error;
  if ("current" in v) ack.current = v.current;
  return ack;
}

export type PushAnswer = { acks: Ack[]; lastSeq: number; deviceId?: string };

export function asPushAnswer(body: unknown): PushAnswer | null {
  if (!isObject(body) || !Array.isArray(body.acks) || !isInt(body.last_seq)) return null;
  const acks = body.acks.map(asAck);
  if (acks.some((a) => a === null)) return null;
  const out: PushAnswer = { acks: acks as Ack[], lastSeq: body.last_seq };
  if (typeof body.device_id === "string") out.deviceId = body.device_id;
  return out;
}

/** `Retry-After` in milliseconds (seconds form only, as the server sends it), else null. */
export function retryAfterMs(res: TransportResponse): number | null {
  const raw = res.headers?.["retry-after"];
  if (raw === undefined) return null;
  const s = Number(raw.trim());
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 24 * 3600) * 1000 : null;
}

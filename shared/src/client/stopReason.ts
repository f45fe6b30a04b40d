// Why a push or pull stopped before it was done, and which of those reasons pass by themselves.
import type { TransportResponse } from "./ports.ts";
import type { ErrorBody } from "./protocol.ts";
import { retryAfterMs } from "./pushWire.ts";

export type StopReason =
  /** No HTTP answer: offline, timeout, the phone out of reach. */
  | { kind: "offline"; message: string }
  /** A 5xx or an answer that makes no sense. */
  | { kind: "server"; status: number; message: string }
  | { kind: "rate_limited"; retryAfterMs: number | null; message: string }
  /** 401: signed out, token revoked or expired; nothing passes until the user acts. */
  | { kind: "unauthorized"; message: string }
  /** Any other refusal (403, 415, a 400 not caused by one mutation...). */
  | { kind: "refused"; status: number; error: string; message: string }
  /** This device's own storage failed (full, locked): the outbox is as it was; try again. */
  | { kind: "storage"; message: string };

/** Offline, server trouble and rate limits pass with time: worth retrying with backoff. */
export const isTransient = (s: StopReason): boolean =>
  s.kind === "offline" || s.kind === "server" || s.kind === "rate_limited" || s.kind === "storage";

export function stopFor(res: TransportResponse, err: ErrorBody | null): StopReason {
  const message = err?.message ?? `HTTP ${res.status}`;
  if (res.status === 401) return { kind: "unauthorized", message };
  if (res.status === 429) return { kind: "rate_limited", retryAfterMs: retryAfterMs(res), message };
  if (res.status >= 500 || res.status < 300 || err === null || err.error === "seq_gap") {
    return { kind: "server", status: res.status, message };
  }
  return { kind: "refused", status: res.status, error: err.error, message };
}

// Splits a text message into frames that each fit messaging.peerSocket.MAX_MESSAGE_SIZE once
// CBOR-encoded, and joins them again; sizes the core's per-message budget so that a core message
// normally travels as one frame. ES5 only: this also runs on the watch.

/** One frame on the wire: message id, frame index, frame count, text slice, reply flag. */
export interface Frame {
  i: number;
  n: number;
  c: number;
  d: string;
  r?: 1;
}

/**
 * Room kept for CBOR's framing of a Frame: a 5-entry map (1 byte), five 1-letter keys (2 bytes
 * each), an id up to 2^32 (5), index and count (up to 3 each), the string's length header (up
 * to 3) and the reply flag (1): 26 bytes at most, doubled for safety.
 */
export const FRAME_OVERHEAD_BYTES = 48;

/**
 * Used only when the runtime reports no usable MAX_MESSAGE_SIZE: small enough for any peer
 * socket, at the cost of more frames per message.
 */
export const FALLBACK_MAX_MESSAGE_SIZE = 512;

/** The runtime's MAX_MESSAGE_SIZE when it is a usable number, else the fallback. */
export function maxMessageSizeOf(reported: unknown): number {
  return Number.isFinite(reported) && (reported as number) >= FRAME_OVERHEAD_BYTES + 64
    ? Math.floor(reported as number)
    : FALLBACK_MAX_MESSAGE_SIZE;
}

/**
 * The core's `maxMessageBytes` (UTF-8 bytes of one watch-link message) that makes each message
 * fit one peerSocket message together with its frame. Both sides pass their own socket's value.
 */
export function coreMessageBudget(reported: unknown): number {
  return maxMessageSizeOf(reported) - FRAME_OVERHEAD_BYTES;
}

/** UTF-8 length of the UTF-16 code unit at `index` (a surrogate pair counts 4 on its first unit). */
function utf8Bytes(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return 1;
  if (unit < 0x800) return 2;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    // A lone high surrogate is sent as U+FFFD (3 bytes).
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 3;
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) {
    const previous = index > 0 ? text.charCodeAt(index - 1) : 0;
    return previous >= 0xd800 && previous <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/** Cuts `text` into slices of at most `budget` UTF-8 bytes, never inside a surrogate pair. */
export function sliceText(text: string, budget: number): string[] {
  if (!(budget >= 4)) throw new RangeError("frame budget too small");
  const slices: string[] = [];
  let start = 0;
  let used = 0;
  for (let k = 0; k < text.length; k++) {
    const bytes = utf8Bytes(text, k);
    // The low half of a pair (0 bytes) always stays with its high half.
    if (bytes > 0 && used + bytes > budget) {
      slices.push(text.slice(start, k));
      start = k;
      used = 0;
    }
    used += bytes;
  }
  slices.push(text.slice(start));
  return slices;
}

export function toFrames(
  id: number,
  text: string,
  maxMessageSize: number,
  reply: boolean,
): Frame[] {
  const slices = sliceText(text, maxMessageSize - FRAME_OVERHEAD_BYTES);
  return slices.map((d, n) => {
    const frame: Frame = { i: id, n, c: slices.length, d };
    if (reply) frame.r = 1;
    return frame;
  });
}

export function isFrame(value: unknown): value is Frame {
  if (typeof value !== "object" || value === null) return false;
  const f = value as { [key: string]: unknown };
  return (
    typeof f.i === "number" &&
    typeof f.n === "number" &&
    typeof f.c === "number" &&
    typeof f.d === "string" &&
    f.n >= 0 &&
    f.n < f.c &&
    Math.floor(f.n) === f.n
  );
}

/** Messages being reassembled at once; older ones (the sender gave up on them) are dropped. */
const MAX_OPEN_MESSAGES = 8;

interface Partial {
  parts: string[];
  received: number;
  count: number;
}

/** Collects frames per message id; `push` returns the whole text once its last frame arrived. */
export class Reassembler {
  private open: { [key: string]: Partial } = {};
  private order: string[] = [];

  push(frame: Frame): string | null {
    if (frame.c === 1) return frame.d;
    const key = (frame.r ? "r" : "q") + frame.i;
    let partial = this.open[key];
    // A different count under the same id is a new message (the sender restarted).
    if (partial === undefined || partial.count !== frame.c) {
      partial = { parts: [], received: 0, count: frame.c };
      this.track(key, partial);
    }
    if (partial.parts[frame.n] === undefined) partial.received += 1;
    partial.parts[frame.n] = frame.d;
    if (partial.received < partial.count) return null;
    this.forget(key);
    return partial.parts.join("");
  }

  private track(key: string, partial: Partial): void {
    if (this.open[key] === undefined) this.order.push(key);
    this.open[key] = partial;
    while (this.order.length > MAX_OPEN_MESSAGES) {
      const oldest = this.order.shift() as string;
      delete this.open[oldest];
    }
  }

  private forget(key: string): void {
    delete this.open[key];
    const at = this.order.indexOf(key);
    if (at >= 0) this.order.splice(at, 1);
  }
}

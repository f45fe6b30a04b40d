// Splits a text message into frames that each fit messaging.peerSocket.MAX_MESSAGE_SIZE once
// CBOR-encoded, and joins them again. ES5 only: this also runs on the watch.

/** One frame on the wire: message id, frame index, frame count, text slice, reply flag. */
export interface Frame {
  i: number;
  n: number;
  c: number;
  d: string;
  r?: 1;
}

/** Room left for the text after CBOR's map, keys and integer fields (generous). */
const FRAME_OVERHEAD_BYTES = 48;

/** UTF-8 length of the UTF-16 code unit at `index` (a surrogate pair counts 4 on its first unit). */
function utf8Bytes(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return 1;
  if (unit < 0x800) return 2;
  if (unit >= 0xd800 && unit <= 0xdbff) return 4;
  if (unit >= 0xdc00 && unit <= 0xdfff) return 0;
  return 3;
}

/** Cuts `text` into slices of at most `budget` UTF-8 bytes, never inside a surrogate pair. */
export function sliceText(text: string, budget: number): string[] {
  if (budget < 4) throw new RangeError("frame budget too small");
  const slices: string[] = [];
  let start = 0;
  let used = 0;
  for (let k = 0; k < text.length; k++) {
    const bytes = utf8Bytes(text, k);
    if (used + bytes > budget) {
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
  maxMessageBytes: number,
  reply: boolean,
): Frame[] {
  const slices = sliceText(text, maxMessageBytes - FRAME_OVERHEAD_BYTES);
  return slices.map((d, n) => {
    const frame: Frame = { i: id, n, c: slices.length, d };
    if (reply) frame.r = 1;
    return frame;
  });
}

export function isFrame(value: unknown): value is Frame {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.i === "number" &&
    typeof f.n === "number" &&
    typeof f.c === "number" &&
    typeof f.d === "string" &&
    f.n >= 0 &&
    f.n < f.c
  );
}

/** Collects frames per message id; `push` returns the whole text once its last frame arrived. */
export class Reassembler {
  private parts: { [id: string]: string[] } = {};
  private counts: { [id: string]: number } = {};

  push(frame: Frame): string | null {
    const key = (frame.r ? "r" : "q") + frame.i;
    const parts = this.parts[key] || [];
    this.parts[key] = parts;
    parts[frame.n] = frame.d;
    this.counts[key] = (this.counts[key] || 0) + 1;
    if (this.counts[key] < frame.c) return null;
    delete this.parts[key];
    delete this.counts[key];
    return parts.join("");
  }
}

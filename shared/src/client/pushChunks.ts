// Cuts the front of the queue into one push body within the protocol's count and byte limits.
import type { OutboxItem } from "./outboxState.ts";
import { PUSH_SCHEMA, toWireText } from "./pushWire.ts";

/** UTF-8 length of a string without TextEncoder (absent on some watches). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const HEAD = `{"schema":${PUSH_SCHEMA},"mutations":[`;
const TAIL = "]}";

export type Chunk = { items: OutboxItem[]; body: string };

/**
 * The longest prefix of `items` with at most `maxCount` mutations whose body fits `maxBytes`.
 * Empty when even the first item alone does not fit: the caller must deal with that item.
 */
export function takeChunk(items: readonly OutboxItem[], maxCount: number, maxBytes: number): Chunk {
  const parts: string[] = [];
  let bytes = utf8Length(HEAD) + utf8Length(TAIL);
  for (const item of items) {
    if (parts.length >= maxCount) break;
    const text = toWireText(item);
    const extra = utf8Length(text) + (parts.length > 0 ? 1 : 0);
    if (bytes + extra > maxBytes) break;
    parts.push(text);
    bytes += extra;
  }
  return { items: items.slice(0, parts.length), body: `${HEAD}${parts.join(",")}${TAIL}` };
}

/** The body of an empty push: how a client asks the server where its device stands. */
export const EMPTY_PUSH = `${HEAD}${TAIL}`;

// The queue the web view's previous outbox left in localStorage (`rs.outbox.<user>`, one JSON
// box with its own seqs), read once and moved into the shared client's outbox state.
import type { OutboxItem, OutboxState } from "@runstrong/shared/client";

type LegacyItem = { seq: number; op: string; args: Record<string, unknown>; queuedAt: number };
/** The old format: `deviceId` "" until the page first told it the browser's device. */
type LegacyBox = { deviceId: string; nextSeq: number; items: LegacyItem[] };

export const legacyOutboxKey = (userId: string) => `rs.outbox.${userId}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

/** The old box in `text`, keeping only items that can still be sent; null when there is none. */
export function readLegacyOutbox(text: string | null): LegacyBox | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.v !== 1 || !Array.isArray(raw.items)) return null;
  const items = raw.items.flatMap((i): LegacyItem[] =>
    isObject(i) && isSeq(i.seq) && typeof i.op === "string" && isObject(i.args)
      ? [{ seq: i.seq, op: i.op, args: i.args, queuedAt: Number(i.queuedAt) || 0 }]
      : [],
  );
  if (items.length === 0) return null;
  return {
    deviceId: typeof raw.deviceId === "string" ? raw.deviceId : "",
    nextSeq: isSeq(raw.nextSeq) ? raw.nextSeq : 1,
    items,
  };
}

const contiguous = (items: LegacyItem[]) =>
  items.every((it, i) => it.seq === (items[0]?.seq ?? 0) + i);

/**
 * Moves the old queue into `state`. Into a store never written yet it keeps the old seqs and
 * device: some of them may have gone out, and a seq once sent must keep naming the same mutation
 * (the server then answers `duplicate`, or seq_gap moves them). Without a known device, or with
 * holes, the numbering is left unbound so the first push ties it to the device. Into a store
 * already in use the old items follow its queue with new seqs.
 */
export function adoptLegacyOutbox(state: OutboxState, old: LegacyBox): OutboxState {
  const fresh = !state.bound && state.items.length === 0 && state.nextId === 1;
  const first = fresh ? (old.items[0]?.seq ?? 1) : state.nextSeq;
  const items: OutboxItem[] = old.items.map((it, i) => ({
    id: state.nextId + i,
    seq: fresh ? it.seq : first + i,
    op: it.op,
    args: it.args,
    queuedAt: it.queuedAt,
  }));
  const lastSeq = items[items.length - 1]?.seq ?? first - 1;
  if (!fresh) {
    return {
      ...state,
      items: [...state.items, ...items],
      nextSeq: lastSeq + 1,
      nextId: state.nextId + items.length,
    };
  }
  return {
    ...state,
    deviceId: old.deviceId || null,
    bound: old.deviceId !== "" && contiguous(old.items),
    items,
    nextSeq: Math.max(old.nextSeq, lastSeq + 1),
    nextId: state.nextId + items.length,
  };
}

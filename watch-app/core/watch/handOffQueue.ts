// The watch's queue of mutations waiting for the phone, on watch storage in the compact batch
// form (a long session fits in about 2 KB). The watch never pushes to the server: the phone
// keeps the shared client's Outbox and runs its push loop, so this queue only numbers items
// for the hand-off, appends to the stored batch and drops what the phone holds — it never
// decodes a batch, which keeps the decoder (and its checks) on the phone.
import { utf8Length } from "@runstrong/shared/client";
import type { MutationBody } from "@runstrong/shared/schemas";
import {
  type CompactBatch,
  decodeBatch,
  encodeBatch,
  isSetRow,
  rowSeq,
  selectRows,
  withWholeSecondTimes,
} from "../link/mutationBatch.ts";
import type { RandomSource, LocalStore as WatchStore } from "../ports.ts";

export const OUTBOX_KEY = "runstrong.outbox";
export const DEFAULT_OUTBOX_MAX_BYTES = 32 * 1024;
/** Room a new session needs (a long session is ~2 KB in the compact encoding). */
export const DEFAULT_SESSION_RESERVE_BYTES = 6 * 1024;

/**
 * Stored form, v 2: `{v, s: stream, n: next item id, m: mark, q: batch}`. Rows carry their item
 * id where a batch carries a seq. `s` names the hand-off stream: written with the items, so a
 * queue wiped or started afresh gets a new name and the phone never takes its ids for old ones.
 */
interface Stored {
  v: 2;
  s: string | null;
  n: number;
  m: string | null;
  q: CompactBatch;
}

/** The outbox the watch app wrote before the hand-off (v 1): a batch numbered from `offset`. */
type StoredV1 = { v: 1; mark: string | null; batch: CompactBatch };

const empty = (): Stored => ({ v: 2, s: null, n: 1, m: null, q: [[], [], []] });

function isBatch(value: unknown): value is CompactBatch {
  return Array.isArray(value) && value.length === 3 && value.every((part) => Array.isArray(part));
}

/** The stored queue, a v 1 outbox renumbered from 1 (its stream is new), or null. */
function parse(text: string): Stored | null {
  try {
    const value = JSON.parse(text) as Stored | StoredV1;
    if (value.v === 2 && isBatch(value.q) && Number.isSafeInteger(value.n)) return value;
    if (value.v === 1 && isBatch(value.batch)) {
      const rows = value.batch[2].map((row, k) => [k + 1, ...row.slice(1)]);
      return {
        ...empty(),
        n: rows.length + 1,
        m: value.mark,
        q: [value.batch[0], value.batch[1], rows],
      };
    }
  } catch {
    // Unreadable: kept aside below.
  }
  return null;
}

/**
 * The mutations a stored queue holds, oldest first, or null when it does not read: for tools
 * and tests that look into watch storage (the watch itself never decodes its queue).
 */
export function storedMutations(text: string): MutationBody[] | null {
  const stored = parse(text);
  if (stored === null) return null;
  try {
    return decodeBatch(stored.q).map((item) => item.mutation);
  } catch {
    return null;
  }
}

export class HandOffQueue {
  private state: Stored;
  /** UTF-8 bytes of the stored queue. */
  bytes = 0;

  constructor(
    private readonly store: WatchStore,
    private readonly random: RandomSource,
    /** Something was queued or dropped. */
    private readonly onChange?: () => void,
    private readonly key = OUTBOX_KEY,
  ) {
    const text = store.getItem(key);
    const parsed = text == null ? empty() : parse(text);
    if (parsed === null && text != null) {
      // Unreadable data cannot be handed on; keep a copy for diagnosis and start again.
      store.setItem(`${key}.unreadable`, text);
    }
    this.state = parsed ?? empty();
    this.bytes = text == null ? 0 : utf8Length(text);
  }

  private write(next: Stored): void {
    const text = JSON.stringify(next);
    // Throws when watch storage is full: the state stays as it was, and the caller keeps the
    // mutations (the session's journal) to try again.
    this.store.setItem(this.key, text);
    this.state = next;
    this.bytes = utf8Length(text);
    this.onChange?.();
  }

  /** The id of the last session-journal entry queued (see SessionDriver). */
  mark(): string | null {
    return this.state.m;
  }

  /**
   * Appends `bodies` with the next item ids and records `mark`, in one storage write. Times are
   * kept to the whole second, the precision the compact rows carry.
   */
  enqueue(bodies: readonly MutationBody[], mark?: string): void {
    const s = this.state;
    const items = bodies.map((m, k) => ({ seq: s.n + k, mutation: withWholeSecondTimes(m) }));
    this.write({
      ...s,
      n: s.n + items.length,
      m: mark === undefined ? s.m : mark,
      q: encodeBatch(items, s.q),
    });
  }

  /** The stored batch (rows numbered by item id). */
  batch(): CompactBatch {
    return this.state.q;
  }

  /** Items waiting, and how many are logged sets. */
  waiting(): { items: number; sets: number } {
    const rows = this.state.q[2];
    return { items: rows.length, sets: rows.filter(isSetRow).length };
  }

  /** The stream's name, given on first use. */
  stream(): string {
    if (this.state.s !== null) return this.state.s;
    let name = "w";
    for (let k = 0; k < 12; k++) name += Math.floor(this.random() * 36).toString(36);
    this.write({ ...this.state, s: name });
    return name;
  }

  /**
   * The oldest rows that `fits` accepts, one at least and `maxItems` at most. A message only grows
   * with its rows, so the count is found by halving: a few encodings, not one per row.
   */
  front(maxItems: number, fits: (batch: CompactBatch) => boolean): CompactBatch {
    const all = this.state.q;
    const first = (n: number) => selectRows(all, (_, i) => i < n);
    let lo = 1;
    let hi = Math.min(maxItems, all[2].length);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(first(mid))) lo = mid;
      else hi = mid - 1;
    }
    return first(lo);
  }

  /** Drops the rows of `stream` up to item id `upTo` (the phone holds them); returns what is left. */
  dropUpTo(stream: string, upTo: number): number {
    const s = this.state;
    // Another stream: the queue was cleared meanwhile, nothing here was handed over.
    if (s.s !== stream) return s.q[2].length;
    const kept = selectRows(s.q, (row) => rowSeq(row) > upTo);
    if (kept[2].length !== s.q[2].length) this.write({ ...s, q: kept });
    return kept[2].length;
  }
}

export interface OutboxUsage {
  bytes: number;
  maxBytes: number;
  /** False once the queue leaves less than a session's worth of room. */
  canStartSession: boolean;
}

export function outboxUsage(
  bytes: number,
  maxBytes = DEFAULT_OUTBOX_MAX_BYTES,
  reserve = DEFAULT_SESSION_RESERVE_BYTES,
): OutboxUsage {
  return { bytes, maxBytes, canStartSession: bytes + reserve <= maxBytes };
}

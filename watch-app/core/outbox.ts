// The watch's persisted queue of mutations waiting for the server: gives each its device seq,
// survives restarts, and forgets an item only once the phone reports the server acknowledged it.
import type { MutationBody } from "@runstrong/shared/schemas";
import { utf8ByteLength } from "./byteLength.ts";
import {
  type CompactBatch,
  decodeBatch,
  encodeBatch,
  type SequencedMutation,
} from "./mutationBatch.ts";
import type { KeyValueStore } from "./ports.ts";

/** A server verdict that leaves the item durable but not applied: kept to show the user. */
export interface AckProblem {
  seq: number;
  status: "rejected" | "conflict";
  error?: string;
}

/** A server ack as `POST /sync/push` returns it. */
export interface ServerAck {
  seq: number;
  status: "applied" | "duplicate" | "rejected" | "conflict";
  error?: string;
}

export interface RejectedMutation {
  seq: number;
  op: string;
  /** The id in the mutation's args, so the user can tell which set it was. */
  entityId: string | null;
  status: "rejected" | "conflict";
  error: string;
}

/**
 * Which seq numbering the pending items are in. `outboxId` is random per install, so a phone
 * can tell a wiped or reinstalled watch from the one whose seqs it knows; `generation` changes
 * whenever the numbering is moved (see `rebase`).
 */
export interface OutboxStream {
  outboxId: string;
  generation: number;
}

export interface OutboxUsage {
  bytes: number;
  maxBytes: number;
  /** False once the queue leaves less than a session's worth of room. */
  canStartSession: boolean;
}

export interface OutboxOptions {
  key?: string;
  /** Soft ceiling of the stored queue; see `canStartSession`. */
  maxBytes?: number;
  /** Room a new session needs (a long session is ~2 KB in the compact encoding). */
  sessionReserveBytes?: number;
  /** Makes the random outbox id of a fresh install. */
  newId: () => string;
}

export const DEFAULT_OUTBOX_KEY = "runstrong.outbox";
export const DEFAULT_OUTBOX_MAX_BYTES = 32 * 1024;
export const DEFAULT_SESSION_RESERVE_BYTES = 6 * 1024;
const MAX_REJECTED_KEPT = 10;
const STORED_VERSION = 1;

interface StoredOutbox {
  v: typeof STORED_VERSION;
  id: string;
  gen: number;
  /** Next local seq: starts at 1, only ever grows. */
  next: number;
  /** Wire seq = local seq + offset. */
  offset: number;
  /** Opaque progress mark written atomically with the items (the session journal's). */
  mark: string | null;
  rejected: RejectedMutation[];
  /** The pending items, with local seqs. */
  batch: CompactBatch;
}

function entityIdOf(m: MutationBody): string | null {
  const id = (m.args as { id?: unknown }).id;
  return typeof id === "string" ? id : null;
}

function isStored(value: unknown): value is StoredOutbox {
  const v = value as StoredOutbox;
  return (
    typeof v === "object" &&
    v !== null &&
    v.v === STORED_VERSION &&
    typeof v.id === "string" &&
    Number.isSafeInteger(v.gen) &&
    Number.isSafeInteger(v.next) &&
    v.next >= 1 &&
    Number.isSafeInteger(v.offset) &&
    (v.mark === null || typeof v.mark === "string") &&
    Array.isArray(v.rejected)
  );
}

/**
 * Storage policy: the whole queue is one value (one write is atomic on every platform), kept
 * small by the compact batch encoding (~30 bytes a set). Nothing unacknowledged is ever dropped:
 * past `maxBytes` appends still succeed — a session under way always finishes — but
 * `canStartSession` turns false so the home screen refuses a new session until the phone
 * drains the queue.
 */
export class Outbox {
  private record: StoredOutbox;
  /** Pending items with local seqs, oldest first. */
  private items: SequencedMutation[];
  private bytes = 0;
  private readonly key: string;
  private readonly maxBytes: number;
  private readonly reserve: number;

  private constructor(
    private readonly store: KeyValueStore,
    opts: OutboxOptions,
  ) {
    this.key = opts.key ?? DEFAULT_OUTBOX_KEY;
    this.maxBytes = opts.maxBytes ?? DEFAULT_OUTBOX_MAX_BYTES;
    this.reserve = opts.sessionReserveBytes ?? DEFAULT_SESSION_RESERVE_BYTES;
    const loaded = this.load(opts.newId);
    this.record = loaded.record;
    this.items = loaded.items;
  }

  static open(store: KeyValueStore, opts: OutboxOptions): Outbox {
    return new Outbox(store, opts);
  }

  private load(newId: () => string): { record: StoredOutbox; items: SequencedMutation[] } {
    const text = this.store.getItem(this.key);
    if (text != null) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isStored(parsed)) {
          this.bytes = utf8ByteLength(text);
          return { record: parsed, items: decodeBatch(parsed.batch) };
        }
      } catch {
        // Fall through: unreadable.
      }
      // Unreadable data cannot be sent anyway; keep a copy for diagnosis and start a new
      // outbox. Its new id makes the phone re-check the seq numbering before the next push.
      try {
        this.store.setItem(`${this.key}.unreadable`, text);
      } catch {
        // The copy is for diagnosis only; a full storage must not keep the app from opening.
      }
    }
    const record: StoredOutbox = {
      v: STORED_VERSION,
      id: newId(),
      gen: 0,
      next: 1,
      offset: 0,
      mark: null,
      rejected: [],
      batch: [[], [], []],
    };
    return { record, items: [] };
  }

  /** Writes first and commits in memory only if the write succeeded. */
  private persist(next: StoredOutbox, items: SequencedMutation[]): void {
    const record = { ...next, batch: encodeBatch(items) };
    const text = JSON.stringify(record);
    this.store.setItem(this.key, text);
    this.record = record;
    this.items = items;
    this.bytes = utf8ByteLength(text);
  }

  private toWire(item: SequencedMutation): SequencedMutation {
    return { seq: item.seq + this.record.offset, mutation: item.mutation };
  }

  get stream(): OutboxStream {
    return { outboxId: this.record.id, generation: this.record.gen };
  }

  /** The mark stored with the last append (see `append`). */
  get mark(): string | null {
    return this.record.mark;
  }

  /**
   * Queues mutations with the next seqs, in one write together with `mark`, so a caller can
   * tell after a crash whether its append happened. Returns the items with their wire seqs.
   */
  append(mutations: readonly MutationBody[], mark?: string): SequencedMutation[] {
    if (mutations.length === 0 && mark === undefined) return [];
    const first = this.record.next;
    const added = mutations.map((mutation, i) => ({ seq: first + i, mutation }));
    this.persist({ ...this.record, next: first + added.length, mark: mark ?? this.record.mark }, [
      ...this.items,
      ...added,
    ]);
    return added.map((item) => this.toWire(item));
  }

  /** Items waiting for the server, oldest first, with wire seqs. */
  pending(): SequencedMutation[] {
    return this.items.map((item) => this.toWire(item));
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Forgets every item up to a wire seq the server acknowledged (applied, duplicate, rejected
   * or conflict: all durable), keeping the errors of rejected and conflicting ones for display.
   * Given raw server acks, only a contiguous prefix of the queue counts: an item is never
   * dropped because a later one was acknowledged. Returns how many items were removed.
   */
  acknowledge(upToSeqOrAcks: number | readonly ServerAck[], problems: readonly AckProblem[] = []) {
    let upTo: number;
    let found: readonly AckProblem[] = problems;
    if (typeof upToSeqOrAcks === "number") upTo = upToSeqOrAcks;
    else {
      const acked = new Set(upToSeqOrAcks.map((a) => a.seq));
      upTo = 0;
      for (const item of this.pending()) {
        if (!acked.has(item.seq)) break;
        upTo = item.seq;
      }
      found = upToSeqOrAcks.filter(
        (a): a is ServerAck & AckProblem => a.status === "rejected" || a.status === "conflict",
      );
    }
    const localUpTo = upTo - this.record.offset;
    const removed = this.items.filter((item) => item.seq <= localUpTo);
    if (removed.length === 0) return 0;
    const bySeq = new Map(removed.map((item) => [item.seq + this.record.offset, item]));
    const newlyRejected: RejectedMutation[] = [];
    for (const p of found) {
      const item = bySeq.get(p.seq);
      if (item === undefined) continue;
      newlyRejected.push({
        seq: p.seq,
        op: item.mutation.op,
        entityId: entityIdOf(item.mutation),
        status: p.status,
        error: p.error ?? p.status,
      });
    }
    const rejected = [...this.record.rejected, ...newlyRejected].slice(-MAX_REJECTED_KEPT);
    this.persist(
      { ...this.record, rejected },
      this.items.filter((item) => item.seq > localUpTo),
    );
    return removed.length;
  }

  /**
   * Moves the numbering so the oldest pending item goes out as `expectedSeq`, the seq the
   * server expects next (it lost or never had our earlier seqs: a re-paired device, a restored
   * database, a reinstalled watch). Resending is safe because every entity the watch writes is
   * insert-once by its client id or last-write-wins with the same values. Local seqs stay
   * contiguous and are never reused; the generation changes so a reply about the old numbering
   * is recognised as stale.
   */
  rebase(expectedSeq: number): void {
    if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 1) {
      throw new Error(`outbox: cannot rebase to seq ${expectedSeq}`);
    }
    const firstLocal = this.items[0]?.seq ?? this.record.next;
    this.persist(
      { ...this.record, offset: expectedSeq - firstLocal, gen: this.record.gen + 1 },
      this.items,
    );
  }

  rejected(): readonly RejectedMutation[] {
    return this.record.rejected;
  }

  clearRejected(): void {
    if (this.record.rejected.length > 0) this.persist({ ...this.record, rejected: [] }, this.items);
  }

  usage(): OutboxUsage {
    return {
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      canStartSession: this.bytes + this.reserve <= this.maxBytes,
    };
  }
}

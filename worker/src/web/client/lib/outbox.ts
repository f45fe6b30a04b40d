// The web view's outbox: mutations this browser pushes as its own device (sync protocol v1),
// kept in localStorage so they survive reloads and offline stretches, with a contiguous seq.
//
// Seqs are assigned when a mutation is queued and kept across retries, so a push whose answer
// was lost is acknowledged `duplicate` next time rather than applied twice. The server's
// last_seq (rendered into every page, returned by each push) keeps new seqs above what it has;
// a 409 seq_gap (a new sign-in means a new device that starts at 1) renumbers the queue.
import { type ApiErrorBody, api } from "./api.ts";

export type MutationBody = { op: string; args: Record<string, unknown> };
type Item = MutationBody & { seq: number; queuedAt: number };
type Box = { v: 1; deviceId: string; nextSeq: number; items: Item[] };
export type Ack = {
  seq: number;
  status: "applied" | "duplicate" | "rejected" | "conflict";
  error?: string;
  /** With `conflict`: the stored entity the mutation lost against (null when it does not exist). */
  current?: unknown;
};
/** A `conflict` ack with the mutation it answers (see onOutboxConflict). */
export type OutboxConflict = { ack: Ack; op: string; args: Record<string, unknown> };
type PushOk = { acks: Ack[]; last_seq: number; cursor: string };

export type FlushResult = {
  acks: Map<number, Ack>;
  /** Why the queue is not empty: offline, signed out, server trouble. */
  stopped?: ApiErrorBody & { status: number };
};

const MAX_BATCH = 200;
const CHANGED = "rs:outbox";
const CONFLICT = "rs:outbox-conflict";

export class Outbox {
  private readonly key: string;

  constructor(readonly userId: string) {
    this.key = `rs.outbox.${userId}`;
  }

  private load(): Box {
    try {
      const raw = localStorage.getItem(this.key);
      const box = raw ? (JSON.parse(raw) as Box) : null;
      if (box && box.v === 1 && Array.isArray(box.items)) return box;
    } catch {
      // unreadable: start afresh rather than block every write
    }
    return { v: 1, deviceId: "", nextSeq: 1, items: [] };
  }

  private save(box: Box): void {
    localStorage.setItem(this.key, JSON.stringify(box));
    document.dispatchEvent(new CustomEvent(CHANGED, { detail: box.items.length }));
  }

  pending(): number {
    return this.load().items.length;
  }

  /** Lines the queue up with what the server knows of this browser's device. */
  reconcile(deviceId: string, lastSeq: number): void {
    const box = this.load();
    if (box.deviceId && deviceId && box.deviceId !== deviceId) {
      // Another sign-in, another device: its seqs start wherever that device stands.
      renumber(box, lastSeq + 1);
    }
    if (deviceId) box.deviceId = deviceId;
    box.nextSeq = Math.max(box.nextSeq, lastSeq + 1);
    this.save(box);
  }

  /** Queues mutations and returns their seqs. */
  enqueue(bodies: MutationBody[]): number[] {
    const box = this.load();
    const seqs: number[] = [];
    for (const body of bodies) {
      const seq = box.nextSeq++;
      box.items.push({ ...body, seq, queuedAt: Date.now() });
      seqs.push(seq);
    }
    this.save(box);
    return seqs;
  }

  /** Pushes everything queued; one flush at a time across this browser's tabs. */
  async flush(): Promise<FlushResult> {
    const run = () => this.flushLocked();
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? await locks.request(`rs-outbox-${this.userId}`, run) : run();
  }

  private async flushLocked(): Promise<FlushResult> {
    const acks = new Map<number, Ack>();
    let batchSize = MAX_BATCH;
    let gaps = 0;
    for (;;) {
      const box = this.load();
      if (box.items.length === 0) return { acks };
      const batch = box.items.slice(0, batchSize);
      const res = await api<PushOk>("POST", "sync/push", {
        schema: 1,
        mutations: batch.map(({ seq, op, args }) => ({ seq, op, args })),
      });
      const after = this.load();
      if (res.ok) {
        for (const ack of res.body.acks) {
          acks.set(ack.seq, ack);
          // A conflict leaves the queue like any ack; announce it, so one answered during a quiet
          // background flush still reaches the page that made the change (the plan editor).
          const item = ack.status === "conflict" ? batch.find((i) => i.seq === ack.seq) : null;
          if (item) {
            const detail: OutboxConflict = { ack, op: item.op, args: item.args };
            document.dispatchEvent(new CustomEvent(CONFLICT, { detail }));
          }
        }
        const done = new Set(res.body.acks.map((a) => a.seq));
        after.items = after.items.filter((i) => !done.has(i.seq));
        after.nextSeq = Math.max(after.nextSeq, res.body.last_seq + 1);
        this.save(after);
        continue;
      }
      if (res.status === 409 && res.body.error === "seq_gap" && res.body.expected && gaps < 3) {
        gaps++;
        renumber(after, res.body.expected);
        this.save(after);
        continue;
      }
      if (res.status === 413 && batchSize > 1) {
        batchSize = Math.ceil(batchSize / 2);
        continue;
      }
      if (res.status === 400) {
        // The envelope itself was refused: these items can never go through; drop them so the
        // queue does not block, and tell the caller.
        const dropped = new Set(batch.map((i) => i.seq));
        for (const seq of dropped)
          acks.set(seq, { seq, status: "rejected", error: res.body.message });
        after.items = after.items.filter((i) => !dropped.has(i.seq));
        this.save(after);
        continue;
      }
      return { acks, stopped: { ...res.body, status: res.status } };
    }
  }
}

function renumber(box: Box, from: number): void {
  let seq = from;
  for (const item of box.items) item.seq = seq++;
  box.nextSeq = seq;
}

export function onOutboxChange(listener: (pending: number) => void): void {
  document.addEventListener(CHANGED, (e) => listener((e as CustomEvent<number>).detail));
}

/** Calls `listener` for every `conflict` ack this browser receives, whoever flushed the queue. */
export function onOutboxConflict(listener: (conflict: OutboxConflict) => void): void {
  document.addEventListener(CONFLICT, (e) => listener((e as CustomEvent<OutboxConflict>).detail));
}

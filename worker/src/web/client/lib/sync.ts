// Glue between the page and its outbox: queue-and-push for page actions, background flushes
// when the browser comes back online, and the "waiting to sync" badge in the header.
import type { ApiErrorBody } from "./api.ts";
import { byId, viewer } from "./dom.ts";
import { type Ack, type MutationBody, Outbox, onOutboxChange } from "./outbox.ts";

let box: Outbox | null = null;

export function outbox(): Outbox | null {
  if (box) return box;
  const v = viewer();
  if (!v) return null;
  box = new Outbox(v.userId);
  box.reconcile(v.webDeviceId, v.webLastSeq);
  return box;
}

export type PushOutcome = {
  /** One ack per given mutation, in order; undefined while it waits in the queue. */
  acks: (Ack | undefined)[];
  stopped?: ApiErrorBody & { status: number };
};

/** Queues the mutations and tries to push them (and anything queued before) right away. */
export async function push(bodies: MutationBody[]): Promise<PushOutcome> {
  const b = outbox();
  if (!b) {
    return {
      acks: bodies.map(() => undefined),
      stopped: { error: "unauthorized", message: "Sign in first.", status: 401 },
    };
  }
  const seqs = b.enqueue(bodies);
  const result = await b.flush();
  const out: PushOutcome = { acks: seqs.map((s) => result.acks.get(s)) };
  if (result.stopped) out.stopped = result.stopped;
  return out;
}

/** Pushes what is queued, quietly; used on load, on `online` and on focus. */
export async function flushQuietly(): Promise<void> {
  const b = outbox();
  if (b && b.pending() > 0 && navigator.onLine !== false) await b.flush();
}

function showBadge(pending: number): void {
  const el = byId("sync-status");
  if (!el) return;
  el.hidden = pending === 0;
  el.textContent =
    pending === 1 ? "1 change waiting to sync" : `${pending} changes waiting to sync`;
}

export function startSync(): void {
  const b = outbox();
  if (!b) return;
  onOutboxChange(showBadge);
  showBadge(b.pending());
  window.addEventListener("online", () => void flushQuietly());
  void flushQuietly();
}

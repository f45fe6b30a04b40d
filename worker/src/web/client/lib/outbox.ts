// The web view's outbox: the shared sync client (one outbox, one push loop for every device)
// over this browser's ports, one per signed-in user, with the old queue moved in once. It pulls
// nothing through the client (pages render on the server), so it loads only the push half.
import {
  type Ack,
  type AckEvent,
  type MutationBody,
  type OpArgs,
  PushClient,
} from "@runstrong/shared/client";
import { viewer } from "./dom.ts";
import { adoptLegacyOutbox, legacyOutboxKey, readLegacyOutbox } from "./legacyOutbox.ts";
import {
  browserClock,
  browserLock,
  browserScheduler,
  fetchTransport,
  localStorageStore,
} from "./webSyncPorts.ts";

export type { Ack, AckEvent, MutationBody, OpArgs };
/** A `conflict` ack with the mutation it answers (see onOutboxConflict). */
export type OutboxConflict = { ack: Ack; op: string; args: Record<string, unknown> };

/** Starts with `rs.outbox.` like the old key, so tools that list queues find both. */
export const outboxKey = (userId: string) => `rs.outbox.v2.${userId}`;

let current: { userId: string; ready: Promise<PushClient> } | null = null;

async function open(userId: string, deviceId: string, lastSeq: number): Promise<PushClient> {
  const lock = browserLock();
  const client = new PushClient({
    store: localStorageStore,
    transport: fetchTransport,
    scheduler: browserScheduler,
    clock: browserClock,
    lock,
    key: outboxKey(userId),
  });
  // Once per browser, and one tab at a time: a change queued offline before the upgrade is sent.
  await lock.run(`${client.outbox.key}:migrate`, async () => {
    const old = readLegacyOutbox(localStorage.getItem(legacyOutboxKey(userId)));
    if (old) {
      await client.outbox.update((s) => ({ state: adoptLegacyOutbox(s, old), result: undefined }));
    }
    localStorage.removeItem(legacyOutboxKey(userId));
  });
  await client.reconcile(deviceId || null, lastSeq);
  return client;
}

/** The signed-in user's sync client, or null on signed-out pages. */
export function webOutbox(): Promise<PushClient> | null {
  const v = viewer();
  if (!v) return null;
  if (current?.userId !== v.userId) {
    const opening = { userId: v.userId, ready: open(v.userId, v.webDeviceId, v.webLastSeq) };
    // A failed start (storage refused) is tried again by the next caller, not kept.
    opening.ready.catch(() => {
      if (current === opening) current = null;
    });
    current = opening;
  }
  return current.ready;
}

/** Calls `listener` with the number of changes waiting, after every change this tab makes. */
export function onOutboxChange(listener: (pending: number) => void): void {
  void webOutbox()?.then((c) => c.on("pending", listener));
}

/** Calls `listener` for every `conflict` ack this tab receives, whichever push brought it. */
export function onOutboxConflict(listener: (conflict: OutboxConflict) => void): void {
  void webOutbox()?.then((c) =>
    c.on("conflict", ({ id: _id, op, args, local: _local, ...ack }) => listener({ ack, op, args })),
  );
}

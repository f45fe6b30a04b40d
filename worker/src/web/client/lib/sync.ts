// The pages' side of sync on the shared client: queue-and-push for page actions, quiet flushes,
// the "waiting to sync" badge, and a toast for a refused change no page is waiting on.
import type { StopReason } from "@runstrong/shared/client";
import type { ApiErrorBody } from "./api.ts";
import { announce, byId } from "./dom.ts";
import { type Ack, type MutationBody, type OpArgs, onOutboxChange, webOutbox } from "./outbox.ts";

export type { Ack, MutationBody, OpArgs };

export type PushOutcome = {
  /** One ack per given mutation, in order; undefined while it waits in the queue. */
  acks: (Ack | undefined)[];
  /** Why the queue is not empty; status 0 when offline. */
  stopped?: ApiErrorBody & { status: number };
};

/** What each op changes, in words, for the report of a refused change no page is waiting on. */
const CHANGE: Record<string, string> = {
  "session.start": "a session",
  "set.log": "a set",
  "set.delete": "deleting a set",
  "session.finish": "a session's feel and notes",
  "session.delete": "deleting a session",
  "plan.put": "a plan",
  "plan.delete": "deleting a plan",
  "run.log": "a run",
  "run.delete": "deleting a run",
  "assessment.log": "a test result",
  "settings.put": "your settings",
};

/** Local ids of mutations a push() of this tab is waiting for: their page shows the outcome. */
const awaited = new Set<number>();

function asApiError(s: StopReason): ApiErrorBody & { status: number } {
  switch (s.kind) {
    case "offline":
      return { error: "network", message: "You seem to be offline; nothing was sent.", status: 0 };
    case "unauthorized":
      return { error: "unauthorized", message: s.message, status: 401 };
    case "rate_limited":
      return { error: "rate_limited", message: s.message, status: 429 };
    case "server":
      return { error: "server_error", message: s.message, status: s.status };
    case "refused":
      return { error: s.error, message: s.message, status: s.status };
    case "storage":
      return {
        error: "storage",
        message: "This browser could not save your changes; they will be tried again.",
        status: 0,
      };
  }
}

/** Queues the mutations and tries to push them (and anything queued before) right away. */
export async function push(bodies: readonly MutationBody[]): Promise<PushOutcome> {
  const ready = webOutbox();
  if (!ready) {
    return {
      acks: bodies.map(() => undefined),
      stopped: { error: "unauthorized", message: "Sign in first.", status: 401 },
    };
  }
  const client = await ready;
  // Any flush of this tab may settle them (a background one holding the lock first): listen to all.
  const seen = new Map<number, Ack>();
  const stopListening = client.on("ack", ({ id, op: _op, args: _args, local: _l, ...ack }) => {
    seen.set(id, ack);
  });
  const ids: number[] = [];
  try {
    const queued = await client.enqueue(bodies);
    for (const q of queued) {
      ids.push(q.id);
      awaited.add(q.id);
    }
    const report = await client.flush();
    const out: PushOutcome = { acks: ids.map((id) => seen.get(id)) };
    if (report.stopped) out.stopped = asApiError(report.stopped);
    return out;
  } finally {
    stopListening();
    for (const id of ids) awaited.delete(id);
  }
}

/** Changes waiting in this browser for the signed-in user. */
export async function pendingCount(): Promise<number> {
  const client = await webOutbox();
  return client ? client.pending() : 0;
}

/** Pushes what is queued, quietly; used on load, on focus and by the live refresh. */
export async function flushQuietly(): Promise<void> {
  const client = await webOutbox();
  if (client && navigator.onLine !== false && (await client.pending()) > 0) await client.flush();
}

/** Pushes what is queued and says how many changes are still waiting (sign-out warns then). */
export async function flushNow(): Promise<number> {
  const client = await webOutbox();
  if (!client || (await client.pending()) === 0) return 0;
  return (await client.flush()).pending;
}

/** The server's word on this browser's device, from /web/state.json. */
export async function reconcile(deviceId: string | null, lastSeq: number): Promise<void> {
  await (await webOutbox())?.reconcile(deviceId || null, lastSeq);
}

function showBadge(pending: number): void {
  const el = byId("sync-status");
  if (!el) return;
  el.hidden = pending === 0;
  el.textContent =
    pending === 1 ? "1 change waiting to sync" : `${pending} changes waiting to sync`;
}

export function startSync(): void {
  const ready = webOutbox();
  if (!ready) return;
  onOutboxChange(showBadge);
  void ready.then(async (client) => {
    // A change pushed in the background (queued offline, another page's) that the server or the
    // client refused: nothing else would tell the runner it is gone.
    client.on("rejected", (e) => {
      if (awaited.has(e.id)) return;
      const what = CHANGE[e.op];
      const change = what
        ? `a change made on this device (${what})`
        : "a change made on this device";
      announce(`The server refused ${change}, so it was not saved.`, "error");
    });
    showBadge(await client.pending());
    await flushQuietly();
  });
}

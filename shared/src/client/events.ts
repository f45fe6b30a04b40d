// Listener lists for what the sync client reports: acks, rejections, conflicts, pending count.
import type { AckEvent } from "./pushLoop.ts";
import type { StopReason } from "./stopReason.ts";

export type SyncEvents = {
  /** Every settled mutation, whatever its status. */
  ack: AckEvent;
  /** A mutation the server (or, `local`, this client) refused; it will not be applied. */
  rejected: AckEvent;
  /** A mutation that lost against the stored state; `current` holds what is stored. */
  conflict: AckEvent;
  /** Mutations waiting, after each change this client made. */
  pending: number;
  /** A push or pull stopped before it was done (offline, signed out...). */
  stopped: StopReason;
};

export type Listener<T> = (value: T) => void;

export class SyncEventHub {
  private readonly lists = new Map<keyof SyncEvents, Set<Listener<never>>>();

  on<K extends keyof SyncEvents>(event: K, listener: Listener<SyncEvents[K]>): () => void {
    let list = this.lists.get(event);
    if (list === undefined) {
      list = new Set();
      this.lists.set(event, list);
    }
    const added = list;
    added.add(listener);
    return () => {
      added.delete(listener);
    };
  }

  emit<K extends keyof SyncEvents>(event: K, value: SyncEvents[K]): void {
    // A copy, so a listener that unsubscribes does not disturb the walk (forEach: ES5-safe).
    const listeners: Listener<never>[] = [];
    this.lists.get(event)?.forEach((l) => {
      listeners.push(l);
    });
    for (const listener of listeners) {
      // A failing listener must not break the sync loop or the other listeners.
      try {
        (listener as Listener<SyncEvents[K]>)(value);
      } catch {
        // ignored on purpose
      }
    }
  }

  /** Routes one settled mutation to `ack` and, by status, `rejected` or `conflict`. */
  settled(event: AckEvent): void {
    this.emit("ack", event);
    if (event.status === "rejected") this.emit("rejected", event);
    if (event.status === "conflict") this.emit("conflict", event);
  }
}

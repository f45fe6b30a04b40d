// The push half of the sync client: the outbox, the push loop, retries with backoff (or
// Retry-After), an immediate retry when the link comes back, and listeners for the UI. Clients
// that keep no pulled copy (the web view, the watch) use it alone; SyncClient adds the pull.
import { Backoff } from "./backoff.ts";
import { SyncEventHub, type SyncEvents } from "./events.ts";
import { Outbox, type OutboxCodec, type QueuedMutation } from "./outbox.ts";
import type { Problem } from "./outboxState.ts";
import type {
  Clock,
  KeyValueStore,
  Lock,
  RandomSource,
  Scheduler,
  SyncTransport,
} from "./ports.ts";
import { createLocalLock } from "./ports.ts";
import type { MutationBody } from "./protocol.ts";
import { type AckEvent, type FlushReport, PushLoop } from "./pushLoop.ts";
import { isTransient, type StopReason } from "./stopReason.ts";

export interface PushClientOptions {
  store: KeyValueStore;
  transport: SyncTransport;
  scheduler: Scheduler;
  clock: Clock;
  /** Backoff jitter; `Math.random` when absent. */
  random?: RandomSource;
  /** Share one lock among every instance over the same store (Web Locks across tabs). */
  lock?: Lock;
  /** Store key of the outbox; other keys of the client derive from it. */
  key?: string;
  codec?: OutboxCodec;
  maxMutations?: number;
  maxBytes?: number;
  backoff?: { baseMs?: number; maxMs?: number };
  /** Retry a push or pull that stopped for a passing reason by itself (default true). */
  autoRetry?: boolean;
}

export type PushResult = {
  queued: QueuedMutation[];
  /** One entry per given mutation: its ack, or undefined while it waits. */
  acks: (AckEvent | undefined)[];
  stopped?: StopReason;
};

/** What a retry may have to do again: the push, and (SyncClient) the pull. */
export type RetryWork = "push" | "pull";

export class PushClient {
  readonly outbox: Outbox;
  protected readonly hub = new SyncEventHub();
  protected readonly pusher: PushLoop;
  protected readonly lock: Lock;
  protected readonly want: Record<RetryWork, boolean> = { push: false, pull: false };
  private readonly backoff: Backoff;
  private cancelRetry: (() => void) | null = null;
  private readonly unlisten: (() => void) | null;
  protected closed = false;

  constructor(protected readonly opts: PushClientOptions) {
    this.lock = opts.lock ?? createLocalLock();
    this.outbox = new Outbox({
      store: opts.store,
      lock: this.lock,
      clock: opts.clock,
      key: opts.key,
      codec: opts.codec,
      onChange: (n) => this.hub.emit("pending", n),
    });
    this.pusher = new PushLoop({
      outbox: this.outbox,
      transport: opts.transport,
      lock: this.lock,
      maxMutations: opts.maxMutations,
      maxBytes: opts.maxBytes,
      onSettled: (e) => this.hub.settled(e),
    });
    this.backoff = new Backoff({ random: opts.random ?? Math.random, ...opts.backoff });
    this.unlisten = opts.transport.onLinkBack?.(() => this.inBackground(this.retryNow())) ?? null;
  }

  on<K extends keyof SyncEvents>(event: K, listener: (value: SyncEvents[K]) => void): () => void {
    return this.hub.on(event, listener);
  }

  /** Stores mutations for the next push (nothing is sent). */
  enqueue(bodies: readonly MutationBody[], mark?: string): Promise<QueuedMutation[]> {
    return this.outbox.enqueue(bodies, mark);
  }

  /**
   * Stores the mutations, then pushes everything queued; reports each given mutation's ack,
   * whichever flush settled it (one already running when this one queued theirs, for instance).
   */
  async push(bodies: readonly MutationBody[]): Promise<PushResult> {
    const seen = new Map<number, AckEvent>();
    const stop = this.on("ack", (e) => {
      seen.set(e.id, e);
    });
    try {
      const queued = await this.enqueue(bodies);
      const report = await this.flush();
      const out: PushResult = { queued, acks: queued.map((q) => seen.get(q.id)) };
      if (report.stopped) out.stopped = report.stopped;
      return out;
    } finally {
      stop();
    }
  }

  /** Pushes everything queued; a passing failure schedules a retry. */
  async flush(): Promise<FlushReport> {
    const report = await this.pusher.flush();
    this.after("push", report.stopped);
    return report;
  }

  pending(): Promise<number> {
    return this.outbox.pending();
  }

  problems(): Promise<Problem[]> {
    return this.outbox.problems();
  }

  clearProblems(): Promise<void> {
    return this.outbox.clearProblems();
  }

  /**
   * The server's word on this device from elsewhere (a rendered page's device id and last_seq).
   * An empty or null id means no device is known yet: nothing to compare against.
   */
  reconcile(deviceId: string | null, lastSeq: number): Promise<void> {
    return this.outbox.reconcile(deviceId, lastSeq);
  }

  /** Stops timers and the link-back listener; the stored outbox stays. */
  close(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.unlisten?.();
  }

  /** Records how `what` ended; a passing failure schedules the retry (backoff or Retry-After). */
  protected after(what: RetryWork, stopped: StopReason | undefined): void {
    if (stopped) this.hub.emit("stopped", stopped);
    if (!stopped) {
      this.want[what] = false;
      if (!this.want.push && !this.want.pull) {
        this.backoff.reset();
        this.cancelRetry?.();
        this.cancelRetry = null;
      }
      return;
    }
    this.want[what] = isTransient(stopped);
    if (!this.want[what] || this.closed || this.opts.autoRetry === false) return;
    const wait =
      stopped.kind === "rate_limited" && stopped.retryAfterMs !== null
        ? stopped.retryAfterMs
        : this.backoff.next();
    this.cancelRetry?.();
    this.cancelRetry = this.opts.scheduler.schedule(wait, () => {
      this.cancelRetry = null;
      this.inBackground(this.retry());
    });
  }

  /**
   * A retry nobody awaits: when the device's storage throws (full, locked), it ends as a
   * `storage` stop that schedules the next try, instead of an unhandled rejection.
   */
  private inBackground(work: Promise<void>): void {
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      this.after("push", { kind: "storage", message: `Saving the outbox failed: ${message}` });
    });
  }

  /** Does again what stopped for a passing reason. */
  protected async retry(): Promise<void> {
    if (this.closed) return;
    if (this.want.push) await this.flush();
  }

  /** The link is back: whatever waits goes now, not when the backoff would have said. */
  private async retryNow(): Promise<void> {
    if (this.closed) return;
    this.cancelRetry?.();
    this.cancelRetry = null;
    if (!this.want.push && (await this.pending()) > 0) this.want.push = true;
    await this.retry();
  }
}

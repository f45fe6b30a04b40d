// The sync client every device runs: the outbox, the push and pull loops, retries with backoff
// (or Retry-After), an immediate retry when the link comes back, and listeners for the UI.
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
import type { MutationBody, SyncKind } from "./protocol.ts";
import { type PullConsumer, PullLoop, type PullReport } from "./pullLoop.ts";
import { type AckEvent, type FlushReport, PushLoop } from "./pushLoop.ts";
import { isTransient, type StopReason } from "./stopReason.ts";

export interface SyncClientOptions {
  store: KeyValueStore;
  transport: SyncTransport;
  scheduler: Scheduler;
  clock: Clock;
  /** Backoff jitter; `Math.random` when absent. */
  random?: RandomSource;
  /** Share one lock among every instance over the same store (Web Locks across tabs). */
  lock?: Lock;
  /** Store key of the outbox; the pull cursor's key derives from it. */
  key?: string;
  codec?: OutboxCodec;
  /** What to pull, for clients that keep a copy; `kinds` filters (the phone: plans, settings). */
  pull?: { consumer: PullConsumer; kinds?: readonly SyncKind[]; limit?: number; maxPages?: number };
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

export class SyncClient {
  readonly outbox: Outbox;
  private readonly hub = new SyncEventHub();
  private readonly pusher: PushLoop;
  private readonly puller: PullLoop | null;
  private readonly backoff: Backoff;
  private readonly want = { push: false, pull: false };
  private cancelRetry: (() => void) | null = null;
  private readonly unlisten: (() => void) | null;
  private closed = false;

  constructor(private readonly opts: SyncClientOptions) {
    const lock = opts.lock ?? createLocalLock();
    this.outbox = new Outbox({
      store: opts.store,
      lock,
      clock: opts.clock,
      key: opts.key,
      codec: opts.codec,
      onChange: (n) => this.hub.emit("pending", n),
    });
    this.pusher = new PushLoop({
      outbox: this.outbox,
      transport: opts.transport,
      lock,
      maxMutations: opts.maxMutations,
      maxBytes: opts.maxBytes,
      onSettled: (e) => this.hub.settled(e),
    });
    this.puller = opts.pull
      ? new PullLoop({
          ...opts.pull,
          store: opts.store,
          transport: opts.transport,
          lock,
          key: this.outbox.key,
          beforeReset: async () => (await this.pusher.flush()).stopped ?? null,
          onPage: (p) => {
            // A hint only: a failed write here changes nothing the next push relies on.
            this.outbox.reconcile(p.deviceId ?? null, p.lastSeq).catch(() => undefined);
          },
        })
      : null;
    this.backoff = new Backoff({ random: opts.random ?? Math.random, ...opts.backoff });
    this.unlisten = opts.transport.onLinkBack?.(() => void this.retryNow()) ?? null;
  }

  on<K extends keyof SyncEvents>(event: K, listener: (value: SyncEvents[K]) => void): () => void {
    return this.hub.on(event, listener);
  }

  /** Stores mutations for the next push (nothing is sent). */
  enqueue(bodies: readonly MutationBody[], mark?: string): Promise<QueuedMutation[]> {
    return this.outbox.enqueue(bodies, mark);
  }

  /** Stores the mutations, then pushes everything queued; reports each given mutation's ack. */
  async push(bodies: readonly MutationBody[]): Promise<PushResult> {
    const queued = await this.enqueue(bodies);
    const report = await this.flush();
    const byId = new Map(report.settled.map((e) => [e.id, e]));
    const out: PushResult = { queued, acks: queued.map((q) => byId.get(q.id)) };
    if (report.stopped) out.stopped = report.stopped;
    return out;
  }

  /** Pushes everything queued; a passing failure schedules a retry. */
  async flush(): Promise<FlushReport> {
    const report = await this.pusher.flush();
    this.after("push", report.stopped);
    return report;
  }

  /** Pulls every change since the saved cursor into the consumer. */
  async pull(): Promise<PullReport> {
    if (this.puller === null) throw new Error("this sync client was made without a pull consumer");
    const report = await this.puller.pull();
    this.after("pull", report.stopped);
    return report;
  }

  /** Push, then pull (when the client pulls). */
  async sync(): Promise<{ push: FlushReport; pull?: PullReport }> {
    const push = await this.flush();
    return this.puller ? { push, pull: await this.pull() } : { push };
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

  /** The server's word on this device from elsewhere (a rendered page's device id and last_seq). */
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

  private after(what: "push" | "pull", stopped: StopReason | undefined): void {
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
      void this.retry();
    });
  }

  private async retry(): Promise<void> {
    if (this.closed) return;
    if (this.want.push) await this.flush();
    if (this.want.pull && this.puller) await this.pull();
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

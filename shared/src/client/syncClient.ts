// The sync client for devices that keep a pulled copy (the phone, scripts, soak devices): the
// push client plus the pull loop, with its retries, a reset that pushes the outbox first, and
// the pulled pages' word on this device's numbering. Push-only clients use PushClient and never
// load the pull loop.
import type { SyncKind } from "./protocol.ts";
import { type PullConsumer, PullLoop, type PullReport } from "./pullLoop.ts";
import { PushClient, type PushClientOptions } from "./pushClient.ts";
import type { FlushReport } from "./pushLoop.ts";

export type { PushResult } from "./pushClient.ts";

export interface SyncClientOptions extends PushClientOptions {
  /** What to pull, for clients that keep a copy; `kinds` filters (the phone: plans, settings). */
  pull?: { consumer: PullConsumer; kinds?: readonly SyncKind[]; limit?: number; maxPages?: number };
}

export class SyncClient extends PushClient {
  private readonly puller: PullLoop | null;

  constructor(opts: SyncClientOptions) {
    super(opts);
    this.puller = opts.pull
      ? new PullLoop({
          ...opts.pull,
          store: opts.store,
          transport: opts.transport,
          lock: this.lock,
          key: this.outbox.key,
          beforeReset: async () => (await this.pusher.flush()).stopped ?? null,
          onPage: (p) => {
            // A hint only: a failed write here changes nothing the next push relies on.
            this.outbox.reconcile(p.deviceId ?? null, p.lastSeq).catch(() => undefined);
          },
        })
      : null;
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

  protected override async retry(): Promise<void> {
    await super.retry();
    if (!this.closed && this.want.pull && this.puller) await this.pull();
  }
}

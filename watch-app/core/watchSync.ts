// The watch's side of the phone link: drains the outbox to the phone in budgeted pushes,
// applies acks and rebases, fetches today's plan and the pairing state, and backs off while
// the phone is away. One request at a time; nothing is lost when a reply never comes.
import { Backoff } from "./backoff.ts";
import type { Outbox, RejectedMutation } from "./outbox.ts";
import type { Clock, KeyValueStore, PhoneLink, RandomSource } from "./ports.ts";
import type { TodayPlan } from "./todayPlan.ts";
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodePhoneReply,
  encodePushChunk,
  encodeWatchRequest,
  type LinkErrorCode,
  type PairingView,
  type PhoneReply,
  WatchLinkError,
  type WatchRequest,
} from "./watchLink.ts";

/** Why the last exchange did not complete: a phone reply code, or no reply at all. */
export type SyncProblem = LinkErrorCode | "phone_away";

export interface SyncStatus {
  /** Outbox items waiting, and how many of them are logged sets. */
  pendingItems: number;
  pendingSets: number;
  /** null until the phone has said. */
  paired: boolean | null;
  /** Watch-clock time of the last confirmed sync. */
  lastSyncAtMs: number | null;
  problem: SyncProblem | null;
  rejected: readonly RejectedMutation[];
  canStartSession: boolean;
}

export interface PairingProgress extends PairingView {
  /** Watch-clock time the view arrived, to count `expiresInS` down locally. */
  receivedAtMs: number;
}

export interface WatchSyncDeps {
  link: PhoneLink;
  outbox: Outbox;
  store: KeyValueStore;
  clock: Clock;
  random: RandomSource;
  maxMessageBytes?: number;
  key?: string;
}

export const DEFAULT_SYNC_KEY = "runstrong.sync";
/** A push session never loops forever, whatever the phone answers. */
const MAX_EXCHANGES_PER_SYNC = 100;

interface StoredSync {
  paired: boolean | null;
  lastSyncAtMs: number | null;
  /** Plan days the phone sent, by ISO weekday, all from the plan `planId`. */
  planId: string | null;
  days: Record<string, TodayPlan>;
}

export class WatchSync {
  private saved: StoredSync = { paired: null, lastSyncAtMs: null, planId: null, days: {} };
  private problem: SyncProblem | null = null;
  private busy = false;
  private nextAttemptAtMs = 0;
  private readonly backoff: Backoff;
  private readonly key: string;
  pairing: PairingProgress | null = null;

  constructor(private readonly deps: WatchSyncDeps) {
    this.key = deps.key ?? DEFAULT_SYNC_KEY;
    // The phone being away is the normal case: start at 15 s, settle at 5 min.
    this.backoff = new Backoff({ baseMs: 15_000, maxMs: 5 * 60_000, random: deps.random });
    const text = deps.store.getItem(this.key);
    if (text != null) {
      try {
        this.saved = { ...this.saved, ...(JSON.parse(text) as StoredSync) };
      } catch {
        // A lost cache only costs a refetch.
      }
    }
  }

  private save(): void {
    try {
      this.deps.store.setItem(this.key, JSON.stringify(this.saved));
    } catch {
      // Cache only: the outbox holds what matters.
    }
  }

  status(): SyncStatus {
    const pending = this.deps.outbox.pending();
    return {
      pendingItems: pending.length,
      pendingSets: pending.filter((i) => i.mutation.op === "set.log").length,
      paired: this.saved.paired,
      lastSyncAtMs: this.saved.lastSyncAtMs,
      problem: this.problem,
      rejected: this.deps.outbox.rejected(),
      canStartSession: this.deps.outbox.usage().canStartSession,
    };
  }

  /** The plan day cached for an ISO weekday, if the phone ever sent it. */
  cachedToday(weekday: number): TodayPlan | null {
    return this.saved.days[String(weekday)] ?? null;
  }

  /** True when a push is worth trying now (something pending, not backing off, not busy). */
  due(): boolean {
    return !this.busy && this.deps.outbox.size > 0 && this.deps.clock.now() >= this.nextAttemptAtMs;
  }

  private async exchange(req: WatchRequest | string): Promise<PhoneReply | null> {
    const message = typeof req === "string" ? req : encodeWatchRequest(req);
    let text: string;
    try {
      text = await this.deps.link.request(message);
    } catch {
      this.problem = "phone_away";
      return null;
    }
    try {
      return decodePhoneReply(text);
    } catch (e) {
      this.problem =
        e instanceof WatchLinkError && e.code === "version" ? "version" : "bad_request";
      return null;
    }
  }

  private waitBeforeRetry(afterS?: number): void {
    const ms = afterS === undefined ? this.backoff.next() : afterS * 1000;
    this.nextAttemptAtMs = this.deps.clock.now() + ms;
  }

  private confirmSynced(): void {
    this.problem = null;
    this.saved.paired = true;
    this.saved.lastSyncAtMs = this.deps.clock.now();
    this.backoff.reset();
    this.nextAttemptAtMs = 0;
    this.save();
  }

  /**
   * A status or plan answer proves the phone is reachable, not that pushes get through: while
   * sets wait, a server-side reason from the last push stays on screen until a push succeeds.
   */
  private linkAnswered(): void {
    const pushTrouble =
      this.problem === "offline" || this.problem === "server" || this.problem === "rate_limited";
    if (!pushTrouble || this.deps.outbox.size === 0) this.problem = null;
  }

  /** Reacts to an error reply: remembers it and schedules the next attempt. */
  private onError(reply: Extract<PhoneReply, { type: "error" }>): void {
    this.problem = reply.code;
    if (reply.code === "unpaired") {
      this.saved.paired = false;
      this.save();
    }
    this.waitBeforeRetry(reply.retryAfterS);
  }

  /**
   * Pushes the outbox until it is empty or the phone cannot take more now. Items leave the
   * outbox only on an `acks` reply in the current numbering; a lost reply just means the same
   * items go again (the server answers `duplicate`).
   */
  async pushAll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let n = 0; n < MAX_EXCHANGES_PER_SYNC; n++) {
        const pending = this.deps.outbox.pending();
        const first = pending[0];
        if (first === undefined) return;
        const stream = this.deps.outbox.stream;
        const { message } = encodePushChunk(stream, pending, {
          maxBytes: this.deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        });
        const reply = await this.exchange(message);
        if (reply === null) {
          this.waitBeforeRetry();
          return;
        }
        const current = this.deps.outbox.stream.generation;
        if (reply.type === "acks" && reply.generation === current) {
          const removed = this.deps.outbox.acknowledge(reply.upToSeq, reply.problems);
          if (removed > 0) this.confirmSynced();
          if (reply.retry !== undefined) {
            this.problem = reply.retry.reason;
            this.waitBeforeRetry(reply.retry.afterS);
            return;
          }
          if (removed === 0) {
            // The phone answered but took nothing: do not spin on it.
            this.problem = "server";
            this.waitBeforeRetry();
            return;
          }
        } else if (
          reply.type === "rebase" &&
          reply.generation === current &&
          reply.firstSeq === this.deps.outbox.pending()[0]?.seq
        ) {
          this.deps.outbox.rebase(reply.expectedSeq);
        } else if (reply.type === "error") {
          this.onError(reply);
          return;
        } else {
          // A reply about another numbering or an unexpected kind: try again later.
          this.problem = "bad_request";
          this.waitBeforeRetry();
          return;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  /** Pushes if due; returns the running push so a shell may await it, else null. */
  maybePush(): Promise<void> | null {
    return this.due() ? this.pushAll() : null;
  }

  /** Asks the phone whether it is paired and when it last reached the server. */
  async refreshStatus(): Promise<void> {
    const reply = await this.exchange({ type: "status" });
    if (reply?.type !== "status") {
      if (reply?.type === "error") this.onError(reply);
      return;
    }
    this.linkAnswered();
    this.saved.paired = reply.paired;
    if (reply.lastSyncAgoS !== null) {
      const at = this.deps.clock.now() - reply.lastSyncAgoS * 1000;
      // The phone's sync counts for the home screen only when nothing is waiting here.
      if (this.deps.outbox.size === 0 && at > (this.saved.lastSyncAtMs ?? -Infinity)) {
        this.saved.lastSyncAtMs = at;
      }
    }
    this.save();
  }

  /** Fetches the plan day for `weekday`; on failure the cached one stays. */
  async refreshToday(weekday: number): Promise<TodayPlan | null> {
    const reply = await this.exchange({ type: "get_today", weekday });
    if (reply?.type !== "today") {
      if (reply?.type === "error") this.onError(reply);
      return this.cachedToday(weekday);
    }
    const today = reply.today;
    if (today.planId !== this.saved.planId) {
      // Another plan (or none): days cached from the old one no longer apply.
      this.saved.planId = today.planId;
      this.saved.days = {};
    }
    this.saved.days[String(today.weekday)] = today;
    this.saved.paired = true;
    this.linkAnswered();
    this.save();
    return today;
  }

  private onPairing(reply: PhoneReply | null): PairingProgress | null {
    if (reply?.type === "pairing") {
      const { type: _type, ...view } = reply;
      this.pairing = { ...view, receivedAtMs: this.deps.clock.now() };
      if (view.state === "paired") {
        this.saved.paired = true;
        this.problem = null;
        // Push at once: the outbox was waiting for this.
        this.nextAttemptAtMs = 0;
        this.backoff.reset();
        this.save();
      }
    } else if (reply?.type === "error") {
      this.onError(reply);
    }
    return this.pairing;
  }

  async startPairing(deviceName: string): Promise<PairingProgress | null> {
    this.pairing = null;
    return this.onPairing(await this.exchange({ type: "pair_start", name: deviceName }));
  }

  async pollPairing(): Promise<PairingProgress | null> {
    return this.onPairing(await this.exchange({ type: "pair_poll" }));
  }

  get lastProblem(): SyncProblem | null {
    return this.problem;
  }
}

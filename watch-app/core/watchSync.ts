// The watch's side of the phone link: drains the outbox to the phone in budgeted pushes,
// applies acks and rebases, fetches the week of sessions (by date, so a week without the phone
// still offers each day's own) and the pairing state, and backs off while the phone is away.
// One request at a time; nothing is lost when a reply never comes.
import { Backoff } from "./backoff.ts";
import type { Outbox, RejectedMutation } from "./outbox.ts";
import type { Clock, KeyValueStore, PhoneLink, RandomSource } from "./ports.ts";
import type { LocalDay, TodayPlan } from "./todayPlan.ts";
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
  /**
   * Sessions the phone sent, all from the plan `planId`: by local date ("2025-01-06"), by ISO
   * weekday ("1", from phones that answer by weekday only), or under NO_PLAN alone.
   */
  planId: string | null;
  days: Record<string, TodayPlan>;
  /** The phone's `rev` of the week last fetched in full. */
  rev?: number;
}

/** The key of the one answer kept when the runner has no plan: it holds for every day. */
const NO_PLAN = "none";

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

  /** The session cached for a day: by its date, else by its weekday (older phones), if any. */
  cachedDay(day: LocalDay): TodayPlan | null {
    const days = this.saved.days;
    return days[day.date] ?? days[String(day.weekday)] ?? days[NO_PLAN] ?? null;
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

  /** Keeps one answer; another plan (or none) drops what came from the old one. */
  private keep(today: TodayPlan, firstDate: string): void {
    if (today.planId !== this.saved.planId) {
      this.saved.planId = today.planId;
      this.saved.days = {};
      delete this.saved.rev;
    }
    const days = this.saved.days;
    // Dates before today will not be asked for again.
    for (const key of Object.keys(days)) if (key.length === 10 && key < firstDate) delete days[key];
    days[today.planId === null ? NO_PLAN : (today.date ?? String(today.weekday))] = today;
  }

  /**
   * Fetches the sessions of `days` (today first, then the following dates), one request each,
   * stopping when the phone does not answer; the cached ones stay. `syncNow`: the runner asked,
   * so the phone looks for plan changes on the server first. When today's answer carries
   * the `rev` of the week already held in full, or says there is no plan, the rest is skipped.
   */
  async refreshWeek(days: readonly LocalDay[], syncNow = false): Promise<void> {
    const first = days[0];
    if (first === undefined) return;
    let rev: number | undefined;
    for (const day of days) {
      const sync = syncNow && day === first ? { sync: true as const } : {};
      const reply = await this.exchange({ type: "get_today", ...day, ...sync });
      if (reply?.type !== "today") {
        if (reply?.type === "error") this.onError(reply);
        this.save();
        return;
      }
      this.keep(reply.today, first.date);
      this.saved.paired = true;
      this.linkAnswered();
      if (day === first) {
        rev = reply.rev;
        const held = days.every((d) => this.saved.days[d.date] !== undefined);
        if (reply.today.planId === null || (rev !== undefined && rev === this.saved.rev && held)) {
          break;
        }
      }
    }
    if (rev === undefined) delete this.saved.rev;
    else this.saved.rev = rev;
    this.save();
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

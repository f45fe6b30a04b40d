// The watch's side of the phone link: the outbox is handed to the phone (watch/handOff.ts), which
// runs the shared push client; retries wait out a backoff on the app's tick and go at once when
// the phone answers again. Besides, the week of sessions (by date, so a week without the phone
// still offers each day's own) and the pairing state. Nothing is lost when a reply never comes.
import { Backoff } from "@runstrong/shared/client";
import type { LocalDay, TodayPlan } from "../link/todayPlan.ts";
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  type LinkErrorCode,
  type PairingView,
  type PhoneReply,
  type RefusedItem,
  type TakenReply,
} from "../link/watchLink.ts";
import type { Clock, LocalStore, PhoneLink, RandomSource } from "../ports.ts";
import { HandOff } from "./handOff.ts";
import { DEFAULT_OUTBOX_MAX_BYTES, HandOffQueue, outboxUsage } from "./handOffQueue.ts";
import { PhoneChannel, type SyncProblem } from "./phoneChannel.ts";
import { TickScheduler } from "./tickScheduler.ts";

export type { SyncProblem } from "./phoneChannel.ts";

/** A mutation the server (or the phone's client, for one it cannot send) refused. */
export type RejectedMutation = RefusedItem;

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
  store: LocalStore;
  clock: Clock;
  random: RandomSource;
  maxMessageBytes?: number;
  key?: string;
  /** Soft ceiling of the outbox on watch storage (default 32 KB). */
  outboxMaxBytes?: number;
  /** Something shown changed in the background (a hand-off settled or stopped). */
  onChange?: () => void;
}

export const DEFAULT_SYNC_KEY = "runstrong.sync";

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
  /** What the phone last said waits there for the server, and what it refused. */
  phone?: PhoneBacklog;
}

type PhoneBacklog = { items: number; sets: number; refused: RefusedItem[]; why?: LinkErrorCode };

/** The key of the one answer kept when the runner has no plan: it holds for every day. */
const NO_PLAN = "none";

/** Hand-off retries while the phone is away or holds sets: 15 s at first, settling at 5 min. */
const RETRY_BACKOFF = { baseMs: 15_000, maxMs: 5 * 60_000 };

export class WatchSync {
  /** The queue the session writes to and the phone takes from. */
  readonly queue: HandOffQueue;
  private readonly channel: PhoneChannel;
  private readonly handOff: HandOff;
  private readonly scheduler: TickScheduler;
  private readonly backoff: Backoff;
  private cancelRetry: (() => void) | null = null;
  private saved: StoredSync = { paired: null, lastSyncAtMs: null, planId: null, days: {} };
  /** What the last exchange ran into. */
  private problem: SyncProblem | null = null;
  private readonly key: string;
  /** The hand-off under way and the one waiting to start (see pushAll). */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  pairing: PairingProgress | null = null;

  constructor(private readonly deps: WatchSyncDeps) {
    this.key = deps.key ?? DEFAULT_SYNC_KEY;
    this.channel = new PhoneChannel(deps.link);
    this.scheduler = new TickScheduler(deps.clock);
    this.backoff = new Backoff({ random: deps.random, ...RETRY_BACKOFF });
    this.queue = new HandOffQueue(deps.store, deps.random, () => deps.onChange?.());
    this.handOff = new HandOff({
      queue: this.queue,
      channel: this.channel,
      maxMessageBytes: deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    });
    // The phone answers again: what waits goes now, not when the backoff would have said.
    this.channel.onBack(() => void this.pushAll());
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
    const here = this.queue.waiting();
    const phone = this.saved.phone;
    // Items still here wait for the phone to answer; items there wait for the server.
    const problem =
      here.items > 0 && this.channel.problem !== null
        ? this.channel.problem
        : phone !== undefined && phone.items > 0 && phone.why !== undefined
          ? phone.why
          : this.problem;
    return {
      pendingItems: here.items + (phone?.items ?? 0),
      pendingSets: here.sets + (phone?.sets ?? 0),
      paired: this.saved.paired,
      lastSyncAtMs: this.saved.lastSyncAtMs,
      problem,
      rejected: phone?.refused ?? [],
      canStartSession: this.canStartSession(),
    };
  }

  /** False once the stored outbox leaves less than a session's worth of room. */
  canStartSession(): boolean {
    return outboxUsage(this.queue.bytes, this.deps.outboxMaxBytes ?? DEFAULT_OUTBOX_MAX_BYTES)
      .canStartSession;
  }

  /** The session cached for a day: by its date, else by its weekday (older phones), if any. */
  cachedDay(day: LocalDay): TodayPlan | null {
    const days = this.saved.days;
    return days[day.date] ?? days[String(day.weekday)] ?? days[NO_PLAN] ?? null;
  }

  /** Runs what fell due (a hand-off retry after its backoff); call on every app tick. */
  tick(): void {
    this.scheduler.tick();
  }

  private async exchange(req: Parameters<PhoneChannel["exchange"]>[0]): Promise<PhoneReply | null> {
    const reply = await this.channel.exchange(req);
    this.problem = reply?.type === "error" ? reply.code : this.channel.problem;
    if (reply?.type === "error" && reply.code === "unpaired") {
      this.saved.paired = false;
      this.save();
    }
    return reply;
  }

  /** Takes the phone's word on what it holds; everything on the server means synced now. */
  private onTaken(reply: TakenReply, hadWaiting: boolean): void {
    const phone: PhoneBacklog = {
      items: reply.waitingItems,
      sets: reply.waitingSets,
      refused: reply.refused,
    };
    if (reply.why !== undefined) phone.why = reply.why;
    this.saved.phone = phone;
    if (reply.why === "unpaired") this.saved.paired = false;
    else {
      this.saved.paired = true;
      if (hadWaiting && reply.waitingItems === 0) this.saved.lastSyncAtMs = this.deps.clock.now();
    }
    this.save();
  }

  /**
   * Hands the outbox to the phone now (or, with nothing here, asks what still waits there); when
   * the phone is away or still holds sets, asks again after the backoff, or at once when the
   * phone answers again.
   */
  pushAll(): Promise<void> {
    // A run under way may have read the outbox before the newest items: one more follows it,
    // shared by every caller until it starts (no pile-up of runs on a slow link).
    if (this.queued !== null) return this.queued;
    const run = async () => {
      const hadWaiting = this.queue.waiting().items > 0 || (this.saved.phone?.items ?? 0) > 0;
      const reply = await this.handOff.run();
      this.problem = reply === null ? this.channel.problem : null;
      if (reply !== null) this.onTaken(reply, hadWaiting);
      this.afterRun(reply);
    };
    const start = (): Promise<void> => {
      const done = run().then(
        () => undefined,
        () => undefined,
      );
      this.running = done;
      void done.then(() => {
        if (this.running === done) this.running = null;
        this.deps.onChange?.();
      });
      return done;
    };
    if (this.running === null) return start();
    const next = this.running.then(() => {
      this.queued = null;
      return start();
    });
    this.queued = next;
    return next;
  }

  /** Schedules the next try while something waits (here or on the phone). */
  private afterRun(reply: TakenReply | null): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
    const waitsHere = this.queue.waiting().items > 0;
    const waitsThere = reply !== null && reply.waitingItems > 0 && reply.why !== "unpaired";
    if (!(reply === null ? waitsHere : waitsHere || waitsThere)) {
      this.backoff.reset();
      return;
    }
    this.cancelRetry = this.scheduler.schedule(this.backoff.next(), () => {
      this.cancelRetry = null;
      void this.pushAll();
    });
  }

  /** Asks the phone whether it is paired and when it last reached the server. */
  async refreshStatus(): Promise<void> {
    const reply = await this.exchange({ type: "status" });
    if (reply?.type !== "status") return;
    this.saved.paired = reply.paired;
    if (reply.lastSyncAgoS !== null) {
      const at = this.deps.clock.now() - reply.lastSyncAgoS * 1000;
      // The phone's sync counts for the home screen only when nothing is waiting.
      const waiting = this.queue.waiting().items + (this.saved.phone?.items ?? 0);
      if (waiting === 0 && at > (this.saved.lastSyncAtMs ?? -Infinity)) {
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
        this.save();
        return;
      }
      this.keep(reply.today, first.date);
      this.saved.paired = true;
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
        this.save();
        // Push at once: the outbox was waiting for this.
        void this.pushAll();
      }
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

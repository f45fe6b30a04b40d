// The phone side of the watch app, platform-free: answers the watch's messages by talking to
// the sync service — pairing, taking the watch's sets into the phone's outbox, which the shared
// push client sends with the Bearer token (phone/phoneOutbox.ts), and serving each day's
// session from the week of GET /plans/today answers.
import { Backoff, isTransient as stopIsTransient } from "@runstrong/shared/client";
import type { Platform } from "@runstrong/shared/schemas";
import type { SequencedMutation } from "../link/mutationBatch.ts";
import { type LocalDay, localDays, noPlanToday, todayFromSession } from "../link/todayPlan.ts";
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeWatchRequest,
  encodePhoneReplyWithin,
  type PhoneReply,
  type ReceivedWatchRequest,
  type RetryReason,
  WatchLinkError,
} from "../link/watchLink.ts";
import type { Clock, HttpClient, RandomSource, Scheduler, SettingsStore } from "../ports.ts";
import { PhoneOutbox } from "./phoneOutbox.ts";
import { PhonePairing, readToken, TOKEN_KEY } from "./phonePairing.ts";
import { PlanMirror, type PullOutcome } from "./planMirror.ts";
import { PlanWeek } from "./planWeek.ts";
import {
  type ApiFailure,
  DEFAULT_SERVER_URL,
  failureOf,
  isTransient,
  normaliseServerUrl,
  ServerApi,
} from "./serverApi.ts";

export interface PhoneRelayDeps {
  http: HttpClient;
  settings: SettingsStore;
  scheduler: Scheduler;
  clock: Clock;
  /** The platform the server records for the paired device. */
  platform: Platform;
  random?: RandomSource;
  /** Budget of each reply to the watch (Fitbit's peerSocket needs ~1000). */
  maxMessageBytes?: number;
  /** get_today pulls first when the copy is older than this. */
  pullMaxAgeMs?: number;
}

export const SERVER_URL_KEY = "runstrong.serverUrl";
/** Where the phone of an earlier version kept the watch's seq binding (removed on unpair). */
const STREAM_KEY = "runstrong.stream";
const LAST_SYNC_KEY = "runstrong.lastSync";
const DEFAULT_PULL_MAX_AGE_MS = 10 * 60_000;
/** A runner's "sync now" pulls unless the last pull is younger than this (repeated taps). */
const SYNC_NOW_MIN_PULL_MS = 5_000;
/** The week the watch carries away: today and the six following dates. */
export const WEEK_LENGTH = 7;

export class PhoneRelay {
  readonly pairing: PhonePairing;
  /** The watch's sets on their way to the server (the one push loop of the watch app). */
  readonly outbox: PhoneOutbox;
  private readonly api: ServerApi;
  private readonly mirror: PlanMirror;
  private readonly week: PlanWeek;
  /** Wait advised to the watch for calls that failed for a passing reason. */
  private readonly retryBackoff: Backoff;
  private readonly pullBackoff: Backoff;
  private cancelPullRetry: (() => void) | null = null;
  /** Watch requests are handled one at a time so pushes never overlap. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly maxBytes: number;

  private constructor(private readonly deps: PhoneRelayDeps) {
    const random = deps.random ?? Math.random;
    this.api = new ServerApi(deps.http, () => this.serverUrl());
    this.mirror = new PlanMirror({ api: this.api, settings: deps.settings, clock: deps.clock });
    this.week = new PlanWeek({ api: this.api, settings: deps.settings, clock: deps.clock });
    this.retryBackoff = new Backoff({ random });
    this.pullBackoff = new Backoff({ random });
    this.maxBytes = deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.outbox = new PhoneOutbox({
      api: this.api,
      settings: deps.settings,
      scheduler: deps.scheduler,
      clock: deps.clock,
      random,
      onUnauthorized: () => this.forgetToken(),
      onSynced: () => this.markSynced(),
    });
    this.pairing = new PhonePairing({
      api: this.api,
      settings: deps.settings,
      scheduler: deps.scheduler,
      clock: deps.clock,
      random,
      platform: deps.platform,
      onPaired: () => this.onPaired(),
    });
  }

  /** Loads saved state and resumes a pairing left under way. */
  static async open(deps: PhoneRelayDeps): Promise<PhoneRelay> {
    const relay = new PhoneRelay(deps);
    await relay.mirror.load();
    await relay.week.load();
    await relay.pairing.resume();
    return relay;
  }

  async serverUrl(): Promise<string> {
    return (await this.deps.settings.get(SERVER_URL_KEY)) ?? DEFAULT_SERVER_URL;
  }

  /** Another server is another account: the token, binding and plan copy go with the old one. */
  async setServerUrl(url: string): Promise<void> {
    const next = normaliseServerUrl(url);
    if (!/^https?:\/\/[^\s/]+/i.test(next)) {
      throw new Error(
        `not a server address: ${JSON.stringify(url)} (expected http:// or https://)`,
      );
    }
    if (next === normaliseServerUrl(await this.serverUrl())) return;
    await this.deps.settings.set(SERVER_URL_KEY, next);
    await this.unpair();
  }

  /**
   * Drops the token and the plan copy. The watch's sets taken here stay and go with the next
   * pairing (as they would have stayed on the watch).
   */
  async unpair(): Promise<void> {
    // A pairing under way would otherwise store a token again and undo the unpair.
    this.pairing.stop();
    await this.deps.settings.remove(LAST_SYNC_KEY);
    await this.deps.settings.remove(TOKEN_KEY);
    await this.deps.settings.remove(STREAM_KEY);
    await this.mirror.clear();
    await this.week.clear();
  }

  private async onPaired(): Promise<void> {
    // A new device on the server starts at seq 0 and may belong to another user.
    await this.deps.settings.remove(STREAM_KEY);
    await this.mirror.clear();
    await this.week.clear();
    const token = await readToken(this.deps.settings);
    if (token !== null) await this.outbox.paired(token.device_id);
    await this.pullNow();
  }

  /** Answers one watch message; never rejects (a failure is an error reply). */
  handle(message: string): Promise<string> {
    const run = this.queue.then(() => this.answer(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async answer(message: string): Promise<string> {
    let req: ReceivedWatchRequest;
    try {
      req = decodeWatchRequest(message);
    } catch (e) {
      const version = e instanceof WatchLinkError && e.code === "version";
      return this.reply({
        type: "error",
        code: version ? "version" : "bad_request",
        message: (e as Error).message,
      });
    }
    try {
      return this.reply(await this.route(req));
    } catch (e) {
      // A bug or a storage failure on the phone: the watch keeps everything and retries.
      return this.reply({ type: "error", code: "server", message: (e as Error).message });
    }
  }

  private reply(reply: PhoneReply): string {
    return encodePhoneReplyWithin(reply, this.maxBytes);
  }

  private async route(req: ReceivedWatchRequest): Promise<PhoneReply> {
    switch (req.type) {
      case "hand_off":
        return this.handOff(req.stream, req.items);
      case "status":
        return this.status();
      case "pair_start": {
        const started = await this.pairing.start(req.name);
        if ("state" in started) return { type: "pairing", ...started };
        return this.failureReply(started);
      }
      case "pair_poll":
        return { type: "pairing", ...(await this.pairingView()) };
      case "get_today":
        return this.today(req.weekday, req.date, req.sync === true);
    }
  }

  private async pairingView() {
    const view = this.pairing.view();
    if (view.state === "pending" || view.state === "denied" || view.state === "expired") {
      return view;
    }
    return { state: (await readToken(this.deps.settings)) === null ? "idle" : "paired" } as const;
  }

  private async status(): Promise<PhoneReply> {
    const token = await readToken(this.deps.settings);
    const last = Number(await this.deps.settings.get(LAST_SYNC_KEY));
    const lastSyncAgoS =
      last > 0 ? Math.max(0, Math.floor((this.deps.clock.now() - last) / 1000)) : null;
    return { type: "status", paired: token !== null, lastSyncAgoS };
  }

  /** A revoked or expired token: the watch must pair again; its outbox keeps every item. */
  private async forgetToken(): Promise<void> {
    await this.deps.settings.remove(TOKEN_KEY);
    await this.deps.settings.remove(STREAM_KEY);
  }

  private async markSynced(): Promise<void> {
    await this.deps.settings.set(LAST_SYNC_KEY, String(this.deps.clock.now()));
  }

  /** Maps a failed call to the watch's vocabulary; a 401 also forgets the dead token. */
  private async failureReply(res: ApiFailure): Promise<PhoneReply> {
    if (res.kind === "error" && res.status === 401) {
      await this.forgetToken();
      return { type: "error", code: "unpaired", message: res.message };
    }
    const retry = this.retryAdvice(res);
    if (retry !== null) {
      return { type: "error", code: retry.reason, message: res.message, retryAfterS: retry.afterS };
    }
    return { type: "error", code: "bad_request", message: res.message };
  }

  /** For a transient failure: why, and when the watch should try again. */
  private retryAdvice(res: ApiFailure): { reason: RetryReason; afterS: number } | null {
    if (!isTransient(res)) return null;
    if (res.kind === "error" && res.status === 429) {
      return {
        reason: "rate_limited",
        afterS: res.retryAfterS ?? Math.ceil(this.retryBackoff.next() / 1000),
      };
    }
    const afterS = Math.ceil(this.retryBackoff.next() / 1000);
    return { reason: res.kind === "network" ? "offline" : "server", afterS };
  }

  // ---- sets from the watch ----

  /**
   * Takes the watch's items into the phone's outbox (durably, once each), pushes what waits for
   * a while, and tells the watch how far it may forget its items and what still waits here.
   */
  private async handOff(stream: string, items: SequencedMutation[]): Promise<PhoneReply> {
    const upTo = await this.outbox.take(stream, items);
    if ((await this.outbox.client.pending()) > 0) await this.outbox.push();
    return this.outbox.reply(upTo);
  }

  // ---- pull and today ----

  /** Pulls now; on a transient failure retries in the background with backoff. */
  async pullNow(): Promise<PullOutcome> {
    const token = await readToken(this.deps.settings);
    if (token === null) {
      return { ok: false, stopped: { kind: "unauthorized", message: "Not paired." } };
    }
    this.cancelPullRetry?.();
    this.cancelPullRetry = null;
    const outcome = await this.mirror.pull(token.access_token);
    if (outcome.ok) {
      if (outcome.changed) this.week.markStale();
      this.pullBackoff.reset();
      await this.markSynced();
    } else if (stopIsTransient(outcome.stopped)) {
      const stop = outcome.stopped;
      const waitMs =
        stop.kind === "rate_limited" && stop.retryAfterMs !== null
          ? stop.retryAfterMs
          : this.pullBackoff.next();
      this.cancelPullRetry = this.deps.scheduler.schedule(waitMs, () => {
        this.cancelPullRetry = null;
        void this.pullNow();
      });
    } else if (outcome.stopped.kind === "unauthorized") {
      await this.forgetToken();
    }
    return outcome;
  }

  /** Where a runner without a plan builds one: the server's address without its scheme. */
  private async planAt(): Promise<string> {
    return `${normaliseServerUrl(await this.serverUrl()).replace(/^https?:\/\//i, "")}/plan`;
  }

  /**
   * The session for one of the watch's days (by date; by weekday within this week for watches
   * that send no date). The answers of GET /plans/today come first; the pulled plan's day by
   * weekday only stands in when the server is out of reach and nothing is stored for the date.
   */
  private async today(weekday: number, date?: string, syncNow = false): Promise<PhoneReply> {
    const token = await readToken(this.deps.settings);
    const now = this.deps.clock.now();
    const pulledAt = this.mirror.pulledAtMs;
    // Asked to sync now, the phone pulls (a single request when nothing changed) unless it
    // has just done so.
    const maxAge = syncNow
      ? SYNC_NOW_MIN_PULL_MS
      : (this.deps.pullMaxAgeMs ?? DEFAULT_PULL_MAX_AGE_MS);
    let failure: ApiFailure | null = null;
    // The pull notices plan and settings changes; it also feeds the fallback below.
    if (token !== null && (pulledAt === null || now - pulledAt > maxAge)) {
      const outcome = await this.pullNow();
      if (!outcome.ok) failure = failureOf(outcome.stopped);
    }
    const days = localDays(now, this.deps.clock.utcOffsetMinutes(), WEEK_LENGTH);
    const day: LocalDay =
      date === undefined
        ? (days.find((d) => d.weekday === weekday) ?? (days[0] as LocalDay))
        : { date, weekday };
    let fresh = false;
    // A pull answered 401 has forgotten the token already.
    if (token !== null && (await readToken(this.deps.settings)) !== null) {
      const outcome = await this.week.refreshIfDue(token.access_token, days);
      fresh = outcome.fresh;
      failure ??= outcome.failure;
      if (outcome.fetched && fresh) await this.markSynced();
      if (failure?.kind === "error" && failure.status === 401) await this.forgetToken();
      if (
        fresh &&
        !this.week.noPlan &&
        this.week.session(day.date) === null &&
        !days.some((d) => d.date === day.date)
      ) {
        const one = await this.week.fetchOne(token.access_token, day.date);
        if (!one.ok) failure ??= one.failure;
      }
    }
    if (this.mirror.needsLabels()) await this.mirror.ensureLabels();
    // Every day's answer carries the heart-rate settings; a change to them is a new week.
    const heartRate = this.mirror.heartRate(this.deps.clock.now());
    const rev = this.week.rev(days, [
      days.map((d) => this.mirror.planName(this.week.session(d.date)?.plan_id ?? "")),
      this.mirror.exerciseLabels.size,
      heartRate,
    ]);
    if (this.week.noPlan) {
      const today = { ...noPlanToday(day, await this.planAt()), ...heartRate };
      return { type: "today", today, stale: !fresh, rev };
    }
    const session = this.week.session(day.date);
    if (session !== null) {
      const planName = this.mirror.planName(session.plan_id);
      const today = todayFromSession(day, session, planName, this.mirror.exerciseLabels);
      return { type: "today", today: { ...today, ...heartRate }, stale: !fresh, rev };
    }
    if (this.mirror.pulledAtMs !== null && (failure === null || isTransient(failure))) {
      return {
        type: "today",
        today: { ...this.mirror.today(day.weekday), date: day.date, ...heartRate },
        stale: true,
      };
    }
    if (failure !== null) return this.failureReply(failure);
    return { type: "error", code: "unpaired", message: "Pair the watch to get your plan." };
  }
}

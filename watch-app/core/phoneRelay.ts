// The phone side of the watch app, platform-free: answers the watch's messages by talking to
// the sync service — pairing, relaying outbox pushes (acknowledging only what the server
// acknowledged), and serving each day's session from the week of GET /plans/today answers.
import type { Platform, PushResponse } from "@runstrong/shared/schemas";
import { Backoff } from "./backoff.ts";
import type { SequencedMutation } from "./mutationBatch.ts";
import type { AckProblem, OutboxStream } from "./outbox.ts";
import { PhonePairing, readToken, type StoredToken, TOKEN_KEY } from "./phonePairing.ts";
import { PlanMirror, type PullOutcome } from "./planMirror.ts";
import { PlanWeek } from "./planWeek.ts";
import type { Clock, HttpClient, RandomSource, Scheduler, SettingsStore } from "./ports.ts";
import {
  type ApiFailure,
  DEFAULT_SERVER_URL,
  isTransient,
  normaliseServerUrl,
  ServerApi,
} from "./serverApi.ts";
import { type LocalDay, localDays, noPlanToday, todayFromSession } from "./todayPlan.ts";
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeWatchRequest,
  encodePhoneReplyWithin,
  type PhoneReply,
  type RetryReason,
  WatchLinkError,
  type WatchRequest,
} from "./watchLink.ts";

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
/** Which watch outbox numbering this token's server-side seqs follow (see `push`). */
const STREAM_KEY = "runstrong.stream";
const LAST_SYNC_KEY = "runstrong.lastSync";
/** The protocol's ceiling per push body. */
export const MAX_PUSH_BODY_MUTATIONS = 200;
const DEFAULT_PULL_MAX_AGE_MS = 10 * 60_000;
/** A runner's "sync now" pulls unless the last pull is younger than this (repeated taps). */
const SYNC_NOW_MIN_PULL_MS = 5_000;
/** The week the watch carries away: today and the six following dates. */
export const WEEK_LENGTH = 7;

interface StreamBinding {
  key: string;
  deviceId: string;
}

type AcksReply = Extract<PhoneReply, { type: "acks" }>;

const streamKey = (s: OutboxStream) => `${s.outboxId}:${s.generation}`;

export class PhoneRelay {
  readonly pairing: PhonePairing;
  private readonly api: ServerApi;
  private readonly mirror: PlanMirror;
  private readonly week: PlanWeek;
  private readonly pushBackoff: Backoff;
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
    this.pushBackoff = new Backoff({ random });
    this.pullBackoff = new Backoff({ random });
    this.maxBytes = deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
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
    await this.pullNow();
  }

  /** Answers one watch message; never rejects (a failure is an error reply). */
  handle(message: string): Promise<string> {
    const run = this.queue.then(() => this.answer(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async answer(message: string): Promise<string> {
    let req: WatchRequest;
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

  private async route(req: WatchRequest): Promise<PhoneReply> {
    switch (req.type) {
      case "push":
        return this.push(req.stream, req.items);
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
        afterS: res.retryAfterS ?? Math.ceil(this.pushBackoff.next() / 1000),
      };
    }
    const afterS = Math.ceil(this.pushBackoff.next() / 1000);
    return { reason: res.kind === "network" ? "offline" : "server", afterS };
  }

  // ---- push ----

  private async readBinding(): Promise<StreamBinding | null> {
    const text = await this.deps.settings.get(STREAM_KEY);
    if (text === null) return null;
    try {
      return JSON.parse(text) as StreamBinding;
    } catch {
      return null;
    }
  }

  private postPush(token: StoredToken, items: readonly SequencedMutation[]) {
    return this.api.call<PushResponse>("POST", "/sync/push", {
      token: token.access_token,
      body: {
        schema: 1,
        mutations: items.map((i) => ({ seq: i.seq, op: i.mutation.op, args: i.mutation.args })),
      },
    });
  }

  /**
   * Relays outbox items. Seq numbering: the server numbers seqs per device (per token), the
   * watch per outbox. Before the first push of an outbox numbering under this token, an empty
   * push reads the server's `last_seq`; if the watch's first item is not `last_seq + 1` (new
   * pairing, reinstalled watch, restored database) the watch is told to rebase onto it rather
   * than having new items swallowed as `duplicate` or refused as `seq_gap`. Items the server
   * already holds under their entity ids are harmless to resend.
   */
  private async push(stream: OutboxStream, items: SequencedMutation[]): Promise<PhoneReply> {
    const token = await readToken(this.deps.settings);
    if (token === null)
      return { type: "error", code: "unpaired", message: "Pair the watch first." };
    const acks = (upToSeq: number, problems: AckProblem[]): AcksReply => ({
      type: "acks",
      generation: stream.generation,
      upToSeq,
      problems,
    });
    const first = items[0];
    if (first === undefined) return acks(0, []);
    const binding = await this.readBinding();
    if (binding?.key !== streamKey(stream) || binding.deviceId !== token.device_id) {
      const probe = await this.postPush(token, []);
      if (probe.kind !== "ok") return this.failureReply(probe);
      const expected = probe.body.last_seq + 1;
      if (first.seq !== expected) {
        return {
          type: "rebase",
          generation: stream.generation,
          firstSeq: first.seq,
          expectedSeq: expected,
        };
      }
      const bound: StreamBinding = { key: streamKey(stream), deviceId: token.device_id };
      await this.deps.settings.set(STREAM_KEY, JSON.stringify(bound));
    }

    let upToSeq = 0;
    const problems: AckProblem[] = [];
    for (let at = 0; at < items.length; at += MAX_PUSH_BODY_MUTATIONS) {
      const body = items.slice(at, at + MAX_PUSH_BODY_MUTATIONS);
      const res = await this.postPush(token, body);
      if (res.kind === "ok") {
        const acked = new Map(res.body.acks.map((a) => [a.seq, a]));
        // Only a contiguous run of acknowledged items is reported durable.
        for (const item of body) {
          const ack = acked.get(item.seq);
          if (ack === undefined) break;
          upToSeq = item.seq;
          if (ack.status === "rejected" || ack.status === "conflict") {
            const problem: AckProblem = { seq: ack.seq, status: ack.status };
            if (ack.error !== undefined) problem.error = ack.error;
            problems.push(problem);
          }
        }
        if (upToSeq !== body[body.length - 1]?.seq) break;
        continue;
      }
      // Whatever went before in this request is durable and reported; the rest waits.
      if (res.kind === "error" && res.error === "seq_gap") {
        await this.deps.settings.remove(STREAM_KEY);
        const expected = Number(res.body.expected);
        if (upToSeq === 0 && Number.isSafeInteger(expected) && expected >= 1) {
          const firstSeq = (body[0] as SequencedMutation).seq;
          return { type: "rebase", generation: stream.generation, firstSeq, expectedSeq: expected };
        }
        break;
      }
      if (upToSeq === 0) return this.failureReply(res);
      if (res.kind === "error" && res.status === 401) await this.forgetToken();
      const retry = this.retryAdvice(res);
      if (retry !== null) return { ...acks(upToSeq, problems), retry };
      break;
    }
    if (upToSeq > 0) {
      this.pushBackoff.reset();
      await this.markSynced();
    }
    return acks(upToSeq, problems);
  }

  // ---- pull and today ----

  /** Pulls now; on a transient failure retries in the background with backoff. */
  async pullNow(): Promise<PullOutcome> {
    const token = await readToken(this.deps.settings);
    if (token === null) {
      return {
        ok: false,
        failure: {
          kind: "error",
          status: 401,
          error: "unauthorized",
          message: "Not paired.",
          body: {},
        },
      };
    }
    this.cancelPullRetry?.();
    this.cancelPullRetry = null;
    const outcome = await this.mirror.pull(token.access_token);
    if (outcome.ok) {
      if (outcome.changed) this.week.markStale();
      this.pullBackoff.reset();
      await this.markSynced();
    } else if (isTransient(outcome.failure)) {
      const failure = outcome.failure;
      const waitMs =
        failure.kind === "error" && failure.retryAfterS !== undefined
          ? failure.retryAfterS * 1000
          : this.pullBackoff.next();
      this.cancelPullRetry = this.deps.scheduler.schedule(waitMs, () => {
        this.cancelPullRetry = null;
        void this.pullNow();
      });
    } else if (outcome.failure.kind === "error" && outcome.failure.status === 401) {
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
      if (!outcome.ok) failure = outcome.failure;
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
    const rev = this.week.rev(days, [
      days.map((d) => this.mirror.planName(this.week.session(d.date)?.plan_id ?? "")),
      this.mirror.exerciseLabels.size,
    ]);
    if (this.week.noPlan) {
      return { type: "today", today: noPlanToday(day, await this.planAt()), stale: !fresh, rev };
    }
    const session = this.week.session(day.date);
    if (session !== null) {
      const planName = this.mirror.planName(session.plan_id);
      const today = todayFromSession(day, session, planName, this.mirror.exerciseLabels);
      return { type: "today", today, stale: !fresh, rev };
    }
    if (this.mirror.pulledAtMs !== null && (failure === null || isTransient(failure))) {
      return {
        type: "today",
        today: { ...this.mirror.today(day.weekday), date: day.date },
        stale: true,
      };
    }
    if (failure !== null) return this.failureReply(failure);
    return { type: "error", code: "unpaired", message: "Pair the watch to get your plan." };
  }
}

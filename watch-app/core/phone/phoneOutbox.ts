// The phone's half of getting the watch's sets to the server: items the watch hands off are taken
// into the phone's own outbox once each (by the watch's stream and local id, recorded in the
// outbox's mark in the same write), and the shared push client sends them with the Bearer token.
// The device seqs are numbered here, by the shared outbox: the token's device is the watch's.
import {
  type OutboxState,
  PushClient,
  type StopReason,
  type SyncTransport,
} from "@runstrong/shared/client";
import type { SequencedMutation } from "../link/mutationBatch.ts";
import type { LinkErrorCode, RefusedItem, TakenReply } from "../link/watchLink.ts";
import type { Clock, RandomSource, Scheduler, SettingsStore } from "../ports.ts";
import { readToken } from "./phonePairing.ts";
import type { ServerApi } from "./serverApi.ts";

/** The phone's outbox in its settings store (apart from the watch's own outbox key). */
export const PHONE_OUTBOX_KEY = "runstrong.watchOutbox";
/** How long a hand-off waits for the push it started before answering the watch. */
export const HAND_OFF_PUSH_WAIT_MS = 20_000;

export interface PhoneOutboxDeps {
  api: ServerApi;
  settings: SettingsStore;
  scheduler: Scheduler;
  clock: Clock;
  random: RandomSource;
  /** The server refused the token (401): the watch must pair again; every item stays. */
  onUnauthorized(): Promise<void>;
  /** A push settled mutations on the server. */
  onSynced(): Promise<void>;
}

/** The outbox's mark: the watch stream the items came from and the last local id taken. */
type Taken = { stream: string; upTo: number };

function readMark(mark: string | null): Taken | null {
  if (mark === null) return null;
  try {
    const [stream, upTo] = JSON.parse(mark) as [unknown, unknown];
    return typeof stream === "string" && Number.isSafeInteger(upTo)
      ? { stream, upTo: upTo as number }
      : null;
  } catch {
    return null;
  }
}

/** The watch's words for why the phone's push stopped. */
function whyOf(stop: StopReason): LinkErrorCode {
  switch (stop.kind) {
    case "offline":
      return "offline";
    case "rate_limited":
      return "rate_limited";
    case "unauthorized":
      return "unpaired";
    // The phone's own storage failed: a passing trouble on the phone, shown as "server busy".
    case "server":
    case "storage":
      return "server";
    case "refused":
      return "bad_request";
  }
}

/** A push answer names the token's device, even from a server that leaves it out. */
function naming(body: unknown, deviceId: string): unknown {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return body;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return body;
  const answer = value as Record<string, unknown>;
  return typeof answer.device_id === "string" ? answer : { ...answer, device_id: deviceId };
}

function refusedOf(state: OutboxState): RefusedItem[] {
  return state.problems.map((p) => ({
    seq: p.seq,
    op: p.op,
    entityId: typeof p.args.id === "string" ? p.args.id : null,
    status: p.status,
    error: p.error,
  }));
}

export class PhoneOutbox {
  /** The shared push client: seqs, chunks, acks, 400 bisection, 413 halving, backoff. */
  readonly client: PushClient;
  private lastStop: StopReason | null = null;

  constructor(private readonly deps: PhoneOutboxDeps) {
    this.client = new PushClient({
      store: deps.settings,
      transport: this.transport(),
      scheduler: deps.scheduler,
      clock: deps.clock,
      random: deps.random,
      key: PHONE_OUTBOX_KEY,
    });
    this.client.on("stopped", (stop) => {
      this.lastStop = stop;
      if (stop.kind === "unauthorized") void deps.onUnauthorized().catch(() => undefined);
    });
    this.client.on("ack", () => {
      this.lastStop = null;
      void deps.onSynced().catch(() => undefined);
    });
  }

  /**
   * The API with the token of the moment. No token: 401, so the push waits for a pairing. A
   * numbering bound to another device than the token's (re-paired, another server) never
   * reaches this one: the answer is a seq_gap at the first seq, and the next push asks the
   * token's device where it stands first (see bind in shared/src/client/outboxState.ts).
   */
  private transport(): SyncTransport {
    return {
      request: async (req) => {
        const token = await readToken(this.deps.settings);
        if (token === null) {
          return {
            status: 401,
            body: { error: "unauthorized", message: "Pair the watch first." },
          };
        }
        const state = await this.client.outbox.read();
        const first = state.items[0];
        if (state.bound && state.deviceId !== null && state.deviceId !== token.device_id) {
          await this.client.reconcile(token.device_id, 0);
          if (first !== undefined) {
            const message = "The phone is paired to another device now.";
            return { status: 409, body: { error: "seq_gap", message, expected: first.seq } };
          }
        }
        const res = await this.deps.api.transport(token.access_token).request(req);
        return res.status === 200 ? { ...res, body: naming(res.body, token.device_id) } : res;
      },
      onLinkBack: (listener) => this.deps.api.onBack(listener),
    };
  }

  /**
   * Stores the items of `stream` not taken yet, with the new mark, in one write; returns the
   * last local id of the stream held here. A resend after a lost reply stores nothing twice.
   */
  async take(stream: string, items: readonly SequencedMutation[]): Promise<number> {
    const mark = readMark(await this.client.outbox.mark());
    const from = mark !== null && mark.stream === stream ? mark.upTo : 0;
    const fresh = items.filter((i) => i.seq > from);
    if (fresh.length === 0) return from;
    const upTo = Math.max(from, ...fresh.map((i) => i.seq));
    await this.client.enqueue(
      fresh.map((i) => i.mutation),
      JSON.stringify([stream, upTo]),
    );
    return upTo;
  }

  /** Pushes what waits, answering after at most `waitMs` (the push goes on meanwhile). */
  async push(waitMs = HAND_OFF_PUSH_WAIT_MS): Promise<void> {
    let cancel = () => {};
    const timeout = new Promise<void>((resolve) => {
      cancel = this.deps.scheduler.schedule(waitMs, resolve);
    });
    const pushed = this.client.flush().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([pushed, timeout]);
    cancel();
  }

  /** The reply to a hand-off: how far the stream is held here, what waits, what was refused. */
  async reply(upTo: number): Promise<TakenReply> {
    const state = await this.client.outbox.read();
    const waiting = state.items.filter((i) => !i.filler);
    const reply: TakenReply = {
      type: "taken",
      upTo,
      waitingItems: waiting.length,
      waitingSets: waiting.filter((i) => i.op === "set.log").length,
      refused: refusedOf(state),
    };
    if ((await readToken(this.deps.settings)) === null) reply.why = "unpaired";
    else if (waiting.length > 0 && this.lastStop !== null) reply.why = whyOf(this.lastStop);
    return reply;
  }

  /** After a new pairing: the numbering is checked against the new device, then what waits goes. */
  async paired(deviceId: string): Promise<void> {
    await this.client.reconcile(deviceId, 0);
    void this.client.flush();
  }
}

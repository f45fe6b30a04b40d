// The one push loop: sends the front of the outbox in chunks within the protocol limits and
// settles the answers — acks by seq, 413 halving, seq_gap realignment, and a 400 narrowed down by
// bisection to the one mutation the server refuses, which alone is reported rejected.
import { type Outbox, waiting } from "./outbox.ts";
import { bind, type OutboxItem, realign, rejectLocally, settle } from "./outboxState.ts";
import type { Lock, SyncTransport, TransportResponse } from "./ports.ts";
import { type Ack, ERROR_CODES, MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS } from "./protocol.ts";
import { EMPTY_PUSH, takeChunk } from "./pushChunks.ts";
import { asErrorBody, asPushAnswer, bodyOf, type PushAnswer } from "./pushWire.ts";
import { type StopReason, stopFor } from "./stopReason.ts";

/** What became of one queued mutation. `local`: refused by this client, never applied. */
export type AckEvent = Ack & {
  id: number;
  op: string;
  args: Record<string, unknown>;
  local?: true;
};

export type FlushReport = {
  /** Every mutation settled by this flush, in the order the answers came. */
  settled: AckEvent[];
  /** Why the queue is not empty, when it is not. */
  stopped?: StopReason;
  /** Mutations still waiting. */
  pending: number;
};

export interface PushLoopOptions {
  outbox: Outbox;
  transport: SyncTransport;
  lock: Lock;
  maxMutations?: number;
  maxBytes?: number;
  onSettled?: (event: AckEvent) => void;
}

/** More realignments than this in one flush means the server is not making sense: back off. */
const MAX_GAPS_PER_FLUSH = 5;
const PUSH_PATH = "/sync/push";

/** The server refuses even a stand-in: nothing this client can fix by itself. */
const stuck = (item: OutboxItem): StopReason => ({
  kind: "refused",
  status: 400,
  error: "invalid_body",
  message: `The server refuses the placeholder for seq ${item.seq}.`,
});

type Sent = { res: TransportResponse; body: unknown } | { stop: StopReason };

export class PushLoop {
  private readonly maxMutations: number;
  private readonly maxBytes: number;

  constructor(private readonly opts: PushLoopOptions) {
    this.maxMutations = opts.maxMutations ?? MAX_PUSH_MUTATIONS;
    this.maxBytes = opts.maxBytes ?? MAX_PUSH_BYTES;
  }

  /** Pushes until the outbox is empty or something stops it; one flush at a time per store. */
  flush(): Promise<FlushReport> {
    return this.opts.lock.run(`${this.opts.outbox.key}:flush`, () => this.run());
  }

  private async run(): Promise<FlushReport> {
    const report: FlushReport = { settled: [], pending: 0 };
    const finish = async (stopped?: StopReason) => {
      if (stopped) report.stopped = stopped;
      report.pending = waiting(await this.opts.outbox.read()).length;
      return report;
    };
    let cap = this.maxMutations;
    let gaps = 0;
    for (;;) {
      const state = await this.opts.outbox.read();
      const first = state.items[0];
      if (first === undefined) return finish();
      if (!state.bound) {
        const stop = await this.bindNumbering();
        if (stop) return finish(stop);
        continue;
      }
      const chunk = takeChunk(state.items, cap, this.maxBytes);
      if (chunk.items.length === 0) {
        const why = `It is larger than one push may carry (${this.maxBytes} bytes).`;
        if (!(await this.refuse(report, first, why))) return finish(stuck(first));
        continue;
      }
      const sent = await this.send(chunk.body);
      if ("stop" in sent) return finish(sent.stop);
      const { res, body } = sent;
      const err = asErrorBody(body);
      if (res.status === 200) {
        const answer = asPushAnswer(body);
        if (answer === null || !(await this.settle(report, chunk.items, answer))) {
          return finish({
            kind: "server",
            status: 200,
            message: "The server's answer acknowledged nothing we sent.",
          });
        }
        continue;
      }
      if (res.status === 409 && err?.error === ERROR_CODES.seqGap && (err.expected ?? 0) >= 1) {
        if (++gaps > MAX_GAPS_PER_FLUSH) return finish(stopFor(res, err));
        const expected = err.expected as number;
        await this.opts.outbox.update((s) => ({ state: realign(s, expected), result: undefined }));
        continue;
      }
      const single = chunk.items.length === 1;
      if (res.status === 413 && !single) {
        cap = Math.floor(chunk.items.length / 2);
        continue;
      }
      if (res.status === 413) {
        // One mutation within the protocol's limits is not too large by the protocol: a proxy
        // or server that says so is at fault, and the mutation waits rather than being dropped.
        return finish({ kind: "server", status: 413, message: err?.message ?? "HTTP 413" });
      }
      if (res.status === 400 && err?.error === ERROR_CODES.invalidBody) {
        if (!single) {
          // One of these the server cannot read: push each half; the half that fails is split again.
          cap = Math.ceil(chunk.items.length / 2);
          continue;
        }
        // Blame the mutation only when the server takes an empty push from us.
        const control = await this.probe();
        if ("stop" in control) return finish(control.stop);
        if (!(await this.refuse(report, first, err.message))) return finish(stuck(first));
        cap = this.maxMutations;
        continue;
      }
      return finish(stopFor(res, err));
    }
  }

  private async send(body: string): Promise<Sent> {
    try {
      const res = await this.opts.transport.request({ method: "POST", path: PUSH_PATH, body });
      return { res, body: bodyOf(res) };
    } catch (e) {
      return { stop: { kind: "offline", message: (e as Error)?.message ?? String(e) } };
    }
  }

  /** An empty push: where the server stands on this device, and whether it takes our pushes. */
  private async probe(): Promise<{ answer: PushAnswer } | { stop: StopReason }> {
    const sent = await this.send(EMPTY_PUSH);
    if ("stop" in sent) return sent;
    const answer = sent.res.status === 200 ? asPushAnswer(sent.body) : null;
    if (answer) return { answer };
    return { stop: stopFor(sent.res, asErrorBody(sent.body)) };
  }

  private async bindNumbering(): Promise<StopReason | null> {
    const probed = await this.probe();
    if ("stop" in probed) return probed.stop;
    const { lastSeq, deviceId } = probed.answer;
    await this.opts.outbox.update((s) => ({
      state: s.bound ? s : bind(s, lastSeq, deviceId ?? null),
      result: undefined,
    }));
    return null;
  }

  /** Applies acks by seq; false when none of them named an item that was sent. */
  private async settle(report: FlushReport, sent: OutboxItem[], answer: PushAnswer) {
    const sentSeqs = new Set(sent.map((i) => i.seq));
    if (!answer.acks.some((a) => sentSeqs.has(a.seq))) return false;
    const settled = await this.opts.outbox.update((s) => {
      const out = settle(s, sent, answer.acks, answer.deviceId);
      return { state: out.state, result: out.settled };
    });
    for (const { item, ack } of settled) {
      if (!item.filler) this.emit(report, { ...ack, id: item.id, op: item.op, args: item.args });
    }
    return true;
  }

  /** Reports `item` rejected and sends its stand-in instead; false when it was a stand-in already. */
  private async refuse(report: FlushReport, item: OutboxItem, error: string): Promise<boolean> {
    const problem = await this.opts.outbox.update((s) => {
      const out = rejectLocally(s, item.id, error);
      return { state: out.state, result: out.problem };
    });
    if (problem === null) return item.filler !== true;
    const { id, seq, op, args } = problem;
    this.emit(report, { seq, status: "rejected", error, id, op, args, local: true });
    return true;
  }

  private emit(report: FlushReport, event: AckEvent): void {
    report.settled.push(event);
    this.opts.onSettled?.(event);
  }
}

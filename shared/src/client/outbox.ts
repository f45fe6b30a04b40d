// The persisted outbox: every change goes through one store write under the state lock, so it
// survives reloads and crashes and several tabs or instances over one store never lose an item.
import {
  append,
  asState,
  emptyState,
  type OutboxItem,
  type OutboxState,
  type Problem,
} from "./outboxState.ts";
import type { Clock, KeyValueStore, Lock } from "./ports.ts";
import type { MutationBody } from "./protocol.ts";

/** How the state is written: JSON by default; the watch may plug in its compact encoding. */
export interface OutboxCodec {
  encode(state: OutboxState): string;
  /** null when the text is not a state this codec wrote. */
  decode(text: string): OutboxState | null;
}

export const jsonCodec: OutboxCodec = {
  encode: (state) => JSON.stringify(state),
  decode: (text) => {
    try {
      return asState(JSON.parse(text));
    } catch {
      return null;
    }
  },
};

export interface OutboxOptions {
  store: KeyValueStore;
  lock: Lock;
  clock: Clock;
  /** Store key of the queue; other keys of the client derive from it. Default `runstrong.outbox`. */
  key?: string;
  codec?: OutboxCodec;
  /** Called with the pending count after every change this instance makes. */
  onChange?: (pending: number) => void;
}

/** A queued mutation with the seq and the local id it was given. */
export type QueuedMutation = { id: number; seq: number; op: string; args: Record<string, unknown> };

export const DEFAULT_OUTBOX_KEY = "runstrong.outbox";

/** Mutations waiting for the server, fillers left out. */
export const waiting = (s: OutboxState): OutboxItem[] => s.items.filter((i) => !i.filler);

export class Outbox {
  readonly key: string;
  private readonly codec: OutboxCodec;

  constructor(private readonly opts: OutboxOptions) {
    this.key = opts.key ?? DEFAULT_OUTBOX_KEY;
    this.codec = opts.codec ?? jsonCodec;
  }

  async read(): Promise<OutboxState> {
    const text = await this.opts.store.get(this.key);
    if (text === null) return emptyState();
    const state = this.codec.decode(text);
    if (state !== null) return state;
    // Unreadable data cannot be sent; keep a copy for diagnosis and start again, unbound, so
    // the next push first asks the server where the device stands.
    await this.opts.store.set(`${this.key}.unreadable`, text);
    return emptyState();
  }

  /** Reads, changes and writes the state as one step under the state lock. */
  update<T>(change: (state: OutboxState) => { state: OutboxState; result: T }): Promise<T> {
    return this.opts.lock.run(`${this.key}:state`, async () => {
      const before = await this.read();
      const { state, result } = change(before);
      if (state !== before) {
        await this.opts.store.set(this.key, this.codec.encode(state));
        this.opts.onChange?.(waiting(state).length);
      }
      return result;
    });
  }

  /**
   * Queues mutations with the next seqs in one write (with `mark`, if given, so a caller can tell
   * after a crash whether its append happened). Resolves once they are stored.
   */
  async enqueue(bodies: readonly MutationBody[], mark?: string): Promise<QueuedMutation[]> {
    const checked = bodies.map(checkBody);
    return this.update((s) => {
      if (checked.length === 0 && mark === undefined) return { state: s, result: [] };
      const { state, added } = append(s, checked, this.opts.clock.now(), mark);
      return { state, result: added.map(({ id, seq, op, args }) => ({ id, seq, op, args })) };
    });
  }

  async pending(): Promise<number> {
    return waiting(await this.read()).length;
  }

  async problems(): Promise<Problem[]> {
    return (await this.read()).problems;
  }

  async mark(): Promise<string | null> {
    return (await this.read()).mark;
  }

  clearProblems(): Promise<void> {
    return this.update((s) => ({
      state: s.problems.length === 0 ? s : { ...s, problems: [] },
      result: undefined,
    }));
  }

  /**
   * Takes the server's word on this device (a page render, a pull): another device, or a
   * last_seq at or past seqs this outbox has not given out yet, means the numbering must be
   * checked again before the next push (see bind in outboxState.ts). A null or empty id says
   * nothing about the device.
   */
  reconcile(deviceId: string | null, lastSeq: number): Promise<void> {
    // "" is how a page says it has no device yet, never the name of one.
    if (deviceId === "") deviceId = null;
    return this.update((s) => {
      const otherDevice = deviceId !== null && s.deviceId !== null && deviceId !== s.deviceId;
      const ahead = s.bound && lastSeq >= s.nextSeq;
      if (!otherDevice && !ahead) return { state: s, result: undefined };
      return { state: { ...s, bound: false, deviceId }, result: undefined };
    });
  }

  /** Forgets everything (sign-out, unpair). */
  async clear(): Promise<void> {
    await this.opts.lock.run(`${this.key}:state`, () => this.opts.store.remove(this.key));
    this.opts.onChange?.(0);
  }
}

/** Refuses what could never be sent, at the call that made it rather than in a later push. */
function checkBody(body: MutationBody): { op: string; args: Record<string, unknown> } {
  const { op, args } = body as { op: unknown; args: unknown };
  if (typeof op !== "string" || op === "") throw new TypeError("a mutation needs an op name");
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new TypeError(`the args of ${op} must be an object`);
  }
  // Throws on what JSON cannot carry (cycles, BigInt) and drops undefined fields, as the wire does.
  return { op, args: JSON.parse(JSON.stringify(args)) as Record<string, unknown> };
}

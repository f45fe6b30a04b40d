// One simulated device: a real SyncClient (push and pull loops) over its own crashable store,
// real timers, a seeded jitter source, a lock and HTTP through the fault proxy. It works through
// its steps, flushing and pulling as it goes, and now and then its app is killed and started
// again from what the store holds.
import {
  type AckEvent,
  type Changes,
  createLocalLock,
  type OutboxState,
  type PullConsumer,
  type StopReason,
  SyncClient,
  type SyncKind,
} from "@runstrong/shared/client";
import { type Credentials, DeviceDisk, httpTransport, RunTimers } from "./devicePlatform.ts";
import { between, fork, type Rng } from "./random.ts";
import type { Crash, DeviceSpec, Step } from "./workload.ts";

const COPY_KEY = "soak.copy";
/** A small page size, so pulls go over many pages while other devices push. */
const PULL_LIMIT = 40;

type Row = Record<string, unknown> & { id?: string; deleted?: boolean };
/** The device's local copy, as its app stores it: rows by id per kind, and the settings row. */
export type LocalCopy = Record<Exclude<SyncKind, "settings">, Record<string, Row>> & {
  settings: Row | null;
};

const emptyCopy = (): LocalCopy => ({
  plans: {},
  sessions: {},
  sets: {},
  runs: {},
  assessments: {},
  settings: null,
});

type AppRun = { alive: boolean; timers: RunTimers; client: SyncClient };

export type DeviceContext = { proxy: string; seed: number; credentials: Credentials };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SoakDevice {
  readonly disk = new DeviceDisk();
  /** Steps whose mutations are stored in the outbox (the app learns it from the outbox mark). */
  done = 0;
  readonly crashes: Record<Crash, number> = { idle: 0, midFlush: 0, midEnqueue: 0 };
  /** Every ack the app took in, by the outbox's local id of the mutation. */
  readonly acks = new Map<number, string[]>();
  readonly refusals: string[] = [];
  readonly stops = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  resets = 0;
  /** The device's last_seq as the final pull reported it. */
  lastSeq: number | null = null;
  readonly kinds: readonly SyncKind[] | undefined;
  private run: AppRun | null = null;
  private runs = 0;
  private readonly timing: Rng;
  private readonly crashedAt = new Set<number>();

  constructor(
    readonly spec: DeviceSpec,
    readonly steps: Step[],
    private readonly ctx: DeviceContext,
  ) {
    this.timing = fork(ctx.seed, `timing:${spec.name}`);
    // The phone mirrors plans and settings only, as the phone relay does.
    this.kinds = spec.role === "phone" ? ["plans", "settings"] : undefined;
  }

  get client(): SyncClient {
    if (this.run === null) throw new Error(`${this.spec.name} is not running`);
    return this.run.client;
  }

  /** Starts the app: a new client over what the store holds; resumes after the last stored step. */
  async open(): Promise<void> {
    const run: AppRun = { alive: true, timers: new RunTimers(), client: null as never };
    const alive = () => run.alive;
    const store = this.disk.open(alive);
    const consumer: PullConsumer = {
      apply: async (changes) => {
        const copy = await readCopy(store);
        applyChanges(copy, changes);
        await store.set(COPY_KEY, JSON.stringify(copy));
      },
      reset: async () => {
        this.resets++;
        await store.set(COPY_KEY, JSON.stringify(emptyCopy()));
      },
    };
    this.runs++;
    run.client = new SyncClient({
      store,
      transport: httpTransport({
        proxy: this.ctx.proxy,
        device: this.spec.name,
        household: this.spec.household,
        credentials: this.ctx.credentials,
        alive,
        onStatus: (s) => this.statuses.set(s, (this.statuses.get(s) ?? 0) + 1),
      }),
      scheduler: run.timers,
      clock: { now: () => Date.now() },
      random: fork(this.ctx.seed, `jitter:${this.spec.name}:${this.runs}`),
      lock: createLocalLock(),
      pull: { consumer, kinds: this.kinds, limit: PULL_LIMIT },
      // Short waits keep the soak bounded; the rules are the same at any scale.
      backoff: { baseMs: 250, maxMs: 4_000 },
    });
    run.client.on("ack", (e) => this.ack(e));
    run.client.on("stopped", (s) => this.stopped(s));
    this.run = run;
    const mark = await run.client.outbox.mark();
    this.done = mark === null ? 0 : Number(mark.slice(1)) + 1;
  }

  /** Kills the app: its store, timers and answers are gone; requests on the wire stay there. */
  async crash(kind: Crash): Promise<void> {
    const run = this.run;
    if (run === null) return;
    this.crashes[kind]++;
    run.alive = false;
    run.timers.cancelAll();
    run.client.close();
    this.run = null;
    await sleep(between(this.timing, 10, 100));
    await this.open();
  }

  /** Works through the steps, about `stepMs` apart, until done or `deadline`. */
  async work(stepMs: number, deadline: number): Promise<void> {
    // Steps keep to a schedule, so time spent waiting on the server is not added on top.
    let due = Date.now();
    while (this.done < this.steps.length && Date.now() < deadline) {
      due += stepMs * (0.5 + this.timing());
      await sleep(due - Date.now());
      const i = this.done;
      const step = this.steps[i] as Step;
      const crash = this.crashedAt.has(i) ? undefined : step.crash;
      if (crash) this.crashedAt.add(i);
      if (crash === "midEnqueue") {
        // The write may or may not happen before the app dies; the outbox mark tells which.
        this.client.enqueue(step.bodies, `s${i}`).catch(() => undefined);
        await sleep(between(this.timing, 0, 2));
        await this.crash(crash);
        continue;
      }
      await this.client.enqueue(step.bodies, `s${i}`);
      this.done = i + 1;
      if (crash === "midFlush") {
        this.client.flush().catch(() => undefined);
        await sleep(between(this.timing, 0, 150));
        await this.crash(crash);
        continue;
      }
      // Stops are retried by the client itself (backoff); the app just goes on logging.
      if (step.after === "flush" || step.after === "sync") await this.client.flush();
      if (step.after === "pull" || step.after === "sync") await this.client.pull();
      if (crash === "idle") await this.crash(crash);
    }
  }

  /** Pushes until the outbox is empty (the link is clean by now); false if it never got there. */
  async flushAll(): Promise<boolean> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const r = await this.client.flush();
      if (!r.stopped && r.pending === 0) return true;
      await sleep(250);
    }
    return false;
  }

  /** Pulls to the end; records the device's last_seq as the server reports it. */
  async pullAll(): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const r = await this.client.pull();
      if (!r.stopped) {
        this.lastSeq = r.lastSeq ?? null;
        return true;
      }
      await sleep(250);
    }
    return false;
  }

  async outbox(): Promise<OutboxState> {
    return this.client.outbox.read();
  }

  async copy(): Promise<LocalCopy> {
    return readCopy(this.disk.bytes);
  }

  close(): void {
    if (this.run) {
      this.run.alive = false;
      this.run.timers.cancelAll();
      this.run.client.close();
    }
  }

  private ack(e: AckEvent): void {
    const seen = this.acks.get(e.id) ?? [];
    seen.push(e.status);
    this.acks.set(e.id, seen);
    if (e.status === "rejected" || e.status === "conflict") {
      this.refusals.push(`${e.op} ${String(e.args.id ?? "")}: ${e.status} ${e.error ?? ""}`);
    }
  }

  private stopped(s: StopReason): void {
    const key = s.kind === "refused" || s.kind === "server" ? `${s.kind} ${s.status}` : s.kind;
    this.stops.set(key, (this.stops.get(key) ?? 0) + 1);
    if (s.kind === "refused" || s.kind === "unauthorized")
      this.refusals.push(`stopped: ${s.message}`);
  }
}

async function readCopy(store: { get(key: string): Promise<string | null> }): Promise<LocalCopy> {
  const text = await store.get(COPY_KEY);
  return text === null ? emptyCopy() : (JSON.parse(text) as LocalCopy);
}

function applyChanges(copy: LocalCopy, changes: Partial<Changes>): void {
  for (const [kind, rows] of Object.entries(changes) as [SyncKind, Row[]][]) {
    for (const row of rows) {
      if (kind === "settings") {
        copy.settings = row;
        continue;
      }
      const id = String(row.id);
      if (row.deleted) delete copy[kind][id];
      else copy[kind][id] = row;
    }
  }
}

// The one pull loop: follows the persisted cursor page by page until has_more is false, hands
// every page (tombstones included) to the consumer, and carries out a server-ordered reset.
import type { KeyValueStore, Lock, SyncTransport } from "./ports.ts";
import { type Changes, PULL_MAX_LIMIT, SYNC_KINDS, type SyncKind } from "./protocol.ts";
import { asErrorBody, bodyOf } from "./pushWire.ts";
import { type StopReason, stopFor } from "./stopReason.ts";

export type PullPageInfo = { cursor: string; lastSeq: number; deviceId?: string; hasMore: boolean };

export interface PullConsumer {
  /**
   * Stores one page: rows to upsert by id, `deleted: true` rows to remove. Must be idempotent:
   * after a crash the same page comes again. Only the kinds asked for are given.
   */
  apply(changes: Partial<Changes>, page: PullPageInfo): Promise<void> | void;
  /** Drops the whole local copy: the server's history was replaced. */
  reset(): Promise<void> | void;
}

export interface PullLoopOptions {
  store: KeyValueStore;
  transport: SyncTransport;
  lock: Lock;
  /** Store key prefix; the cursor is kept per set of kinds (a filtered cursor covers only those). */
  key: string;
  consumer: PullConsumer;
  /** Only these kinds (`kinds=` on the wire); all when absent. */
  kinds?: readonly SyncKind[];
  limit?: number;
  /** Guard against a server that never stops saying has_more; the next pull goes on from there. */
  maxPages?: number;
  /** Pushes the outbox before a reset drops the copy; a stop reason when it could not. */
  beforeReset?: () => Promise<StopReason | null>;
  onPage?: (page: PullPageInfo) => void;
}

export type PullReport = {
  pages: number;
  rows: number;
  /** True when this pull dropped the local copy and started again. */
  reset: boolean;
  stopped?: StopReason;
  lastSeq?: number;
  deviceId?: string;
};

type Stored = { cursor: string | null; resetting: boolean };

const DEFAULT_MAX_PAGES = 200;

export class PullLoop {
  readonly stateKey: string;
  private readonly kinds: readonly SyncKind[] | null;

  constructor(private readonly opts: PullLoopOptions) {
    const kinds = opts.kinds ? SYNC_KINDS.filter((k) => opts.kinds?.includes(k)) : null;
    if (kinds !== null && kinds.length === 0) throw new Error("a pull needs at least one kind");
    this.kinds = kinds === null || kinds.length === SYNC_KINDS.length ? null : kinds;
    this.stateKey = `${opts.key}.pull${this.kinds ? `.${this.kinds.join("+")}` : ""}`;
  }

  async cursor(): Promise<string | null> {
    return (await this.load()).cursor;
  }

  /** Pulls every page there is (at most maxPages); one pull at a time per store. */
  pull(): Promise<PullReport> {
    return this.opts.lock.run(`${this.stateKey}:lock`, () => this.run());
  }

  private async run(): Promise<PullReport> {
    const report: PullReport = { pages: 0, rows: 0, reset: false };
    let stored = await this.load();
    if (stored.resetting) stored = await this.finishReset(stored);
    const maxPages = this.opts.maxPages ?? DEFAULT_MAX_PAGES;
    while (report.pages < maxPages) {
      let res: Awaited<ReturnType<SyncTransport["request"]>>;
      try {
        res = await this.opts.transport.request({ method: "GET", path: this.path(stored.cursor) });
      } catch (e) {
        return {
          ...report,
          stopped: { kind: "offline", message: (e as Error)?.message ?? String(e) },
        };
      }
      const body = bodyOf(res);
      const badCursor = res.status === 400 && stored.cursor !== null && namesCursor(body);
      if ((res.status === 200 && isReset(body)) || badCursor) {
        if (report.reset)
          return { ...report, stopped: nonsense("asked for a reset twice in a row") };
        const stop = (await this.opts.beforeReset?.()) ?? null;
        if (stop) return { ...report, stopped: stop };
        stored = await this.finishReset(await this.save({ cursor: null, resetting: true }));
        report.reset = true;
        continue;
      }
      if (res.status !== 200) return { ...report, stopped: stopFor(res, asErrorBody(body)) };
      const page = asPage(body);
      if (page === null) return { ...report, stopped: nonsense("sent a page we cannot read") };
      if (page.hasMore && page.cursor === stored.cursor) {
        return { ...report, stopped: nonsense("says there is more but its cursor does not move") };
      }
      const changes = this.only(page.changes);
      const info: PullPageInfo = {
        cursor: page.cursor,
        lastSeq: page.lastSeq,
        hasMore: page.hasMore,
      };
      if (page.deviceId !== undefined) info.deviceId = page.deviceId;
      await this.opts.consumer.apply(changes, info);
      // Saved only once the consumer has the page: a crash in between pulls it again.
      stored = await this.save({ cursor: page.cursor, resetting: false });
      report.pages++;
      report.rows += Object.values(changes).reduce((n, rows) => n + (rows?.length ?? 0), 0);
      report.lastSeq = page.lastSeq;
      if (page.deviceId !== undefined) report.deviceId = page.deviceId;
      this.opts.onPage?.(info);
      if (!page.hasMore) return report;
    }
    return { ...report, stopped: nonsense(`still had more after ${maxPages} pages`) };
  }

  /** The reset is recorded before the copy is dropped, so a crash in between drops it again. */
  private async finishReset(stored: Stored): Promise<Stored> {
    await this.opts.consumer.reset();
    return this.save({ ...stored, cursor: null, resetting: false });
  }

  private path(cursor: string | null): string {
    const q: string[] = [];
    if (cursor !== null) q.push(`cursor=${encodeURIComponent(cursor)}`);
    q.push(`limit=${Math.min(this.opts.limit ?? 500, PULL_MAX_LIMIT)}`);
    if (this.kinds) q.push(`kinds=${this.kinds.join(",")}`);
    return `/sync/pull?${q.join("&")}`;
  }

  /** The asked-for kinds only, so a server that ignores `kinds=` gives the consumer no more. */
  private only(changes: Partial<Changes>): Partial<Changes> {
    if (this.kinds === null) return changes;
    const out: Partial<Changes> = {};
    for (const k of this.kinds) if (changes[k] !== undefined) setRows(out, k, changes[k]);
    return out;
  }

  private async load(): Promise<Stored> {
    const text = await this.opts.store.get(this.stateKey);
    try {
      const v = text === null ? null : (JSON.parse(text) as Stored);
      if (
        v &&
        (v.cursor === null || typeof v.cursor === "string") &&
        typeof v.resetting === "boolean"
      )
        return v;
    } catch {
      // unreadable: start from scratch, which is always correct
    }
    return { cursor: null, resetting: text !== null };
  }

  private async save(stored: Stored): Promise<Stored> {
    await this.opts.store.set(this.stateKey, JSON.stringify(stored));
    return stored;
  }
}

/** `changes[kind] = rows` for a kind known only at run time (no Object.assign: ES5 devices). */
function setRows(changes: Partial<Changes>, kind: SyncKind, rows: unknown): void {
  (changes as Record<SyncKind, unknown>)[kind] = rows;
}

const nonsense = (what: string): StopReason => ({
  kind: "server",
  status: 200,
  message: `The server ${what}.`,
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isReset = (body: unknown) => isObject(body) && body.reset === true;

/** A 400 about the cursor: it was not written by this server (another deployment). */
function namesCursor(body: unknown): boolean {
  const err = asErrorBody(body);
  if (err?.error !== "invalid_query" || !Array.isArray(err.issues)) return false;
  return err.issues.some((i) => isObject(i) && i.path === "cursor");
}

type Page = {
  changes: Partial<Changes>;
  cursor: string;
  hasMore: boolean;
  lastSeq: number;
  deviceId?: string;
};

function asPage(body: unknown): Page | null {
  if (!isObject(body) || !isObject(body.changes) || typeof body.cursor !== "string") return null;
  if (typeof body.has_more !== "boolean" || !Number.isSafeInteger(body.last_seq)) return null;
  const changes: Partial<Changes> = {};
  for (const k of SYNC_KINDS) {
    const rows = body.changes[k];
    if (rows === undefined) continue;
    if (!Array.isArray(rows) || !rows.every(isObject)) return null;
    setRows(changes, k, rows);
  }
  const page: Page = {
    changes,
    cursor: body.cursor,
    hasMore: body.has_more,
    lastSeq: body.last_seq as number,
  };
  if (typeof body.device_id === "string") page.deviceId = body.device_id;
  return page;
}

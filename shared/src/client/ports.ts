// What the sync client needs from its platform, as small interfaces: storage, clock, randomness,
// timers, the HTTP transport and a lock. Each shell (browser, phone, watch, tests) supplies them.

/** Asynchronous string storage (localStorage, a phone's settings store, a watch file...). */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the Unix epoch; only stored with items, never used to order them. */
  now(): number;
}

/** Uniform in [0, 1): backoff jitter. */
export type RandomSource = () => number;

/** setTimeout, injected so the client never owns a timer and tests control time. */
export interface Scheduler {
  /** Runs `task` once after `delayMs`; the returned function cancels it. */
  schedule(delayMs: number, task: () => void): () => void;
}

export interface TransportRequest {
  method: "GET" | "POST";
  /** Under the API root, with the query: `/sync/push`, `/sync/pull?cursor=…`. */
  path: string;
  /** JSON text (POST only). */
  body?: string;
}

export interface TransportResponse {
  status: number;
  /** The parsed JSON body; JSON text is parsed by the client; anything else is kept as is. */
  body: unknown;
  /** Response headers, names in lower case (the client reads `retry-after`). */
  headers?: Record<string, string>;
}

/**
 * Carries requests to the server with the caller's credentials (cookie, Bearer token, or the
 * watch's link to its phone). Rejects only when no HTTP answer came (offline, timeout).
 */
export interface SyncTransport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Calls `listener` whenever the link comes back (online event, phone in reach); returns unsubscribe. */
  onLinkBack?(listener: () => void): () => void;
}

/**
 * Runs `task` while holding the lock `name`, excluding every other holder of that name: other
 * tabs (Web Locks) or other client instances over the same store.
 */
export interface Lock {
  run<T>(name: string, task: () => Promise<T>): Promise<T>;
}

/** A lock for one JavaScript realm: enough when a single process owns the store. */
export function createLocalLock(): Lock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(name: string, task: () => Promise<T>): Promise<T> {
      const before = tails.get(name) ?? Promise.resolve();
      const result = before.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return result;
    },
  };
}

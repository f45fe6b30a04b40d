// The browser's ports for the shared sync client (shared/src/client): localStorage as the store,
// Web Locks across tabs, fetch with the session cookie, `online` as the link-back signal, timers.
import {
  type Clock,
  createLocalLock,
  type KeyValueStore,
  type Lock,
  type Scheduler,
  type SyncTransport,
  type TransportResponse,
} from "@runstrong/shared/client";

/** localStorage behind the async store port; a full store rejects the write (and the enqueue). */
export const localStorageStore: KeyValueStore = {
  get: async (key) => localStorage.getItem(key),
  set: async (key, value) => localStorage.setItem(key, value),
  remove: async (key) => localStorage.removeItem(key),
};

/**
 * Web Locks, so every tab of this browser shares one outbox and one flush at a time. Browsers
 * without them (old Safari) fall back to a lock for this tab only, which is what they had before.
 */
export function browserLock(): Lock {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return createLocalLock();
  // request() resolves with what the callback resolves with.
  return { run: async (name, task) => locks.request(`rs:${name}`, task) };
}

/**
 * The JSON API at /api/v1 with the same-origin session cookie. fetch sends the page's Origin,
 * which the server's CSRF check for cookie-authenticated writes asks for. Rejects only when no
 * answer came (offline), as the port requires.
 */
export const fetchTransport: SyncTransport = {
  async request(req): Promise<TransportResponse> {
    const init: RequestInit = { method: req.method, credentials: "same-origin" };
    if (req.body !== undefined) {
      init.headers = { "Content-Type": "application/json" };
      init.body = req.body;
    }
    const res = await fetch(`/api/v1${req.path}`, init);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    // JSON text: the client parses it, and keeps anything else as is.
    return { status: res.status, body: await res.text(), headers };
  },
  onLinkBack(listener) {
    window.addEventListener("online", listener);
    return () => window.removeEventListener("online", listener);
  },
};

export const browserClock: Clock = { now: () => Date.now() };

export const browserScheduler: Scheduler = {
  schedule(delayMs, task) {
    const timer = window.setTimeout(task, delayMs);
    return () => window.clearTimeout(timer);
  },
};

// What a simulated device's app runs on, made so the app can be killed: one persisted byte
// store (the "disk") opened once per app run, timers and an HTTP transport owned by that run.
// After a crash the run's store writes, timers and answers never come back to it, as when a
// process dies: a request already on the wire may still reach the server, nothing else happens.
import {
  type KeyValueStore,
  MemoryKeyValueStore,
  type Scheduler,
  type SyncTransport,
  type TransportRequest,
  type TransportResponse,
} from "@runstrong/shared/client";
import { DEVICE_HEADER, HOUSEHOLD_HEADER } from "./faultProxy.ts";

/** Never settles: what a killed process's pending work amounts to. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Every value the pull loop stored under a cursor key, in order, across every app run. */
export type CursorRecord = { key: string; cursor: string | null; resetting: boolean };

/** The device's persisted bytes: survives every crash; records each pull cursor it stores. */
export class DeviceDisk {
  readonly bytes = new MemoryKeyValueStore();
  readonly cursors: CursorRecord[] = [];

  private record(key: string, value: string): void {
    // The pull loop keeps its cursor under `<outbox key>.pull[.<kinds>]`.
    if (!/\.pull(\.|$)/.test(key)) return;
    try {
      const v = JSON.parse(value) as { cursor: string | null; resetting: boolean };
      this.cursors.push({ key, cursor: v.cursor, resetting: v.resetting });
    } catch {
      this.cursors.push({ key, cursor: "<unreadable>", resetting: false });
    }
  }

  /** The store one app run sees; dead once `alive()` says so. */
  open(alive: () => boolean): KeyValueStore {
    return {
      get: (key) => (alive() ? this.bytes.get(key) : never()),
      set: async (key, value) => {
        if (!alive()) return never();
        await this.bytes.set(key, value);
        this.record(key, value);
      },
      remove: (key) => (alive() ? this.bytes.remove(key) : never()),
    };
  }
}

/** setTimeout for one app run; a crash cancels everything it scheduled. */
export class RunTimers implements Scheduler {
  private readonly live = new Set<ReturnType<typeof setTimeout>>();

  schedule(delayMs: number, task: () => void): () => void {
    const t = setTimeout(() => {
      this.live.delete(t);
      task();
    }, delayMs);
    this.live.add(t);
    return () => {
      clearTimeout(t);
      this.live.delete(t);
    };
  }

  cancelAll(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}

export type Credentials = { token: string } | { cookie: string };

export type TransportOptions = {
  proxy: string;
  device: string;
  household: number;
  credentials: Credentials;
  alive: () => boolean;
  /** Every HTTP status the device saw (the proxy's drops are thrown, not counted). */
  onStatus?: (status: number) => void;
};

const REQUEST_TIMEOUT_MS = 20_000;

/** Real HTTP through the fault proxy, with the device's credentials, for one app run. */
export function httpTransport(o: TransportOptions): SyncTransport {
  const auth: Record<string, string> =
    "token" in o.credentials
      ? { authorization: `Bearer ${o.credentials.token}` }
      : // The web view's fetch: its cookie, and the browser's same-origin mark for CSRF.
        { cookie: o.credentials.cookie, "sec-fetch-site": "same-origin" };
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      if (!o.alive()) return never();
      const headers: Record<string, string> = {
        ...auth,
        [DEVICE_HEADER]: o.device,
        [HOUSEHOLD_HEADER]: String(o.household),
      };
      if (req.body !== undefined) headers["content-type"] = "application/json";
      let res: { status: number; text: string; headers: Headers };
      try {
        const r = await fetch(`${o.proxy}/api/v1${req.path}`, {
          method: req.method,
          headers,
          body: req.body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        res = { status: r.status, text: await r.text(), headers: r.headers };
      } catch (e) {
        if (!o.alive()) return never();
        throw e;
      }
      if (!o.alive()) return never();
      o.onStatus?.(res.status);
      const out: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        out[k] = v;
      });
      return { status: res.status, body: res.text, headers: out };
    },
  };
}

// The simulated BLE link between the watch app and the phone-side service, with ZML's request
// semantics: the payload is serialised as JSON both ways, a request rejects with
// "ble disconnect" when the phone is away (at once, and for requests in flight when it goes
// away), and a reply to an app instance that was killed is dropped.
import type { Options, SimMessaging } from "./types.ts";

/** ZML chunks messages at 3,584 payload bytes. */
const ZML_CHUNK = 3584;
const DISCONNECT_DELAY_MS = 150;

interface Pending {
  instance: number;
  reject(error: Error): void;
}

export class SimLink {
  private away = false;
  private service: Options | null = null;
  private readonly pending = new Set<Pending>();
  /** Messages each way, for the simulator's counters and the benchmark. */
  readonly stats = { requests: 0, replies: 0, failures: 0, bytesUp: 0, bytesDown: 0 };

  constructor(
    private readonly currentInstance: () => number,
    private readonly log: (line: string, kind?: string) => void,
  ) {}

  attach(service: Options): void {
    this.service = service;
  }

  get phoneAway(): boolean {
    return this.away;
  }

  setAway(away: boolean): void {
    this.away = away;
    this.log(away ? "phone away: the link is down" : "phone back: the link is up", "link");
    if (!away) return;
    for (const p of this.pending) p.reject(disconnect());
    this.pending.clear();
  }

  /** Forgets the requests of a killed app instance: their replies go nowhere. */
  dropAll(): void {
    this.pending.clear();
  }

  messaging(): SimMessaging {
    const instance = this.currentInstance();
    return { request: (data) => this.request(data, instance) };
  }

  private request(data: unknown, instance: number): Promise<unknown> {
    const text = JSON.stringify(data);
    const bytes = new TextEncoder().encode(text).length;
    const chunks = Math.max(1, Math.ceil(bytes / ZML_CHUNK));
    const message = (data as { params?: { m?: unknown } })?.params?.m;
    const summary = typeof message === "string" ? message.slice(0, 60) : text.slice(0, 60);
    this.stats.requests++;
    this.stats.bytesUp += bytes;
    const service = this.service;
    if (this.away || service === null) {
      this.stats.failures++;
      this.log(
        `watch → phone ✗ (${this.away ? "phone away" : "no phone service"}) ${summary}`,
        "link",
      );
      // ZML fails fast when BLE is down; a killed app never hears of it.
      return new Promise((_, reject) =>
        setTimeout(() => {
          if (instance === this.currentInstance()) reject(disconnect());
        }, DISCONNECT_DELAY_MS),
      );
    }
    this.log(
      `watch → phone ${bytes} B${chunks > 1 ? ` (${chunks} chunks)` : ""}: ${summary}`,
      "link",
    );
    return new Promise((resolve, reject) => {
      const entry: Pending = { instance, reject };
      this.pending.add(entry);
      const respond = (error: unknown, result?: unknown) => {
        if (!this.pending.delete(entry)) return;
        if (instance !== this.currentInstance()) return;
        if (error) {
          this.stats.failures++;
          this.log(`phone → watch error: ${JSON.stringify(error).slice(0, 80)}`, "link");
          reject(error);
          return;
        }
        const reply = JSON.stringify(result ?? null);
        const size = new TextEncoder().encode(reply).length;
        this.stats.replies++;
        this.stats.bytesDown += size;
        const m = (result as { m?: unknown } | null)?.m;
        this.log(
          `phone → watch ${size} B: ${typeof m === "string" ? m.slice(0, 60) : reply.slice(0, 60)}`,
          "link",
        );
        resolve(JSON.parse(reply));
      };
      try {
        service.onRequest?.call(service, JSON.parse(text), respond);
      } catch (error) {
        respond({ message: String(error) });
      }
    });
  }
}

function disconnect(): Error {
  return Object.assign(new Error("ble disconnect"), { code: 2 });
}

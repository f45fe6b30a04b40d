// The fault-injecting proxy between the soak's devices and `wrangler dev`: a node:http server on
// loopback that, per request, drops it, drops its answer after the Worker processed it, delivers
// it twice, or delays it (and so reorders). Each device's nth request meets the same fault under
// the same seed. It sets `CF-Connecting-IP` per household, as Cloudflare's edge sets the client
// address, and tells the Worker's own 5xx apart from the faults it makes up.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { chance, fork, type Rng } from "./random.ts";

/** Headers by which a soak device names itself to the proxy (removed before forwarding). */
export const DEVICE_HEADER = "x-soak-device";
export const HOUSEHOLD_HEADER = "x-soak-household";

export type FaultRates = {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  /** Share of requests held back before forwarding, by up to maxDelayMs. */
  delay: number;
  maxDelayMs: number;
};

export const DEFAULT_FAULTS: FaultRates = {
  dropRequest: 0.1,
  dropResponse: 0.1,
  duplicate: 0.05,
  delay: 0.3,
  maxDelayMs: 300,
};

export type FaultKind =
  | "droppedRequest"
  | "droppedResponse"
  | "duplicated"
  | "delayed"
  | "workerDown";

/** A 5xx from behind the proxy (the proxy never makes one up). */
export type WorkerFault = {
  at: number;
  method: string;
  path: string;
  status: number;
  /** The Worker process that answered (its origin). */
  upstream: string;
  body: string;
};

type Upstream = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** The client address Cloudflare would present for household `n`. */
export function householdAddress(n: number): string {
  return `10.${100 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export class FaultProxy {
  /** Faults apply only while on: setup and the final checks run on a clean link. */
  faultsOn = false;
  /** The Worker's origin, or null while it is down. */
  upstream: string | null = null;
  readonly faults: Record<FaultKind, number> = {
    droppedRequest: 0,
    droppedResponse: 0,
    duplicated: 0,
    delayed: 0,
    workerDown: 0,
  };
  requests = 0;
  readonly workerFaults: WorkerFault[] = [];
  private readonly streams = new Map<string, Rng>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private server: http.Server | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly seed: number,
    private readonly rates: FaultRates = DEFAULT_FAULTS,
  ) {}

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1_000;
    this.server = server;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    // Delayed duplicates still on their way are abandoned with the agent's sockets.
    this.agent.destroy();
  }

  /** Resolves once every delayed duplicate copy has been delivered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private stream(device: string): Rng {
    let r = this.streams.get(device);
    if (r === undefined) {
      r = fork(this.seed, `proxy:${device}`);
      this.streams.set(device, r);
    }
    return r;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    this.requests++;
    const device = String(req.headers[DEVICE_HEADER] ?? "setup");
    const household = Number(req.headers[HOUSEHOLD_HEADER] ?? 0);
    const headers: http.OutgoingHttpHeaders = { ...req.headers };
    delete headers[DEVICE_HEADER];
    delete headers[HOUSEHOLD_HEADER];
    delete headers.host;
    delete headers.connection;
    // The edge overwrites whatever address a client claims.
    headers["cf-connecting-ip"] = householdAddress(household);
    const send = () => this.forward(req.method ?? "GET", req.url ?? "/", headers, body);

    // Draw every decision, used or not, so a device's nth request always meets the same fault.
    const r = this.stream(device);
    const roll = r();
    const delayed = chance(r, this.rates.delay);
    const delayMs = Math.floor(r() * this.rates.maxDelayMs);
    const copyDelayMs = Math.floor(r() * this.rates.maxDelayMs * 3);
    const on = this.faultsOn;
    const { dropRequest, dropResponse, duplicate } = this.rates;

    if (on && delayed) {
      this.faults.delayed++;
      await sleep(delayMs);
    }
    if (on && roll < dropRequest) {
      this.faults.droppedRequest++;
      res.destroy();
      return;
    }
    if (on && roll >= dropRequest + dropResponse && roll < dropRequest + dropResponse + duplicate) {
      // The copy goes later, possibly after the device's next requests: a replay out of order.
      this.faults.duplicated++;
      const copy = sleep(copyDelayMs).then(send);
      this.pending.add(copy);
      void copy.finally(() => this.pending.delete(copy));
    }
    const answer = await send();
    if (answer === null) {
      this.faults.workerDown++;
      res.destroy();
      return;
    }
    if (on && roll >= dropRequest && roll < dropRequest + dropResponse) {
      this.faults.droppedResponse++;
      res.destroy();
      return;
    }
    const out: http.OutgoingHttpHeaders = { ...answer.headers };
    for (const hop of ["connection", "keep-alive", "transfer-encoding"]) delete out[hop];
    res.writeHead(answer.status, out);
    res.end(answer.body);
  }

  /** Sends one request to the Worker; null when it is down or the connection broke. */
  private forward(
    method: string,
    url: string,
    headers: http.OutgoingHttpHeaders,
    body: Buffer,
  ): Promise<Upstream | null> {
    const origin = this.upstream;
    if (origin === null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const req = http.request(
        `${origin}${url}`,
        { method, headers: { ...headers, "content-length": body.length }, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", () => resolve(null));
          res.on("end", () => {
            const answer = {
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            };
            if (answer.status >= 500) {
              const fault: WorkerFault = {
                at: Date.now(),
                method,
                path: url,
                status: answer.status,
                upstream: origin,
                body: readable(answer).slice(0, 300),
              };
              this.workerFaults.push(fault);
            }
            resolve(answer);
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy());
      req.on("error", () => resolve(null));
      req.end(body);
    });
  }
}

/** The answer's body as text, unpacked if the Worker compressed it. */
function readable(answer: Upstream): string {
  try {
    const enc = String(answer.headers["content-encoding"] ?? "");
    if (enc === "gzip") return zlib.gunzipSync(answer.body).toString("utf8");
    if (enc === "br") return zlib.brotliDecompressSync(answer.body).toString("utf8");
    if (enc === "deflate") return zlib.inflateSync(answer.body).toString("utf8");
  } catch {
    // shown as it came
  }
  return answer.body.toString("utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

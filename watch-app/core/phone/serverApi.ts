// The phone's HTTP calls to the sync service (protocol v1): builds requests, parses JSON
// answers and sorts every outcome into ok / protocol error / no answer, without throwing.
import type { StopReason, SyncTransport } from "@runstrong/shared/client";
import type { HttpClient } from "../ports.ts";

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";
const API_PREFIX = "/api/v1";

export type ApiResult<T> =
  | { kind: "ok"; status: number; body: T }
  /** A non-2xx answer, with the protocol's error code (or `http_<status>` without one). */
  | {
      kind: "error";
      status: number;
      error: string;
      message: string;
      body: Record<string, unknown>;
      /** From a `Retry-After` header, in seconds. */
      retryAfterS?: number;
    }
  /** No HTTP answer at all: offline, DNS, TLS, timeout. */
  | { kind: "network"; message: string };

export type ApiFailure = Exclude<ApiResult<unknown>, { kind: "ok" }>;

/** Failures worth retrying later as they are: no answer, a server fault, rate limiting. */
export function isTransient(result: ApiResult<unknown>): boolean {
  return (
    result.kind === "network" ||
    (result.kind === "error" && (result.status >= 500 || result.status === 429))
  );
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value.trim());
  // The HTTP-date form is not used by this server; a bad value means "no advice".
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

export function normaliseServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** A stop of the shared client's loops in the terms of the phone's other calls. */
export function failureOf(stop: StopReason): ApiFailure {
  switch (stop.kind) {
    case "offline":
    // The phone's own storage failing passes like a lost connection: tried again with backoff.
    case "storage":
      return { kind: "network", message: stop.message };
    case "unauthorized":
      return { kind: "error", status: 401, error: "unauthorized", message: stop.message, body: {} };
    case "rate_limited": {
      const failure: ApiFailure = {
        kind: "error",
        status: 429,
        error: "rate_limited",
        message: stop.message,
        body: {},
      };
      if (stop.retryAfterMs !== null) failure.retryAfterS = Math.ceil(stop.retryAfterMs / 1000);
      return failure;
    }
    case "server":
      return {
        kind: "error",
        status: stop.status,
        error: "server",
        message: stop.message,
        body: {},
      };
    case "refused":
      return {
        kind: "error",
        status: stop.status,
        error: stop.error,
        message: stop.message,
        body: {},
      };
  }
}

export class ServerApi {
  /** The last call got no HTTP answer; the next answer means the network is back. */
  private away = false;
  private readonly back = new Set<() => void>();

  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: () => Promise<string>,
  ) {}

  /** Calls `listener` when a call is answered again after one got no answer; returns unsubscribe. */
  onBack(listener: () => void): () => void {
    this.back.add(listener);
    return () => {
      this.back.delete(listener);
    };
  }

  /** Sends through the shell's HttpClient, noting whether the server is within reach. */
  private async send(request: Parameters<HttpClient>[0]): ReturnType<HttpClient> {
    let response: Awaited<ReturnType<HttpClient>>;
    try {
      response = await this.http(request);
    } catch (e) {
      this.away = true;
      throw e;
    }
    if (this.away) {
      this.away = false;
      // After this answer has been handled, so a listener's push queues behind it.
      void Promise.resolve().then(() => {
        this.back.forEach((l) => {
          l();
        });
      });
    }
    return response;
  }

  /** The shared sync client's transport: the API with this device's Bearer token. */
  transport(token: string): SyncTransport {
    return {
      request: async (req) => {
        const headers: Record<string, string> = {
          accept: "application/json",
          authorization: `Bearer ${token}`,
        };
        if (req.body !== undefined) headers["content-type"] = "application/json";
        const url = `${normaliseServerUrl(await this.baseUrl())}${API_PREFIX}${req.path}`;
        const res = await this.send(
          req.body === undefined
            ? { method: req.method, url, headers }
            : { method: req.method, url, headers, body: req.body },
        );
        return { status: res.status, body: res.body, headers: res.headers };
      },
    };
  }

  async call<T>(
    method: "GET" | "POST",
    path: string,
    opts: { body?: unknown; token?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    const url = `${normaliseServerUrl(await this.baseUrl())}${API_PREFIX}${path}`;
    let response: Awaited<ReturnType<HttpClient>>;
    try {
      response =
        opts.body === undefined
          ? await this.send({ method, url, headers })
          : await this.send({
              method,
              url,
              headers: { ...headers, "content-type": "application/json" },
              body: JSON.stringify(opts.body),
            });
    } catch (e) {
      return { kind: "network", message: e instanceof Error ? e.message : String(e) };
    }
    let parsed: unknown;
    try {
      parsed = response.body === "" ? {} : JSON.parse(response.body);
    } catch {
      parsed = undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    if (ok && parsed !== undefined)
      return { kind: "ok", status: response.status, body: parsed as T };
    const body = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
      string,
      unknown
    >;
    const result: ApiResult<T> = {
      kind: "error",
      // A 2xx we cannot read is a server fault as far as the client can tell.
      status: ok ? 502 : response.status,
      error: typeof body.error === "string" ? body.error : `http_${response.status}`,
      message: typeof body.message === "string" ? body.message : `HTTP ${response.status}`,
      body,
    };
    const retryAfterS = parseRetryAfter(response.headers["retry-after"]);
    if (retryAfterS !== undefined) result.retryAfterS = retryAfterS;
    return result;
  }
}

// The phone's HTTP calls to the sync service (protocol v1): builds requests, parses JSON
// answers and sorts every outcome into ok / protocol error / no answer, without throwing.
import type { HttpClient } from "./ports.ts";

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

export class ServerApi {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: () => Promise<string>,
  ) {}

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
          ? await this.http({ method, url, headers })
          : await this.http({
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

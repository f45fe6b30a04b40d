// The page's one way to talk to the JSON API: same-origin cookie, JSON both ways, the documented
// error body ({error, message, issues}) handed back instead of thrown.
export type ApiIssue = { path: string; message: string };
export type ApiErrorBody = {
  error: string;
  message: string;
  issues?: ApiIssue[];
  expected?: number;
};
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; body: ApiErrorBody };

/** status 0: the network failed (offline, server unreachable). */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    init.headers = { "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path.startsWith("/") ? path : `/api/v1/${path}`, init);
  } catch {
    return {
      ok: false,
      status: 0,
      body: { error: "network", message: "You seem to be offline; nothing was sent." },
    };
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  const err = (parsed ?? {}) as Partial<ApiErrorBody>;
  return {
    ok: false,
    status: res.status,
    body: {
      ...err,
      error: err.error ?? "http_error",
      message: err.message ?? `The server answered ${res.status}.`,
    },
  };
}

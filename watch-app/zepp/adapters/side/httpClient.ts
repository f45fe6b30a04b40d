// HttpClient over the phone-side service's global `fetch`, which takes one options object and
// resolves to { status, headers, body } with `body` sometimes already parsed from JSON.
import type { HttpClient } from "../../../core/ports.ts";

const TIMEOUT_MS = 20_000;

export function createSideFetchClient(): HttpClient {
  return async (request) => {
    const response = await fetch({
      url: request.url,
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      timeout: TIMEOUT_MS,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    return { status: response.status, headers, body: bodyText(response.body) };
  };
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  return typeof body === "string" ? body : JSON.stringify(body);
}

// HttpClient over the companion's fetch(url, init), with the timeout that fetch lacks.
import type { HttpClient } from "../../../core/ports.ts";

const TIMEOUT_MS = 20000;
/**
 * The companion's Headers offers get() but no iteration (per fitbit-sdk-types), so the response
 * carries the headers the core reads, by name.
 */
const RESPONSE_HEADERS = ["content-type", "retry-after"];

export function createFetchClient(): HttpClient {
  return (request) => {
    const init: RequestInit = { method: request.method, headers: request.headers };
    if (request.body !== undefined) init.body = request.body;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no response in ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
      fetch(request.url, init)
        .then((response) =>
          response.text().then((body) => {
            const headers: Record<string, string> = {};
            for (const name of RESPONSE_HEADERS) {
              const value = response.headers.get(name);
              if (value !== null) headers[name] = value;
            }
            return { status: response.status, headers, body };
          }),
        )
        .then(
          (response) => {
            clearTimeout(timer);
            resolve(response);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
    });
  };
}

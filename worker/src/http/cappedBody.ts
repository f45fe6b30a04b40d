// Reads a request body up to a byte limit without ever holding more: the declared length is
// checked first, then the bytes are counted as they stream in and reading stops at the limit.
import { ApiError } from "./apiError.ts";

export function tooLarge(maxBytes: number): ApiError {
  const size =
    maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MiB` : `${maxBytes / 1024} KiB`;
  return new ApiError(
    413,
    "too_large",
    `The upload is over the limit of ${size}; nothing was stored.`,
  );
}

/** The body's bytes; throws 413 too_large as soon as it is known to be over `maxBytes`. */
export async function readCappedBody(
  req: Request,
  maxBytes: number,
  refuse: (maxBytes: number) => ApiError = tooLarge,
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw refuse(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // The declared length lied (or there was none): stop reading rather than buffer the rest.
      await reader.cancel();
      throw refuse(maxBytes);
    }
    parts.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.byteLength;
  }
  return body;
}

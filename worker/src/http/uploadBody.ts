// Reads a raw upload with a size cap enforced before and while reading: a declared length over
// the cap is refused without reading, and a stream that runs past it is cut off at the cap.
import type { Context } from "hono";
import { ApiError } from "./apiError.ts";

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "too_large",
    `The file is over the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
  );
}

export async function readCappedBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

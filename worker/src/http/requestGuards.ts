// Refuses bodies the API cannot take before any handler reads them: wrong media type (415)
// and oversize bodies (413), checked on the declared length and on the bytes actually sent.
// The refusal is returned as the error response rather than thrown: a caller may hand the
// guard's promise on (`return guard(c, next)`), and a promise that is already rejected when it
// is handed on counts as an unhandled rejection in workerd.
import type { MiddlewareHandler } from "hono";
import { ApiError, errorResponse } from "./apiError.ts";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function jsonBodyGuard(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const declared = c.req.header("content-length");
    const hasBody =
      (declared !== undefined && declared !== "0") || c.req.header("transfer-encoding");
    if (!hasBody) return next();
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_TYPE.test(mediaType)) {
      return errorResponse(
        c,
        new ApiError(
          415,
          "unsupported_media_type",
          "This endpoint takes JSON: send Content-Type: application/json.",
        ),
      );
    }
    if (declared !== undefined && Number(declared) > maxBytes) {
      return errorResponse(c, tooLarge(maxBytes));
    }
    // The declared length can be absent or wrong (chunked uploads): count the real bytes too.
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > maxBytes) return errorResponse(c, tooLarge(maxBytes));
    return next();
  };
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "too_large",
    `The request body is over the limit of ${Math.round(maxBytes / 1024)} KiB.`,
  );
}

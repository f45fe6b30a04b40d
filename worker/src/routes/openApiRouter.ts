// A route group: an OpenAPIHono whose validation failures answer with the documented error shape.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../appEnv.ts";
import { validationHook } from "../http/validationHook.ts";

export function openApiRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

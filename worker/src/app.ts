// The Worker's Hono app: middleware, the /api/v1 route groups, the OpenAPI document, errors.
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./appEnv.ts";
import { database } from "./db/client.ts";
import { ApiError, errorResponse } from "./http/apiError.ts";
import { jsonBodyGuard } from "./http/requestGuards.ts";
import { validationHook } from "./http/validationHook.ts";
import { accountRoutes, authRoutes, meRoutes } from "./routes/auth/auth.routes.ts";
import { calendarRoutes } from "./routes/calendar/calendar.routes.ts";
import { calendarFeedRoutes } from "./routes/calendar/calendarFeed.routes.ts";
import { exportRoutes, importRoutes } from "./routes/dataExport/dataExport.routes.ts";
import { deviceRoutes, pairingRoutes } from "./routes/devices/devices.routes.ts";
import { apiReferencePage } from "./routes/docs/apiReference.ts";
import { exerciseRoutes } from "./routes/exercises/exercises.routes.ts";
import { planShareRoutes } from "./routes/planShares/planShares.routes.ts";
import { planRoutes } from "./routes/plans/plans.routes.ts";
import { runImportRoutes } from "./routes/runs/runs.routes.ts";
import { sessionRoutes } from "./routes/sessions/sessions.routes.ts";
import { syncRoutes } from "./routes/sync/sync.routes.ts";
import { webRoutes } from "./web/web.routes.tsx";

/** Bodies other than a push are small; 64 KiB leaves plenty of room for a plan. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(async (c, next) => {
    // Store 0 for what comes before the caller is known; their own store is opened once they
    // are (resolvePrincipal, useStore in worker/src/db/userStore.ts).
    c.set("accounts", database(c.env.DB));
    c.set("now", Date.now());
    await next();
  });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use(async (c, next) => {
    await next();
    c.header("Cache-Control", c.res.headers.get("Cache-Control") ?? "no-store");
  });
  api.use("*", async (c, next) => {
    // The push route sets its own, larger limit; so does the run import (a file, not JSON).
    if (c.req.path.endsWith("/sync/push") || c.req.path.endsWith("/runs/import")) return next();
    if (c.req.path.endsWith("/api/v1/import")) return next(); // account import: 10 MiB, own guard
    return await jsonBodyGuard(DEFAULT_BODY_LIMIT)(c, next);
  });
  api.route("/auth", authRoutes);
  api.route("/account", accountRoutes);
  api.route("/me", meRoutes);
  api.route("/devices", pairingRoutes);
  api.route("/devices", deviceRoutes);
  api.route("/exercises", exerciseRoutes);
  api.route("/sync", syncRoutes);
  api.route("/plans", planRoutes);
  api.route("/export", exportRoutes);
  api.route("/import", importRoutes);
  api.route("/", calendarRoutes);
  api.route("/", planShareRoutes);
  api.route("/sessions", sessionRoutes);
  api.route("/runs", runImportRoutes);
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A paired device's access token from POST /devices/token",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: "rs_session",
    description: "The web view's session; writes also need a same-origin Origin header",
  });
  const docConfig = {
    openapi: "3.1.0",
    info: {
      title: "runstrong sync API",
      version: "1.0.0",
      description:
        "Sync protocol v1 (accounts, device pairing, exercise catalog, push and pull) and the plans API (plan builder, today's session).",
    },
    servers: [{ url: "/api/v1" }],
  };
  api.doc31("/openapi.json", docConfig);
  api.get("/docs", (c) =>
    c.html(
      apiReferencePage(
        api.getOpenAPI31Document(docConfig) as Parameters<typeof apiReferencePage>[0],
      ),
    ),
  );
  api.notFound(() => {
    throw new ApiError(404, "not_found", "No such endpoint.");
  });

  app.route("/api/v1", api);
  app.route("/", calendarFeedRoutes);
  app.route("/", webRoutes);

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's JSON validator reports unreadable JSON this way.
      return errorResponse(
        c,
        new ApiError(400, "invalid_body", `The request body is not valid JSON (${err.message}).`, {
          issues: [{ path: "", message: "The body is not valid JSON." }],
        }),
      );
    }
    console.error("unhandled error", c.req.method, c.req.path, err);
    return errorResponse(c, new ApiError(500, "internal", "Something went wrong on our side."));
  });
  app.notFound((c) => {
    if (c.req.path.startsWith("/api/"))
      return errorResponse(c, new ApiError(404, "not_found", "No such endpoint."));
    return c.text("Not found", 404);
  });
  return app;
}

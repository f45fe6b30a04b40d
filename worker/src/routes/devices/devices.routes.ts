// Device pairing (device authorization grant), listing and revocation: the route specs (the
// OpenAPI document) and their wiring; the handlers are in devices.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import {
  ApproveRequest,
  DeviceListResponse,
  DeviceResponse,
  PairRequest,
  PairResponse,
  PendingDeviceView,
  TokenRequest,
  TokenResponse,
  UserCodeInput,
} from "@runstrong/shared/schemas";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonBody, jsonResponse, SIGNED_IN } from "../routeParts.ts";
import {
  approvePairing,
  denyPairing,
  exchangeCode,
  listDevices,
  lookUpPairing,
  revokeDevice,
  startPairing,
} from "./devices.handlers.ts";

export const pairRoute = createRoute({
  method: "post",
  path: "/pair",
  tags: ["Devices"],
  summary: "Start pairing: get a device code to poll with and a user code to show",
  request: { body: jsonBody(PairRequest) },
  responses: {
    200: jsonResponse("Pairing started", PairResponse),
    ...pickErrors(400, 413, 415, 429),
  },
});

export const pendingRoute = createRoute({
  method: "get",
  path: "/pending",
  tags: ["Devices"],
  summary: "What device a user code belongs to, shown before approval",
  security: SIGNED_IN,
  request: { query: z.object({ user_code: UserCodeInput }) },
  responses: {
    200: jsonResponse("Pending device", PendingDeviceView),
    ...pickErrors(400, 401, 404, 429),
  },
});

export const approveRoute = createRoute({
  method: "post",
  path: "/approve",
  tags: ["Devices"],
  summary: "Approve a pairing by its user code (web session)",
  security: SIGNED_IN,
  request: { body: jsonBody(ApproveRequest) },
  responses: {
    200: jsonResponse("Approved", DeviceResponse),
    ...pickErrors(400, 401, 403, 404, 413, 415, 429),
  },
});

export const denyRoute = createRoute({
  method: "post",
  path: "/deny",
  tags: ["Devices"],
  summary: "Refuse a pairing by its user code (web session)",
  security: SIGNED_IN,
  request: { body: jsonBody(ApproveRequest) },
  responses: {
    200: jsonResponse("Denied", z.object({ denied: z.literal(true) })),
    ...pickErrors(400, 401, 403, 404, 413, 415, 429),
  },
});

export const tokenRoute = createRoute({
  method: "post",
  path: "/token",
  tags: ["Devices"],
  summary: "Poll for the device's access token",
  request: { body: jsonBody(TokenRequest) },
  responses: {
    200: jsonResponse("Paired: the token, given once", TokenResponse),
    400: jsonResponse(
      "authorization_pending, slow_down, access_denied or expired_token",
      z.object({ error: z.string(), message: z.string() }),
    ),
    ...pickErrors(413, 415, 429),
  },
});

export const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Devices"],
  summary: "The user's paired devices",
  security: SIGNED_IN,
  responses: { 200: jsonResponse("Devices", DeviceListResponse), ...pickErrors(401) },
});

export const revokeRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Devices"],
  summary: "Revoke a device: its token is refused from now on",
  security: SIGNED_IN,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Revoked" }, ...pickErrors(400, 401, 403, 404, 413, 415, 429) },
});

/** Pairing start and token polling need no account. */
export const pairingRoutes = openApiRouter()
  .openapi(pairRoute, startPairing)
  .openapi(tokenRoute, exchangeCode);

/** Approving, listing and revoking need an account. */
export const deviceRoutes = openApiRouter();
deviceRoutes.use(requireAuth());
deviceRoutes
  .openapi(pendingRoute, lookUpPairing)
  .openapi(approveRoute, approvePairing)
  .openapi(denyRoute, denyPairing)
  .openapi(listRoute, listDevices)
  .openapi(revokeRoute, revokeDevice);

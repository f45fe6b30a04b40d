// Accounts: sign up, sign in, sign out, who am I, change password, delete account. The route
// specs (the OpenAPI document) and their wiring; the handlers are in auth.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import {
  ChangePasswordRequest,
  LoginRequest,
  SignupRequest,
  UserResponse,
} from "@runstrong/shared/schemas";
import { z } from "zod";
import { requireAuth } from "../../auth/principal.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonBody, SIGNED_IN } from "../routeParts.ts";
import { changePassword, deleteAccount, logIn, logOut, signUp, whoAmI } from "./auth.handlers.ts";

export const signupRoute = createRoute({
  method: "post",
  path: "/signup",
  tags: ["Accounts"],
  summary: "Create an account and start a web session",
  request: { body: jsonBody(SignupRequest) },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: UserResponse } } },
    ...pickErrors(400, 409, 413, 415, 429),
  },
});

export const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags: ["Accounts"],
  summary: "Sign in and start a web session",
  request: { body: jsonBody(LoginRequest) },
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: UserResponse } } },
    ...pickErrors(400, 401, 413, 415, 429),
  },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Accounts"],
  summary: "End the web session",
  // The session cookie is optional: signing out without one is a no-op.
  security: [{ cookie: [] }, {}],
  responses: { 204: { description: "Signed out" }, ...pickErrors(403, 413, 415, 429) },
});

export const changePasswordRoute = createRoute({
  method: "post",
  path: "/password",
  tags: ["Accounts"],
  summary: "Change the password; other web sessions are signed out",
  security: [{ cookie: [] }],
  request: { body: jsonBody(ChangePasswordRequest) },
  responses: { 204: { description: "Changed" }, ...pickErrors(400, 401, 403, 413, 415, 429) },
});

export const deleteAccountRoute = createRoute({
  method: "post",
  path: "/delete-account",
  tags: ["Accounts"],
  summary: "Delete the account with all its data (password confirms)",
  security: [{ cookie: [] }],
  request: { body: jsonBody(z.object({ password: z.string().min(1).max(256) })) },
  responses: { 204: { description: "Deleted" }, ...pickErrors(400, 401, 403, 413, 415, 429) },
});

export const authRoutes = openApiRouter()
  .openapi(signupRoute, signUp)
  .openapi(loginRoute, logIn)
  .openapi(logoutRoute, logOut);

/** Routes that need a signed-in browser. */
export const accountRoutes = openApiRouter();
accountRoutes.use(requireAuth({ web: true, device: false }));
accountRoutes
  .openapi(changePasswordRoute, changePassword)
  .openapi(deleteAccountRoute, deleteAccount);

export const meRoute = createRoute({
  method: "get",
  // Mounted at /me by the app: the route itself is the group's root.
  path: "/",
  tags: ["Accounts"],
  summary: "The signed-in user (web session or device token)",
  security: SIGNED_IN,
  responses: {
    200: { description: "Who you are", content: { "application/json": { schema: UserResponse } } },
    ...pickErrors(401),
  },
});

export const meRoutes = openApiRouter();
meRoutes.use(requireAuth());
meRoutes.openapi(meRoute, whoAmI);

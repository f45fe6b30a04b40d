// Accounts: sign up, sign in, sign out, who am I, change password, delete account.
import { createRoute } from "@hono/zod-openapi";
import {
  ChangePasswordRequest,
  LoginRequest,
  SignupRequest,
  UserResponse,
} from "@runstrong/shared/schemas";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../auth/password.ts";
import { assertSameOrigin, requireAuth, resolvePrincipal } from "../../auth/principal.ts";
import { assertUnder, clientIp, hit, LIMITS } from "../../auth/rateLimit.ts";
import { clearSessionCookie, startWebSession } from "../../auth/sessionCookie.ts";
import { newId } from "../../auth/tokens.ts";
import { authSessions, syncState, users } from "../../db/schema.ts";
import { ApiError } from "../../http/apiError.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { jsonBody, SIGNED_IN } from "../routeParts.ts";

const signup = createRoute({
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

const login = createRoute({
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

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Accounts"],
  summary: "End the web session",
  // The session cookie is optional: signing out without one is a no-op.
  security: [{ cookie: [] }, {}],
  responses: { 204: { description: "Signed out" }, ...pickErrors(403, 413, 415) },
});

const changePassword = createRoute({
  method: "post",
  path: "/password",
  tags: ["Accounts"],
  summary: "Change the password; other web sessions are signed out",
  security: [{ cookie: [] }],
  request: { body: jsonBody(ChangePasswordRequest) },
  responses: { 204: { description: "Changed" }, ...pickErrors(400, 401, 403, 413, 415, 429) },
});

const deleteAccount = createRoute({
  method: "post",
  path: "/delete-account",
  tags: ["Accounts"],
  summary: "Delete the account with all its data (password confirms)",
  security: [{ cookie: [] }],
  request: { body: jsonBody(z.object({ password: z.string().min(1).max(256) })) },
  responses: { 204: { description: "Deleted" }, ...pickErrors(400, 401, 403, 413, 415, 429) },
});

const wrongCredentials = () =>
  new ApiError(401, "unauthorized", "The email or password is not right.");

export const authRoutes = openApiRouter()
  .openapi(signup, async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.get("db");
    await hit(db, `signup:ip:${clientIp(c.req)}`, LIMITS.signupPerIp, c.get("now"));
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing)
      throw new ApiError(409, "email_taken", "An account with this email exists already.");
    const id = newId();
    const passwordHash = await hashPassword(password);
    try {
      await db.batch([
        db.insert(users).values({ id, email, passwordHash, createdAt: c.get("now") }),
        db.insert(syncState).values({ userId: id, version: 0, epoch: newId() }),
      ]);
    } catch (err) {
      // Two sign-ups with one email at once: the unique index lets only one through.
      if (String(err).includes("UNIQUE")) {
        throw new ApiError(409, "email_taken", "An account with this email exists already.");
      }
      throw err;
    }
    await startWebSession(c, id);
    return c.json({ user: { id, email } }, 201);
  })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.get("db");
    const now = c.get("now");
    // Only failures count, so signing in often is never punished; a spent budget refuses even
    // the right password until its window passes.
    const ip = clientIp(c.req);
    const budgets = [
      [`login:fail:email-ip:${email}|${ip}`, LIMITS.loginFailPerEmailAndIp],
      [`login:fail:email:${email}`, LIMITS.loginFailPerEmail],
      [`login:fail:ip:${ip}`, LIMITS.loginFailPerIp],
    ] as const;
    for (const [key, limit] of budgets) await assertUnder(db, key, limit, now);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      for (const [key, limit] of budgets) await hit(db, key, limit, now);
      throw wrongCredentials();
    }
    await startWebSession(c, user.id);
    return c.json({ user: { id: user.id, email: user.email } }, 200);
  })
  .openapi(logout, async (c) => {
    const principal = await resolvePrincipal(c);
    if (principal?.kind === "web") {
      assertSameOrigin(c);
      await c
        .get("db")
        .delete(authSessions)
        .where(eq(authSessions.tokenHash, principal.sessionHash));
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

/** Routes that need a signed-in browser. */
export const accountRoutes = openApiRouter();
accountRoutes.use(requireAuth({ web: true, device: false }));
accountRoutes
  .openapi(changePassword, async (c) => {
    const { current_password, new_password } = c.req.valid("json");
    const principal = c.get("principal");
    if (principal.kind !== "web") throw wrongCredentials();
    const db = c.get("db");
    await hit(db, `login:user:${principal.userId}`, LIMITS.passwordCheckPerUser, c.get("now"));
    const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
    if (!user || !(await verifyPassword(current_password, user.passwordHash))) {
      throw new ApiError(401, "unauthorized", "The current password is not right.");
    }
    await db.batch([
      db
        .update(users)
        .set({ passwordHash: await hashPassword(new_password) })
        .where(eq(users.id, user.id)),
      db
        .delete(authSessions)
        .where(
          and(eq(authSessions.userId, user.id), ne(authSessions.tokenHash, principal.sessionHash)),
        ),
    ]);
    return c.body(null, 204);
  })
  .openapi(deleteAccount, async (c) => {
    const { password } = c.req.valid("json");
    const principal = c.get("principal");
    const db = c.get("db");
    await hit(db, `login:user:${principal.userId}`, LIMITS.passwordCheckPerUser, c.get("now"));
    const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new ApiError(401, "unauthorized", "The password is not right.");
    }
    // Every table references users with ON DELETE CASCADE (D1 enforces foreign keys).
    await db.delete(users).where(eq(users.id, user.id));
    clearSessionCookie(c);
    return c.body(null, 204);
  });

const me = createRoute({
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
meRoutes.openapi(me, async (c) => {
  const [user] = await c
    .get("db")
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, c.get("principal").userId));
  if (!user) throw new ApiError(401, "unauthorized", "This account no longer exists.");
  return c.json({ user }, 200);
});

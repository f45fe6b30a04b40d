// Handlers of the account routes (specs and wiring in auth.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { and, eq, ne } from "drizzle-orm";
import type { AppEnv } from "../../appEnv.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../auth/password.ts";
import { assertSameOrigin, resolvePrincipal } from "../../auth/principal.ts";
import { assertUnder, clientIp, hit, LIMITS } from "../../auth/rateLimit.ts";
import { clearSessionCookie, startWebSession } from "../../auth/sessionCookie.ts";
import { newId } from "../../auth/tokens.ts";
import { claimEmail, digestKey, dropKeys, dropUser, emailKey } from "../../db/accountIndex.ts";
import { authSessions, syncState, users } from "../../db/schema.ts";
import { storeOfKey, useStore, useUserStore } from "../../db/userStore.ts";
import { ApiError } from "../../http/apiError.ts";
import type {
  changePasswordRoute,
  deleteAccountRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  signupRoute,
} from "./auth.routes.ts";

const wrongCredentials = () =>
  new ApiError(401, "unauthorized", "The email or password is not right.");

export const signUp: RouteHandler<typeof signupRoute, AppEnv> = async (c) => {
  const { email, password } = c.req.valid("json");
  const accounts = c.get("accounts");
  await hit(accounts, `signup:ip:${clientIp(c.req)}`, LIMITS.signupPerIp, c.get("now"));
  const taken = () =>
    new ApiError(409, "email_taken", "An account with this email exists already.");
  // Accounts made before store 0 indexed emails all live in store 0.
  const [existing] = await accounts
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  if (existing) throw taken();
  const id = newId();
  // Emails are unique across every store through store 0's index: two sign-ups with one email
  // at once, on whichever stores, let only one through.
  if (!(await claimEmail(accounts, email, id))) throw taken();
  const { db } = await useUserStore(c, id);
  const passwordHash = await hashPassword(password);
  try {
    await db.batch([
      db.insert(users).values({ id, email, passwordHash, createdAt: c.get("now") }),
      db.insert(syncState).values({ userId: id, version: 0, epoch: newId() }),
    ]);
  } catch (err) {
    await dropKeys(accounts, [emailKey(email)]);
    if (String(err).includes("UNIQUE")) throw taken();
    throw err;
  }
  await startWebSession(c, id);
  return c.json({ user: { id, email } }, 201);
};

export const logIn: RouteHandler<typeof loginRoute, AppEnv> = async (c) => {
  const { email, password } = c.req.valid("json");
  const accounts = c.get("accounts");
  const now = c.get("now");
  // Only failures count, so signing in often is never punished; a spent budget refuses even
  // the right password until its window passes.
  const ip = clientIp(c.req);
  const budgets = [
    [`login:fail:email-ip:${email}|${ip}`, LIMITS.loginFailPerEmailAndIp],
    [`login:fail:email:${email}`, LIMITS.loginFailPerEmail],
    [`login:fail:ip:${ip}`, LIMITS.loginFailPerIp],
  ] as const;
  for (const [key, limit] of budgets) await assertUnder(accounts, key, limit, now);
  const home = await storeOfKey(c, emailKey(email));
  const [found] = await home.db.select().from(users).where(eq(users.email, email));
  const user = home.owner && found?.id !== home.owner.userId ? undefined : found;
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    for (const [key, limit] of budgets) await hit(accounts, key, limit, now);
    throw wrongCredentials();
  }
  useStore(c, home);
  await startWebSession(c, user.id);
  return c.json({ user: { id: user.id, email: user.email } }, 200);
};

export const logOut: RouteHandler<typeof logoutRoute, AppEnv> = async (c) => {
  const principal = await resolvePrincipal(c);
  if (principal?.kind === "web") {
    assertSameOrigin(c);
    await c.get("db").delete(authSessions).where(eq(authSessions.tokenHash, principal.sessionHash));
    await dropKeys(c.get("accounts"), [digestKey("session", principal.sessionHash)]);
  }
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const changePassword: RouteHandler<typeof changePasswordRoute, AppEnv> = async (c) => {
  const { current_password, new_password } = c.req.valid("json");
  const principal = c.get("principal");
  if (principal.kind !== "web") throw wrongCredentials();
  const db = c.get("db");
  const accounts = c.get("accounts");
  await hit(accounts, `login:user:${principal.userId}`, LIMITS.passwordCheckPerUser, c.get("now"));
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user || !(await verifyPassword(current_password, user.passwordHash))) {
    throw new ApiError(401, "unauthorized", "The current password is not right.");
  }
  const [ended] = await db.batch([
    db
      .select({ tokenHash: authSessions.tokenHash })
      .from(authSessions)
      .where(
        and(eq(authSessions.userId, user.id), ne(authSessions.tokenHash, principal.sessionHash)),
      ),
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
  await dropKeys(
    accounts,
    ended.map((s) => digestKey("session", s.tokenHash)),
  );
  return c.body(null, 204);
};

export const deleteAccount: RouteHandler<typeof deleteAccountRoute, AppEnv> = async (c) => {
  const { password } = c.req.valid("json");
  const principal = c.get("principal");
  const db = c.get("db");
  const accounts = c.get("accounts");
  await hit(accounts, `login:user:${principal.userId}`, LIMITS.passwordCheckPerUser, c.get("now"));
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    throw new ApiError(401, "unauthorized", "The password is not right.");
  }
  // Every table references users with ON DELETE CASCADE (D1 enforces foreign keys).
  await db.delete(users).where(eq(users.id, user.id));
  await dropUser(accounts, user.id);
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const whoAmI: RouteHandler<typeof meRoute, AppEnv> = async (c) => {
  const [user] = await c
    .get("db")
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, c.get("principal").userId));
  if (!user) throw new ApiError(401, "unauthorized", "This account no longer exists.");
  return c.json({ user }, 200);
};

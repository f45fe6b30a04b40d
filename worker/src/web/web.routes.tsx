// Server-rendered pages of the web view. Forms talk to the JSON API from small page scripts.
import { Hono } from "hono";
import type { AppEnv } from "../appEnv.ts";
import { resolvePrincipal } from "../auth/principal.ts";
import { Layout } from "./layout.tsx";

function AccountForms() {
  return (
    <section id="account" class="card">
      <h2>Sign in or create an account</h2>
      <form id="auth-form" novalidate>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required />
        <p class="field-error" id="email-error" role="alert" />
        <label for="password">Password (at least 8 characters)</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <p class="field-error" id="password-error" role="alert" />
        <div class="actions">
          <button type="submit" name="mode" value="login">
            Sign in
          </button>
          <button type="submit" name="mode" value="signup" class="secondary">
            Create account
          </button>
        </div>
        <p class="form-error" id="form-error" role="alert" />
      </form>
    </section>
  );
}

export const webRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const principal = await resolvePrincipal(c);
    return c.html(
      <Layout title="Home" script="/static/pair.js">
        <h1>Strength work for runners, counted on your wrist</h1>
        {principal ? (
          <p id="signed-in">
            You are signed in. <a href="/pair">Pair a watch</a> ·{" "}
            <button type="button" id="logout">
              Sign out
            </button>
          </p>
        ) : (
          <AccountForms />
        )}
      </Layout>,
    );
  })
  .get("/pair", async (c) => {
    const principal = await resolvePrincipal(c);
    const code = c.req.query("code") ?? "";
    return c.html(
      <Layout title="Pair a watch" script="/static/pair.js">
        <h1>Pair a watch</h1>
        {principal ? (
          <section class="card">
            <form id="code-form" novalidate>
              <label for="user_code">Code shown on the watch</label>
              <input
                id="user_code"
                name="user_code"
                value={code}
                autocomplete="off"
                autocapitalize="characters"
                placeholder="XXXX-XXXX"
                required
              />
              <p class="field-error" id="user_code-error" role="alert" />
              <button type="submit">Look up</button>
            </form>
            <div id="pending" hidden>
              <p>
                Pair <strong id="pending-name" /> (<span id="pending-platform" />) with your
                account?
              </p>
              <div class="actions">
                <button type="button" id="approve">
                  Approve
                </button>
                <button type="button" id="deny" class="secondary">
                  Deny
                </button>
              </div>
            </div>
            <p id="result" role="status" />
          </section>
        ) : (
          <>
            <p>Sign in first; then enter the code your watch shows.</p>
            <AccountForms />
          </>
        )}
      </Layout>,
    );
  });

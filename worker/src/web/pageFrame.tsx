// The frame every page route answers with: the layout around a body, the sign-in form for a
// signed-out visitor, and the not-found page.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../appEnv.ts";
import { AuthForms } from "./components.tsx";
import { Layout, type LayoutProps, type Tab } from "./layout.tsx";
import type { Viewer } from "./viewer.ts";

type C = Context<AppEnv>;

export function page(
  c: C,
  v: Viewer | null,
  props: LayoutProps,
  body: Child,
  status: 200 | 404 = 200,
) {
  c.header("Cache-Control", "private, no-cache");
  c.header("Vary", "Cookie");
  return c.html(
    <Layout viewer={v} {...props}>
      {body}
    </Layout>,
    status,
  );
}

/** A page that needs an account, for a signed-out visitor: sign in right here. */
export function signInFirst(c: C, title: string, tab: Tab, what: string) {
  return page(
    c,
    null,
    { title, tab },
    <>
      <h1>{title}</h1>
      <AuthForms intro={`Sign in to see ${what}.`} />
    </>,
  );
}

export function notFound(c: C, v: Viewer | null, what: string, back: string) {
  return page(
    c,
    v,
    { title: "Not found" },
    <div class="empty">
      <h1>{what} not found</h1>
      <p class="muted">It may have been deleted on another device.</p>
      <a class="button" href={back}>
        Back
      </a>
    </div>,
    404,
  );
}

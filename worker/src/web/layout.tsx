// The HTML frame every web page shares.
import type { Child } from "hono/jsx";

export function Layout(props: { title: string; children: Child; script?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="theme-color" content="#0f766e" />
        <title>{`${props.title} · runstrong`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        {props.script ? <script type="module" src={props.script} /> : null}
      </head>
      <body>
        <header class="top">
          <a href="/" class="brand">
            runstrong
          </a>
          <nav>
            <a href="/pair">Pair a watch</a> <a href="/api/v1/docs">API</a>
          </nav>
        </header>
        <main class="page">{props.children}</main>
      </body>
    </html>
  );
}

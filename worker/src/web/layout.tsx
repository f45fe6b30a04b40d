// The HTML frame every web page shares: head (manifest, icons, theme), header with the tabs
// (a bottom tab bar on phones), the live region for short messages, and the page's one script.
import type { Child } from "hono/jsx";
import { Icon, type IconName } from "./icons.tsx";
import type { Viewer } from "./viewer.ts";

export type Tab =
  | "today"
  | "plan"
  | "history"
  | "run"
  | "progress"
  | "runs"
  | "assessments"
  | "library"
  | "devices"
  | "account";

const TABS: { id: Tab; href: string; label: string; icon: IconName; primary: boolean }[] = [
  { id: "today", href: "/", label: "Today", icon: "today", primary: true },
  { id: "plan", href: "/plan", label: "Plan", icon: "plan", primary: true },
  { id: "run", href: "/run", label: "Run session", icon: "run", primary: true },
  { id: "history", href: "/history", label: "History", icon: "history", primary: true },
  { id: "progress", href: "/progress", label: "Progress", icon: "progress", primary: true },
  { id: "runs", href: "/runs", label: "Runs", icon: "runs", primary: false },
  { id: "assessments", href: "/assessments", label: "Tests", icon: "assessments", primary: false },
  { id: "library", href: "/exercises", label: "Exercises", icon: "library", primary: false },
  { id: "devices", href: "/devices", label: "Devices", icon: "devices", primary: false },
  { id: "account", href: "/account", label: "Account", icon: "account", primary: false },
];

export type Script = "main" | "progress" | "run" | "plan" | "runs" | "assessments";

/** What a page tells the frame: its title, tab, script, extra styles, and liveness. */
export type LayoutProps = {
  title: string;
  tab?: Tab;
  script?: Script;
  /** Extra stylesheets (uPlot's). */
  styles?: string[];
  /** The page re-renders its <main> when new data syncs (dashboard, history). */
  live?: boolean;
};

export function Layout(props: LayoutProps & { children: Child; viewer: Viewer | null }) {
  const v = props.viewer;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover" />
        <meta name="theme-color" content="#0f766e" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#0d1412" media="(prefers-color-scheme: dark)" />
        <meta name="description" content="Strength training that makes you a stronger runner." />
        <title>{`${props.title} · runstrong`}</title>
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/static/dist/apple-touch-icon.png" />
        <link rel="stylesheet" href="/static/app.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <script type="module" src={`/static/dist/${props.script ?? "main"}.js`} />
      </head>
      <body
        data-user={v?.userId}
        data-web-device={v ? (v.webDeviceId ?? "") : undefined}
        data-web-last-seq={v ? String(v.webLastSeq) : undefined}
        data-state={v?.state}
        data-time-zone={v ? (v.timeZoneSetting ?? "") : undefined}
        class={v ? "signed-in" : "signed-out"}
      >
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="top">
          <a href="/" class="brand" aria-label="runstrong, today">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span>runstrong</span>
          </a>
          {v ? (
            <nav class="tabs" aria-label="Main">
              {TABS.filter((t) => t.primary).map((t) => (
                <a
                  href={t.href}
                  class={t.id === "run" ? "tab tab-run" : "tab"}
                  aria-current={props.tab === t.id ? "page" : undefined}
                >
                  <Icon name={t.icon} />
                  <span>{t.id === "run" ? "Run" : t.label}</span>
                </a>
              ))}
            </nav>
          ) : null}
          <nav class="top-links" aria-label="Account">
            {v ? (
              TABS.filter((t) => !t.primary).map((t) => (
                <a
                  href={t.href}
                  aria-current={props.tab === t.id ? "page" : undefined}
                  title={t.label}
                >
                  <Icon name={t.icon} />
                  <span class="label">{t.label}</span>
                </a>
              ))
            ) : (
              <>
                <a href="/exercises" aria-current={props.tab === "library" ? "page" : undefined}>
                  <Icon name="library" />
                  <span class="label">Exercises</span>
                </a>
                <a href="/#account">Sign in</a>
              </>
            )}
          </nav>
        </header>
        <p id="sync-status" class="sync-status" role="status" hidden />
        <main id="content" class="page" data-live={props.live ? "" : undefined} tabindex={-1}>
          {props.children}
        </main>
        <p id="toast" class="toast" role="status" aria-live="polite" hidden />
      </body>
    </html>
  );
}

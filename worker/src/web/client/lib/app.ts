// Start-up shared by every page: time zone cookie, outbox, live refresh, page behaviour and the
// service worker that keeps the phone runner usable offline.
import { viewer } from "./dom.ts";
import { refreshMain, startLive } from "./live.ts";
import { bindPages } from "./pages.ts";
import { startSync } from "./sync.ts";
import { adoptBrowserTimeZone, browserTimeZone } from "./timeZone.ts";
import { bindTodayActions } from "./todayActions.ts";

/** Without an account setting the server renders dates in the browser's zone, from this cookie. */
function rememberTimeZone(): boolean {
  const tz = browserTimeZone();
  const current = /(?:^|; )rs_tz=([^;]*)/.exec(document.cookie)?.[1];
  if (current && decodeURIComponent(current) === tz) return false;
  // biome-ignore lint/suspicious/noDocumentCookie: cookieStore is not in Safari or Firefox yet.
  document.cookie = `rs_tz=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
  return true;
}

/**
 * Runs `work` once, after the first frame is painted. A module script whose download finishes
 * before the stylesheet's runs ahead of the first frame, and the browser's time zone costs the
 * first `Intl` call of a fresh renderer (ICU's data): measured, most of the script's time before
 * first paint. The timeout covers a hidden tab, which paints no frames.
 */
function afterFirstPaint(work: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 500);
}

export function startApp(): void {
  bindPages();
  bindTodayActions();
  afterFirstPaint(() => {
    const tzChanged = rememberTimeZone();
    if (!viewer()) return;
    startSync();
    adoptBrowserTimeZone();
    startLive();
    if (tzChanged && document.querySelector("[data-live]")) void refreshMain();
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js").catch(() => {
        // No offline copy; everything else still works.
      });
    }
  });
}

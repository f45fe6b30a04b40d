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

export function startApp(): void {
  const tzChanged = rememberTimeZone();
  bindPages();
  bindTodayActions();
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
}

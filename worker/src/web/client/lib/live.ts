// Keeps an open page fresh without a reload: on focus, when the tab becomes visible and every
// few seconds while it is visible, it asks /web/state.json (one small read of the account's sync
// version and devices) whether anything synced; only then it re-renders <main> in place.
import { viewer } from "./dom.ts";
import { flushQuietly, reconcile } from "./sync.ts";

/** Often enough that a set synced from the watch shows "a few seconds" later; hidden tabs skip. */
const POLL_MS = 4_000;
type State = { state: string; web_device_id: string | null; web_last_seq: number };

let inFlight = false;

/** True when the user is typing into a form of this page: never swap content under them. */
function editing(main: HTMLElement): boolean {
  const active = document.activeElement;
  if (active && main.contains(active) && active.matches("input, textarea, select")) return true;
  return main.querySelector("form[data-dirty]") !== null;
}

export async function refreshMain(): Promise<boolean> {
  const main = document.querySelector<HTMLElement>("main");
  if (!main || editing(main)) return false;
  const res = await fetch(location.href, { credentials: "same-origin" });
  if (!res.ok) return false;
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const fresh = doc.querySelector("main");
  if (!fresh || editing(main)) return false;
  main.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
  const state = doc.body.dataset.state;
  if (state) document.body.dataset.state = state;
  document.dispatchEvent(new CustomEvent("rs:refreshed"));
  return true;
}

async function check(): Promise<void> {
  if (inFlight || document.visibilityState === "hidden") return;
  inFlight = true;
  try {
    await flushQuietly();
    const res = await fetch("/web/state.json", { credentials: "same-origin" });
    if (!res.ok) return;
    const s = (await res.json()) as State;
    await reconcile(s.web_device_id, s.web_last_seq);
    if (s.state !== document.body.dataset.state) {
      const live = document.querySelector("[data-live]");
      if (live) await refreshMain();
      else document.body.dataset.state = s.state;
    }
  } catch {
    // offline: try again on the next trigger
  } finally {
    inFlight = false;
  }
}

export function startLive(): void {
  if (!viewer()) return;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void check();
  });
  window.addEventListener("focus", () => void check());
  window.addEventListener("online", () => void check());
  window.setInterval(() => void check(), POLL_MS);
  // Forms mark themselves dirty once typed into, so a refresh never discards what was typed.
  document.addEventListener("input", (e) => {
    const form = (e.target as HTMLElement).closest("form");
    if (form && !form.hasAttribute("data-no-dirty")) form.setAttribute("data-dirty", "");
  });
}

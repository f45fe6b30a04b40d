// Tiny DOM helpers shared by the page scripts.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** The signed-in viewer as the server rendered it on <body>, or null on signed-out pages. */
export type Viewer = {
  userId: string;
  webDeviceId: string;
  webLastSeq: number;
  state: string;
};

export function viewer(): Viewer | null {
  const d = document.body.dataset;
  if (!d.user) return null;
  return {
    userId: d.user,
    webDeviceId: d.webDevice ?? "",
    webLastSeq: Number(d.webLastSeq ?? "0") || 0,
    state: d.state ?? "",
  };
}

/** Announces a short message in the page's polite live region (and shows it as a toast). */
export function announce(message: string, kind: "info" | "error" = "info"): void {
  const el = byId("toast");
  if (!el) return;
  el.textContent = message;
  el.dataset.kind = kind;
  el.hidden = false;
  window.clearTimeout(Number(el.dataset.timer ?? 0));
  el.dataset.timer = String(window.setTimeout(() => (el.hidden = true), 5000));
}

/** A short unique id for client-made entities: time-ordered, 20 characters of [0-9a-z]. */
export function newEntityId(prefix = "w"): string {
  const rand = new Uint8Array(8);
  crypto.getRandomValues(rand);
  const tail = Array.from(rand, (b) => (b % 36).toString(36)).join("");
  return `${prefix}${Date.now().toString(36)}${tail}`;
}

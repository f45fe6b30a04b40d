// The account's time zone from the browser's side: the zone this browser is in, the one-time
// default pushed when the account has none yet, and the account page's list of every zone.
import { viewer } from "./dom.ts";
import { push } from "./sync.ts";

/** The browser's IANA zone, or UTC on a browser that cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * A signed-in account without a zone (the server renders `data-time-zone=""` on <body>) takes
 * this browser's, once: a flag per user keeps a queued push (offline) from being queued again.
 */
export function adoptBrowserTimeZone(): void {
  const v = viewer();
  if (!v || document.body.dataset.timeZone !== "") return;
  const flag = `rs.tzDefaulted.${v.userId}`;
  if (localStorage.getItem(flag)) return;
  localStorage.setItem(flag, "1");
  const time_zone = browserTimeZone();
  document.body.dataset.timeZone = time_zone;
  void push([{ op: "settings.put", args: { time_zone } }]);
}

/** Fills each `select[data-time-zones]` with every zone the browser knows, keeping its choice. */
export function fillTimeZoneOptions(): void {
  const selects = document.querySelectorAll<HTMLSelectElement>("select[data-time-zones]");
  // Pages without the setting skip Intl: a fresh renderer's first call loads ICU's data.
  if (selects.length === 0) return;
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return;
  }
  for (const select of selects) {
    const current = select.value;
    const all = zones.includes(current) ? zones : [...zones, current].sort();
    if (!all.includes("UTC")) all.push("UTC");
    select.replaceChildren(
      ...all.map((zone) => {
        const option = document.createElement("option");
        option.value = zone;
        option.textContent = zone.replaceAll("_", " ");
        option.selected = zone === current;
        return option;
      }),
    );
  }
}

// The home screen: today's session (or why there is none), the built-in routines, the sync state
// (tap it to sync now) and, until paired, the pairing button. The list scrolls; rows are
// stacked at render time so hidden ones leave no gaps.
import type { HomeEntry, HomeScreen, WatchAction } from "../../core/index.ts";
import { color } from "../layout/theme.ts";
import type { HomeLayout } from "../layout/types.ts";
import { actionId } from "./watchPage.ts";
import type { Handle, Widgets } from "./widgets.ts";

const TONE = { ok: color.ok, waiting: color.muted, warning: color.warning } as const;

interface Row {
  button: Handle;
  detail: Handle;
  choice: string;
}

export function homeView(
  { text, button }: Widgets,
  layout: HomeLayout,
  act: (action: WatchAction) => void,
): (screen: HomeScreen) => void {
  const { x, w, line, type: t } = layout;
  const box = (h: number) => ({ x, y: layout.top, w, h });
  const header = text(box(line), { size: t.title, color: color.accent });
  header.set("runstrong");
  const sync = text(box(line), {
    size: t.small,
    color: color.muted,
    onTap: () => act({ type: "sync_now" }),
  });
  const notice = text(box(line * 2), { size: t.small, color: color.warning, wrap: true });
  const note = text(box(line * 2), { size: t.body, color: color.muted, wrap: true });
  let pairAction: WatchAction | null = null;
  const pair = button(box(layout.button), {
    size: t.button,
    normal: color.button,
    pressed: color.buttonPressed,
    radius: layout.radius,
    onClick: () => {
      if (pairAction !== null) act(pairAction);
    },
  });
  const row = (accent: boolean): Row => {
    const r: Row = {
      button: button(box(layout.button), {
        size: t.button,
        normal: accent ? color.accent : color.button,
        pressed: accent ? color.accentPressed : color.buttonPressed,
        radius: layout.radius,
        onClick: () => act({ type: "start", choice: r.choice }),
      }),
      detail: text(box(line), { size: t.small, color: color.muted }),
      choice: "",
    };
    return r;
  };
  /** Today's session stands out; the routines are made as the list needs them. */
  const today = row(true);
  const rows: Row[] = [];
  /** Empty room under the last row: the page scrolls far enough to lift it off the bezel. */
  const end = text(box(layout.bottom), { size: t.small, color: color.muted });
  if (RS_SIM) {
    sync.tag("sync-line");
    notice.tag("home-notice");
    note.tag("today-note");
  }

  return (s) => {
    let y = layout.top;
    const place = (h: Handle, height: number, shown: boolean) => {
      h.show(shown);
      if (!shown) return;
      h.moveTo(y);
      y += height + layout.gap;
    };
    place(header, line, true);
    sync.set(s.sync.text);
    sync.color(TONE[s.sync.tone]);
    place(sync, line, true);
    notice.set(s.notice ?? "");
    place(notice, line * 2, s.notice !== null);
    pairAction = s.pair === null ? null : s.pair.action;
    if (s.pair !== null) {
      pair.set(s.pair.label);
      if (RS_SIM) pair.tag(actionId(s.pair.action));
    }
    place(pair, layout.button, s.pair !== null);
    note.set(s.todayNote ?? "");
    place(note, line * 2, s.todayNote !== null);
    const show = (r: Row, entry: HomeEntry | null) => {
      if (entry !== null) {
        r.choice = entry.choice;
        r.button.set(entry.title);
        r.button.color(s.canStart ? color.text : color.muted);
        r.detail.set(entry.detail);
        if (RS_SIM) r.button.tag(actionId({ type: "start", choice: entry.choice }));
      }
      place(r.button, layout.button, entry !== null);
      place(r.detail, line, entry !== null);
    };
    show(today, s.today);
    s.routines.forEach((entry, i) => {
      rows[i] ??= row(false);
      show(rows[i] as Row, entry);
    });
    for (const r of rows.slice(s.routines.length)) show(r, null);
    place(end, layout.bottom, true);
  };
}

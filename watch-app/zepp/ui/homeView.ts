// The home screen: today's session with its targets and why they moved (or why there is none),
// the built-in routines, the sync state (tap it to sync now) and, until paired, the pairing
// button. The list scrolls; rows are stacked at render time so hidden ones leave no gaps.
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
  const note = text(box(line * 4), { size: t.small, color: color.muted, wrap: true });
  /**
   * Height of wrapped text, from its lines as the widget wraps them at spaces (a character is
   * taken as 0.56 em wide, a little over the system font's average, so text is never cut).
   */
  const wrapped = (value: string, size: number, most: number) => {
    const perLine = Math.max(1, Math.floor(w / (size * 0.56)));
    let lines = 1;
    let used = 0;
    for (const word of value.split(" ")) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) used = need;
      else {
        lines += used === 0 ? 0 : 1;
        lines += Math.ceil(word.length / perLine) - 1;
        used = word.length % perLine || perLine;
      }
    }
    return line * Math.min(most, lines);
  };
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
  const tag = text(box(line * 2), { size: t.small, color: color.accent, wrap: true });
  /** One line per exercise of today's session, made as needed. */
  const targets: Handle[] = [];
  const why = text(box(line * 3), { size: t.small, color: color.muted, wrap: true });
  const rows: Row[] = [];
  /** Empty room under the last row: the page scrolls far enough to lift it off the bezel. */
  const end = text(box(layout.bottom), { size: t.small, color: color.muted });
  if (RS_SIM) {
    sync.tag("sync-line");
    notice.tag("home-notice");
    note.tag("today-note");
    tag.tag("today-tag");
    why.tag("today-why");
  }

  return (s) => {
    let y = layout.top;
    const place = (h: Handle, height: number, shown: boolean) => {
      h.show(shown);
      if (!shown) return;
      h.moveTo(y, height);
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
    place(note, wrapped(s.todayNote ?? "", t.small, 4), s.todayNote !== null);
    tag.set(s.todayTag ?? "");
    place(tag, wrapped(s.todayTag ?? "", t.small, 2), s.todayTag !== null);
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
    s.todayTargets.forEach((target, i) => {
      targets[i] ??= text(box(line * 2), { size: t.small, color: color.text, wrap: true });
      const h = targets[i] as Handle;
      h.set(target);
      if (RS_SIM) h.tag(`today-target-${i}`);
      place(h, wrapped(target, t.small, 2), true);
    });
    for (const h of targets.slice(s.todayTargets.length)) place(h, line, false);
    why.set(s.todayWhy ?? "");
    place(why, wrapped(s.todayWhy ?? "", t.small, 3), s.todayWhy !== null);
    s.routines.forEach((entry, i) => {
      rows[i] ??= row(false);
      show(rows[i] as Row, entry);
    });
    for (const r of rows.slice(s.routines.length)) show(r, null);
    place(end, layout.bottom, true);
  };
}

// The session screens: render whichever screen the session is on (intro, reps, hold, rest, side
// switch, paused, summary) into the target's slots, every button dispatching the action its
// screen model carries; the session page ticks four times a second.
import type {
  ActionButton,
  HomeScreen,
  PairingScreen,
  WatchAction,
  WatchScreen,
} from "../../core/index.ts";
import { color, zoneColor } from "../layout/theme.ts";
import type { SessionLayout } from "../layout/types.ts";
import { screenAccent } from "./screenColors.ts";
import { actionId } from "./watchPage.ts";
import type { Handle, Widgets } from "./widgets.ts";

export type SessionScreen = Exclude<WatchScreen, HomeScreen | PairingScreen>;

const withSide = (setLabel: string, side: string | null) =>
  side === null ? setLabel : `${setLabel} · ${side}`;

export function sessionView(
  { text, button, progress }: Widgets,
  layout: SessionLayout,
  act: (action: WatchAction) => void,
): (screen: SessionScreen) => void {
  const t = layout.type;
  const r = layout.radius;
  /** What each tappable slot does now; null: nothing. */
  const slot: Record<"big" | "primary" | "secondary", WatchAction | null> = {
    big: null,
    primary: null,
    secondary: null,
  };
  let menu: readonly ActionButton[] = [];
  let menuOpen = false;
  let last: SessionScreen | null = null;
  const fire = (name: keyof typeof slot) => () => {
    const action = slot[name];
    if (action !== null) act(action);
  };
  const openMenu = (open: boolean) => {
    menuOpen = open;
    if (last !== null) render(last);
  };

  const ring = progress(layout.progress, { track: color.track, fill: color.accent });
  const top = text(layout.top, { size: t.small, color: color.muted });
  const title = text(layout.title, { size: t.title, color: color.text });
  const big = text(layout.big, { size: t.big, color: color.text, onTap: fire("big") });
  const sub = text(layout.sub, { size: t.body, color: color.muted });
  const note = text(layout.note, { size: t.small, color: color.muted });
  const cue = text(layout.cue, { size: t.small - 4, color: color.muted, wrap: true });
  const primary = button(layout.primary, {
    size: t.button,
    normal: color.accent,
    pressed: color.accentPressed,
    radius: r,
    onClick: fire("primary"),
  });
  const secondary = button(layout.secondary, {
    size: t.small,
    normal: color.button,
    pressed: color.buttonPressed,
    radius: r,
    onClick: fire("secondary"),
  });
  const menuButton = button(layout.menu, {
    size: t.small,
    normal: color.button,
    pressed: color.buttonPressed,
    radius: Math.round(layout.menu.h / 2),
    onClick: () => openMenu(true),
  });
  menuButton.set("•••");
  // The menu replaces the screen while open: its last item closes it.
  const items = layout.menuItems.map((box, i) =>
    button(box, {
      size: t.button,
      normal: i === layout.menuItems.length - 1 ? color.button : color.track,
      pressed: color.buttonPressed,
      radius: r,
      onClick: () => {
        const action = menu[i]?.action;
        // "Finish" asks for a second tap: the menu stays open showing "Tap again to finish".
        menuOpen = action?.type === "finish";
        if (action === undefined) openMenu(false);
        else act(action);
      },
    }),
  );
  if (RS_SIM) {
    top.tag("session-top");
    title.tag("session-title");
    big.tag("big");
    sub.tag("session-sub");
    note.tag("session-note");
    cue.tag("session-cue");
    menuButton.tag("open-menu");
  }

  function setButton(h: Handle, name: "primary" | "secondary", b: ActionButton | null): void {
    slot[name] = b === null ? null : b.action;
    h.show(b !== null && !menuOpen);
    if (b === null) return;
    h.set(b.label);
    if (RS_SIM) h.tag(actionId(b.action));
  }

  function render(s: SessionScreen): void {
    last = s;
    let head = "";
    let name = "";
    let value = "";
    let line = "";
    let extra = "";
    let hint = "";
    let tap: ActionButton | null = null;
    let main: ActionButton | null = null;
    let other: ActionButton | null = null;
    let fraction = 0;
    menu = [];
    // Heart rate, in its zone's colour: on the note line during work, on the top line in a rest.
    const heart = "heart" in s ? s.heart : null;
    const heartColor = heart?.zone == null ? color.muted : zoneColor[heart.zone];
    if (heart !== null) extra = heart.text;
    switch (s.kind) {
      case "intro":
        head = withSide(s.setLabel, s.sideLabel);
        name = s.exercise;
        value = s.target;
        hint = s.cue ?? "";
        main = s.start;
        menu = s.menu;
        break;
      case "reps":
        head = withSide(s.setLabel, s.sideLabel);
        name = s.exercise;
        value = String(s.count);
        line = s.target;
        tap = s.tap;
        main = s.done;
        other = s.undo;
        fraction = s.ring;
        menu = s.menu;
        break;
      case "hold":
        head = withSide(s.setLabel, s.sideLabel);
        name = s.exercise;
        value = s.countdown === null ? s.time : String(s.countdown);
        line = s.openEnded ? "Hold as long as you can" : "Hold";
        main = s.done;
        fraction = s.ring;
        menu = s.menu;
        break;
      case "rest": {
        const n = s.next;
        head = heart === null ? "Rest · up next" : `Rest · ${heart.text}`;
        name = n.exercise;
        value = s.countdown === null ? s.time : String(s.countdown);
        line = withSide(n.setLabel, n.side === null ? null : `${n.side} side`);
        extra = s.ready ?? n.target;
        if (s.screenNote !== null) {
          // Why the screen stays on, under what comes next: the wrapping cue box over both lines.
          hint = `${line} · ${extra}\n${s.screenNote}`;
          line = extra = "";
        }
        main = s.skip;
        other = s.addTime;
        fraction = s.ring;
        menu = s.menu;
        break;
      }
      case "switch_side":
        head = s.setLabel;
        name = s.exercise;
        line = s.text;
        main = s.confirm;
        menu = s.menu;
        break;
      case "paused":
        head = "Paused";
        name = s.exercise;
        value = s.big;
        main = s.resume;
        other = s.finish;
        break;
      case "summary":
        head = "Session done";
        name = s.title;
        value = s.duration;
        line = `${s.sets} sets · ${s.totalReps} reps`;
        extra = `Held ${s.totalHold}`;
        main = s.close;
        break;
    }
    if (menu.length === 0) menuOpen = false;
    const open = menuOpen;
    slot.big = open ? null : tap === null ? null : tap.action;
    ring.color(screenAccent(s.kind));
    ring.set(fraction);
    top.set(head);
    top.color(s.kind === "rest" ? heartColor : color.muted);
    note.color(s.kind === "rest" ? color.muted : heartColor);
    title.set(name);
    big.set(value);
    sub.set(line);
    note.set(extra);
    cue.set(hint);
    for (const h of [top, title, big, sub, note, cue]) h.show(!open);
    setButton(primary, "primary", main);
    setButton(secondary, "secondary", other);
    menuButton.show(menu.length > 0 && !open);
    items.forEach((item, i) => {
      const b = menu[i];
      item.show(open && (b !== undefined || i === items.length - 1));
      item.set(b === undefined ? "Back" : b.label);
      if (RS_SIM) item.tag(b === undefined ? "close-menu" : actionId(b.action));
    });
  }
  return render;
}

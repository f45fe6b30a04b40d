// What the 336×336 Fitbit screen shows for each core WatchScreen, as plain data: which group of
// resources/index.view is visible and what its texts, arcs, fills and buttons hold. Pure (no
// device modules), so it runs under vitest; app/view/render.ts applies it to the SVG document.
import type {
  ActionButton,
  HomeEntry,
  HomeScreen,
  PairingScreen,
  WatchAction,
  WatchScreen,
} from "../../../core/index.ts";

/** The <g> groups of index.view, one per screen kind. */
export type Group =
  | "home"
  | "pairing"
  | "intro"
  | "reps"
  | "hold"
  | "rest"
  | "switch"
  | "paused"
  | "summary";

/** Taps the shell handles itself, next to the core's actions. */
export type UiAction =
  | { type: "core"; action: WatchAction }
  | { type: "home_step"; by: 1 | -1 }
  | { type: "menu"; open: boolean };

export interface ButtonView {
  label: string;
  /** null: shown but inert (e.g. the session card while storage is full). */
  act: UiAction | null;
}

export interface ViewState {
  group: Group;
  /** Element id → text, for every text of the group. */
  texts: { [id: string]: string };
  /** Element id → fill colour, for the elements whose colour follows the state. */
  fills: { [id: string]: string };
  /** Arc element id → sweep angle in whole degrees (0..360, clockwise from 12 o'clock). */
  arcs: { [id: string]: number };
  /** Button id → what it shows and does; null hides it. */
  buttons: { [id: string]: ButtonView | null };
  /** The session menu overlay (its own button ids), or null when closed. */
  menu: { [id: string]: ButtonView | null } | null;
}

/** Shell-side state the core does not keep. */
export interface UiState {
  /** Which home entry the card shows (today first, then the routines). */
  homeIndex: number;
  menuOpen: boolean;
}

export const COLORS = {
  accent: "#ff6a00",
  text: "#ffffff",
  dim: "#9e9e9e",
  ok: "#3ddc84",
  waiting: "#ffb300",
  warning: "#ff5252",
  button: "#2b2b2b",
  disabled: "#3a3a3a",
  openRing: "#4f8cff",
} as const;

/**
 * The contract with resources/index.view (checked by view.test.ts): per group, its text ids with
 * the most characters each shows, its arcs, its recoloured elements and its buttons (id → label
 * limit; 0 for a button without a label). A button `b` is a <g id="b"> holding a hit area
 * <rect id="b-hit" pointer-events="visible"> and, with a label, a <text id="b-label">.
 */
export const LAYOUT: {
  [G in Group]: {
    texts: { [id: string]: number };
    arcs: readonly string[];
    fills: readonly string[];
    buttons: { [id: string]: number };
  };
} = {
  home: {
    texts: {
      "home-sync": 30,
      "home-note": 30,
      "home-detail": 26,
      "home-page": 16,
      "home-info": 64,
    },
    arcs: [],
    fills: ["home-sync", "home-note", "home-card-hit"],
    buttons: {
      "home-card": 20,
      "home-prev": 1,
      "home-sync-now": 6,
      "home-next": 1,
      "home-pair": 18,
    },
  },
  pairing: {
    texts: { "pair-code": 12, "pair-expires": 24, "pair-url": 34, "pair-message": 80 },
    arcs: [],
    fills: [],
    buttons: { "pair-a0": 16, "pair-a1": 10, "pair-a2": 10 },
  },
  intro: {
    texts: { "intro-title": 20, "intro-set": 28, "intro-target": 10, "intro-cue": 96 },
    arcs: [],
    fills: [],
    buttons: { "intro-menu": 6, "intro-start": 10 },
  },
  reps: {
    texts: { "reps-title": 20, "reps-set": 28, "reps-count": 4, "reps-target": 16 },
    arcs: ["reps-ring"],
    fills: [],
    buttons: { "reps-tap": 0, "reps-undo": 6, "reps-menu": 6, "reps-done": 6 },
  },
  hold: {
    texts: { "hold-title": 20, "hold-set": 28, "hold-time": 8, "hold-count": 2 },
    arcs: ["hold-ring"],
    fills: ["hold-ring"],
    buttons: { "hold-menu": 6, "hold-done": 8 },
  },
  rest: {
    texts: { "rest-next": 24, "rest-set": 30, "rest-time": 8, "rest-count": 2 },
    arcs: ["rest-ring"],
    fills: [],
    buttons: { "rest-add": 6, "rest-menu": 6, "rest-skip": 6 },
  },
  switch: {
    texts: { "switch-title": 20, "switch-set": 28, "switch-text": 40 },
    arcs: [],
    fills: [],
    buttons: { "switch-menu": 6, "switch-confirm": 10 },
  },
  paused: {
    texts: { "paused-title": 20, "paused-big": 8 },
    arcs: [],
    fills: [],
    buttons: { "paused-finish": 8, "paused-resume": 8 },
  },
  summary: {
    texts: {
      "summary-title": 20,
      "summary-duration": 8,
      "summary-sets": 20,
      "summary-reps": 20,
      "summary-hold": 20,
    },
    arcs: [],
    fills: [],
    buttons: { "summary-close": 8 },
  },
};

/** The menu overlay's buttons: up to three menu entries and a way back. */
export const MENU_BUTTONS: { [id: string]: number } = {
  "menu-0": 16,
  "menu-1": 16,
  "menu-2": 16,
  "menu-back": 8,
};

export const GROUPS = Object.keys(LAYOUT) as Group[];

// ---- helpers ----

/** At most `limit` characters; a cut text ends in "…". */
export function fit(text: string, limit: number): string {
  if (limit <= 0) return "";
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** An address as read out on a watch: no scheme, no query ("runstrong.example/pair"). */
export function shortUrl(url: string | null): string | null {
  if (url === null) return null;
  return url
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "");
}

/** Degrees of a 0..1 share, clamped and rounded so unchanged frames compare equal. */
export function sweep(share: number): number {
  if (!(share > 0)) return 0;
  return share >= 1 ? 360 : Math.round(share * 360);
}

const core = (button: ActionButton, limit: number): ButtonView => ({
  label: fit(button.label, limit),
  act: { type: "core", action: button.action },
});

const joined = (parts: (string | null | undefined)[]) =>
  parts.filter((p): p is string => typeof p === "string" && p !== "").join(" · ");

/** Fills the texts of `group` from `values`, cutting each to its limit; missing ones are "". */
function texts(group: Group, values: { [id: string]: string | null }): ViewState["texts"] {
  const limits = LAYOUT[group].texts;
  const out: ViewState["texts"] = {};
  for (const id of Object.keys(limits)) out[id] = fit(values[id] ?? "", limits[id] as number);
  return out;
}

function state(
  group: Group,
  values: { [id: string]: string | null },
  buttons: ViewState["buttons"],
  extra: Partial<Pick<ViewState, "arcs" | "fills">> = {},
): ViewState {
  return {
    group,
    texts: texts(group, values),
    fills: extra.fills ?? {},
    arcs: extra.arcs ?? {},
    buttons,
    menu: null,
  };
}

// ---- screens ----

/** Today's session first, then the routines. */
export function homeEntries(screen: HomeScreen): HomeEntry[] {
  return screen.today === null ? screen.routines : [screen.today, ...screen.routines];
}

/** The card index kept within the list (it shrinks when today's session goes away). */
export function clampIndex(index: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(Math.max(0, Math.floor(index) || 0), count - 1);
}

const TONE_COLORS: { [tone in HomeScreen["sync"]["tone"]]: string } = {
  ok: COLORS.ok,
  waiting: COLORS.waiting,
  warning: COLORS.warning,
};

const NOTE_LIMIT = LAYOUT.home.texts["home-note"] as number;

/**
 * The two lines under the buttons (the pairing button's place, so empty while it shows): a note
 * too long for the note line (no plan yet, and where to build one), or on today's card why its
 * targets moved, else the targets themselves.
 */
function homeInfo(screen: HomeScreen, isToday: boolean): string | null {
  if (screen.pair !== null) return null;
  const note = screen.todayNote;
  if (note !== null && note.length > NOTE_LIMIT) return note;
  if (!isToday) return null;
  return screen.todayWhy ?? (screen.todayTargets.join(" · ") || null);
}

function home(screen: HomeScreen, ui: UiState): ViewState {
  const entries = homeEntries(screen);
  const index = clampIndex(ui.homeIndex, entries.length);
  const entry = entries[index];
  const limits = LAYOUT.home.buttons;
  const isToday = entry !== undefined && screen.today !== null && index === 0;
  const info = homeInfo(screen, isToday);
  const longNote = info !== null && info === screen.todayNote;
  // A warning first; then today's tag ("Lighter week") on its card; then the day's note.
  const tag = isToday ? screen.todayTag : null;
  const note = screen.notice ?? tag ?? (longNote ? null : screen.todayNote);
  const many = entries.length > 1;
  const card: ButtonView | null =
    entry === undefined
      ? null
      : {
          label: fit(entry.title, limits["home-card"] as number),
          act: screen.canStart
            ? { type: "core", action: { type: "start", choice: entry.choice } }
            : null,
        };
  return state(
    "home",
    {
      "home-sync": screen.sync.text,
      "home-note": note,
      "home-info": info,
      "home-detail": entry === undefined ? "No routines" : entry.detail,
      "home-page":
        entry === undefined
          ? ""
          : `${isToday ? "Today" : "Routine"} · ${index + 1}/${entries.length}`,
    },
    {
      "home-card": card,
      "home-prev": many ? { label: "<", act: { type: "home_step", by: -1 } } : null,
      "home-sync-now": core({ action: { type: "sync_now" }, label: "Sync" }, 6),
      "home-next": many ? { label: ">", act: { type: "home_step", by: 1 } } : null,
      "home-pair": screen.pair === null ? null : core(screen.pair, limits["home-pair"] as number),
    },
    {
      fills: {
        "home-sync": TONE_COLORS[screen.sync.tone],
        "home-note":
          screen.notice !== null
            ? COLORS.warning
            : tag !== null && note === tag
              ? COLORS.accent
              : COLORS.dim,
        "home-card-hit": screen.canStart ? COLORS.accent : COLORS.disabled,
      },
    },
  );
}

function pairing(screen: PairingScreen): ViewState {
  const limits = LAYOUT.pairing.buttons;
  const [first, second] = screen.actions;
  const buttons: ViewState["buttons"] = { "pair-a0": null, "pair-a1": null, "pair-a2": null };
  // One action spans the width; two share it.
  if (first !== undefined && second === undefined) {
    buttons["pair-a0"] = core(first, limits["pair-a0"] as number);
  } else if (first !== undefined && second !== undefined) {
    buttons["pair-a1"] = core(first, limits["pair-a1"] as number);
    buttons["pair-a2"] = core(second, limits["pair-a2"] as number);
  }
  return state(
    "pairing",
    {
      "pair-code": screen.code,
      "pair-expires": screen.expires,
      "pair-url": shortUrl(screen.url),
      "pair-message": screen.message,
    },
    buttons,
  );
}

/** The menu button of a session screen, opening the overlay. */
const MENU_OPEN: ButtonView = { label: "Menu", act: { type: "menu", open: true } };

function menuOverlay(menu: ActionButton[]): ViewState["menu"] {
  const out: NonNullable<ViewState["menu"]> = {};
  for (let k = 0; k < 3; k++) {
    const item = menu[k];
    out[`menu-${k}`] = item === undefined ? null : core(item, MENU_BUTTONS[`menu-${k}`] as number);
  }
  out["menu-back"] = { label: "Back", act: { type: "menu", open: false } };
  return out;
}

/** The screen's menu entries, for the kinds that have one. */
export function menuOf(screen: WatchScreen): ActionButton[] | null {
  switch (screen.kind) {
    case "intro":
    case "reps":
    case "hold":
    case "rest":
    case "switch_side":
      return screen.menu;
    default:
      return null;
  }
}

function session(screen: WatchScreen): ViewState {
  switch (screen.kind) {
    case "intro":
      return state(
        "intro",
        {
          "intro-title": screen.exercise,
          "intro-set": joined([screen.setLabel, screen.sideLabel]),
          "intro-target": screen.target,
          "intro-cue": screen.cue,
        },
        { "intro-menu": MENU_OPEN, "intro-start": core(screen.start, 10) },
      );
    case "reps":
      return state(
        "reps",
        {
          "reps-title": screen.exercise,
          "reps-set": joined([screen.setLabel, screen.sideLabel, screen.heart?.text ?? null]),
          "reps-count": String(screen.count),
          "reps-target": screen.target === "max" ? "max" : `of ${screen.target}`,
        },
        {
          "reps-tap": { label: "", act: { type: "core", action: screen.tap.action } },
          "reps-undo": screen.undo === null ? null : core(screen.undo, 6),
          "reps-menu": MENU_OPEN,
          "reps-done": core(screen.done, 6),
        },
        { arcs: { "reps-ring": sweep(screen.ring) } },
      );
    case "hold":
      return state(
        "hold",
        {
          "hold-title": screen.exercise,
          "hold-set": joined([screen.setLabel, screen.sideLabel, screen.heart?.text ?? null]),
          // The last seconds show as one large digit instead of the clock.
          "hold-time": screen.countdown === null ? screen.time : "",
          "hold-count": screen.countdown === null ? "" : String(screen.countdown),
        },
        { "hold-menu": MENU_OPEN, "hold-done": core(screen.done, 8) },
        {
          // A timed hold's ring runs down; an open-ended one is a full ring in another colour.
          arcs: { "hold-ring": screen.openEnded ? 360 : sweep(1 - screen.ring) },
          fills: { "hold-ring": screen.openEnded ? COLORS.openRing : COLORS.accent },
        },
      );
    case "rest": {
      const sideLabel =
        screen.next.side === null ? null : screen.next.side === "left" ? "Left" : "Right";
      return state(
        "rest",
        {
          "rest-next": joined([`Next: ${screen.next.exercise}`, screen.heart?.text ?? null]),
          "rest-set": joined([screen.next.setLabel, sideLabel, screen.ready ?? screen.next.target]),
          "rest-time": screen.countdown === null ? screen.time : "",
          "rest-count": screen.countdown === null ? "" : String(screen.countdown),
        },
        {
          "rest-add": core(screen.addTime, 6),
          "rest-menu": MENU_OPEN,
          "rest-skip": core(screen.skip, 6),
        },
        { arcs: { "rest-ring": sweep(1 - screen.ring) } },
      );
    }
    case "switch_side":
      return state(
        "switch",
        {
          "switch-title": screen.exercise,
          "switch-set": joined([screen.setLabel, screen.sideLabel]),
          "switch-text": screen.text,
        },
        { "switch-menu": MENU_OPEN, "switch-confirm": core(screen.confirm, 10) },
      );
    case "paused":
      return state(
        "paused",
        { "paused-title": screen.exercise, "paused-big": screen.big },
        { "paused-finish": core(screen.finish, 8), "paused-resume": core(screen.resume, 8) },
      );
    case "summary":
      return state(
        "summary",
        {
          "summary-title": screen.title,
          "summary-duration": screen.duration,
          "summary-sets": `${screen.sets} ${screen.sets === 1 ? "set" : "sets"}`,
          "summary-reps": `${screen.totalReps} reps`,
          "summary-hold": `${screen.totalHold} held`,
        },
        { "summary-close": core(screen.close, 8) },
      );
    default:
      throw new Error(`not a session screen: ${screen.kind}`);
  }
}

/** What the screen shows for `screen` with the shell's `ui` state. */
export function viewOf(screen: WatchScreen, ui: UiState): ViewState {
  if (screen.kind === "home") return home(screen, ui);
  if (screen.kind === "pairing") return pairing(screen);
  const view = session(screen);
  const menu = menuOf(screen);
  if (ui.menuOpen && menu !== null) view.menu = menuOverlay(menu);
  return view;
}

// ---- input and timing ----

/**
 * What the physical back button does: close the menu, open it during a session (so a stray press
 * does not leave mid-set), leave the summary or the pairing screen; null lets the app exit
 * (from home, or from a paused session, which resumes when the app is opened again).
 */
export function backAction(screen: WatchScreen, ui: UiState): UiAction | null {
  const menu = menuOf(screen);
  if (menu !== null) return { type: "menu", open: !ui.menuOpen };
  if (screen.kind === "summary") return { type: "core", action: screen.close.action };
  if (screen.kind === "pairing") return { type: "core", action: { type: "close_pairing" } };
  return null;
}

/**
 * How often to tick the core and redraw: 4 Hz while a timer runs (countdown digits and ring),
 * every second in the rest of a session and on the pairing screen (its expiry clock, its
 * polling), every 5 s at home (sync status, background refreshes).
 */
export function tickIntervalMs(screen: WatchScreen): number {
  switch (screen.kind) {
    case "hold":
    case "rest":
      return 250;
    case "home":
      return 5000;
    default:
      return 1000;
  }
}

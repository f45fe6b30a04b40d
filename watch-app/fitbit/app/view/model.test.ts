// The screen → element state mapping, fed with real screens from the core's WatchApp.
import { describe, expect, it } from "vitest";
import type { HomeScreen, WatchAction, WatchScreen } from "../../../core/index.ts";
import {
  FakeClock,
  RecordingHaptics,
  RecordingScreen,
  seededRandom,
} from "../../../core/testSupport/fakes.ts";
import { MemoryLocalStore } from "../../../core/testSupport/memoryStore.ts";
import { StubPhone } from "../../../core/testSupport/stubPhone.ts";
import { WatchApp } from "../../../core/watch/watchApp.ts";
import {
  backAction,
  COLORS,
  clampIndex,
  fit,
  homeEntries,
  LAYOUT,
  MENU_BUTTONS,
  shortUrl,
  sweep,
  tickIntervalMs,
  type UiState,
  type ViewState,
  viewOf,
} from "./model.ts";

const closed: UiState = { homeIndex: 0, menuOpen: false };

function rig() {
  const clock = new FakeClock();
  const phone = new StubPhone();
  const app = WatchApp.open({
    store: new MemoryLocalStore(),
    haptics: new RecordingHaptics(),
    screen: new RecordingScreen(),
    clock,
    link: phone,
    random: seededRandom(),
    deviceName: "Fitbit Versa 3",
  });
  return { app, clock, phone };
}

/** Every core action a view's buttons carry. */
function coreActions(view: ViewState): WatchAction[] {
  const all = { ...view.buttons, ...(view.menu ?? {}) };
  const out: WatchAction[] = [];
  for (const button of Object.values(all)) {
    if (button?.act?.type === "core") out.push(button.act.action);
  }
  return out;
}

/** What holds for every view: the group's ids exactly, texts within their limits, sane arcs. */
function expectWellFormed(view: ViewState): void {
  const layout = LAYOUT[view.group];
  expect(Object.keys(view.texts).sort()).toEqual(Object.keys(layout.texts).sort());
  expect(Object.keys(view.buttons).sort()).toEqual(Object.keys(layout.buttons).sort());
  expect(Object.keys(view.arcs).sort()).toEqual([...layout.arcs].sort());
  for (const [id, text] of Object.entries(view.texts)) {
    expect(text.length, id).toBeLessThanOrEqual(layout.texts[id] as number);
  }
  for (const [id, button] of Object.entries(view.buttons)) {
    if (button !== null && layout.buttons[id]) {
      expect(button.label.length, id).toBeLessThanOrEqual(layout.buttons[id] as number);
    }
  }
  for (const id of Object.keys(view.fills)) expect(layout.fills).toContain(id);
  for (const angle of Object.values(view.arcs)) {
    expect(Number.isInteger(angle)).toBe(true);
    expect(angle).toBeGreaterThanOrEqual(0);
    expect(angle).toBeLessThanOrEqual(360);
  }
  if (view.menu !== null)
    expect(Object.keys(view.menu).sort()).toEqual(Object.keys(MENU_BUTTONS).sort());
}

/** Runs "Bare minimum" to its summary, pressing what a user would, and keeps each screen seen. */
function walkSession(): { screens: WatchScreen[]; kinds: Set<string> } {
  const { app, clock } = rig();
  const screens: WatchScreen[] = [];
  app.act({ type: "start", choice: "routine:bare-minimum" });
  for (let step = 0; step < 400; step++) {
    const s = app.screen();
    screens.push(s);
    const view = viewOf(s, closed);
    expectWellFormed(view);
    switch (s.kind) {
      case "reps":
        app.act(s.count < 2 ? s.tap.action : s.done.action);
        break;
      case "intro":
        app.act(s.start.action);
        break;
      case "hold":
        clock.advance(1_000);
        app.tick();
        break;
      case "rest":
        if (s.countdown === null) {
          clock.advance(1_000);
          app.tick();
        } else app.act(s.skip.action);
        break;
      case "switch_side":
        app.act(s.confirm.action);
        break;
      case "summary":
        return { screens, kinds: new Set(screens.map((x) => x.kind)) };
      default:
        throw new Error(`unexpected ${s.kind}`);
    }
  }
  throw new Error("the session did not end");
}

describe("viewOf on a whole session", () => {
  it("maps every screen a routine goes through to a well-formed view", () => {
    const { kinds } = walkSession();
    expect([...kinds].sort()).toEqual(["hold", "intro", "reps", "rest", "summary", "switch_side"]);
  });

  it("shows the rep count, its target and a ring filling with the reps; the screen is the tap", () => {
    const { app } = rig();
    app.act({ type: "start", choice: "routine:bare-minimum" });
    let s = app.screen();
    expect(s.kind).toBe("reps");
    let view = viewOf(s, closed);
    expect(view.group).toBe("reps");
    expect(view.texts["reps-count"]).toBe("0");
    expect(view.texts["reps-target"]).toBe("of 15 reps");
    expect(view.texts["reps-set"]).toBe("Set 1 of 1 · Left side");
    expect(view.arcs["reps-ring"]).toBe(0);
    expect(view.buttons["reps-undo"]).toBeNull();
    expect(view.buttons["reps-tap"]?.act).toEqual({ type: "core", action: { type: "rep_tap" } });
    for (let i = 0; i < 5; i++) app.act({ type: "rep_tap" });
    s = app.screen();
    view = viewOf(s, closed);
    expect(view.texts["reps-count"]).toBe("5");
    expect(view.arcs["reps-ring"]).toBe(120); // 5 of 15
    expect(view.buttons["reps-undo"]?.act).toEqual({ type: "core", action: { type: "undo_tap" } });
  });

  it("runs the hold ring down, then shows 3, 2, 1 in large type instead of the clock", () => {
    const { screens } = walkSession();
    const holds = screens.filter((s) => s.kind === "hold");
    const first = viewOf(holds[0] as WatchScreen, closed);
    expect(first.texts["hold-time"]).toBe("0:10");
    expect(first.texts["hold-count"]).toBe("");
    expect(first.arcs["hold-ring"]).toBe(360);
    expect(first.fills["hold-ring"]).toBe(COLORS.accent);
    const counting = holds.find((s) => s.kind === "hold" && s.countdown !== null) as WatchScreen;
    const view = viewOf(counting, closed);
    expect(view.texts["hold-time"]).toBe("");
    expect(view.texts["hold-count"]).toMatch(/^[123]$/);
    expect(view.arcs["hold-ring"]).toBeLessThan(360);
  });

  it("draws an open-ended hold as a full ring in its own colour", () => {
    const screen: WatchScreen = {
      kind: "hold",
      heart: null,
      exercise: "Plank",
      setLabel: "Set 1 of 1",
      side: null,
      sideLabel: null,
      menu: [],
      time: "0:42",
      countdown: null,
      ring: 0,
      openEnded: true,
      done: { action: { type: "hold_complete" }, label: "Done" },
    };
    const view = viewOf(screen, closed);
    expect(view.arcs["hold-ring"]).toBe(360);
    expect(view.fills["hold-ring"]).toBe(COLORS.openRing);
    expect(view.texts["hold-time"]).toBe("0:42");
  });

  it("shows what comes after a rest, with +15 s and skip", () => {
    const { screens } = walkSession();
    const rest = screens.find((s) => s.kind === "rest") as WatchScreen;
    const view = viewOf(rest, closed);
    expect(view.texts["rest-next"]).toMatch(/^Next: /);
    expect(view.texts["rest-set"]).toContain("Set ");
    expect(coreActions(view)).toEqual(
      expect.arrayContaining([{ type: "rest_add_15" }, { type: "rest_skip" }]),
    );
  });

  it("offers the session menu (pause, skip, finish and back) only while it is open", () => {
    const { app } = rig();
    app.act({ type: "start", choice: "routine:bare-minimum" });
    const s = app.screen();
    expect(viewOf(s, closed).menu).toBeNull();
    expect(viewOf(s, closed).buttons["reps-menu"]?.act).toEqual({ type: "menu", open: true });
    const view = viewOf(s, { homeIndex: 0, menuOpen: true });
    expectWellFormed(view);
    expect(view.menu?.["menu-0"]?.label).toBe("Pause");
    expect(view.menu?.["menu-1"]?.label).toBe("Skip exercise");
    expect(view.menu?.["menu-2"]?.label).toBe("Finish");
    expect(view.menu?.["menu-back"]?.act).toEqual({ type: "menu", open: false });
  });

  it("shows a paused session frozen, with resume and finish (and no menu)", () => {
    const { app } = rig();
    app.act({ type: "start", choice: "routine:bare-minimum" });
    app.act({ type: "rep_tap" });
    app.act({ type: "pause" });
    const s = app.screen();
    expect(s.kind).toBe("paused");
    const view = viewOf(s, { homeIndex: 0, menuOpen: true });
    expectWellFormed(view);
    expect(view.menu).toBeNull();
    expect(view.texts["paused-big"]).toBe("1");
    expect(coreActions(view)).toEqual([{ type: "finish" }, { type: "resume" }]);
  });

  it("sums the session up and closes it", () => {
    const { screens } = walkSession();
    const view = viewOf(screens[screens.length - 1] as WatchScreen, closed);
    expect(view.group).toBe("summary");
    expect(view.texts["summary-title"]).toBe("Bare minimum");
    expect(view.texts["summary-sets"]).toMatch(/^\d+ sets?$/);
    expect(view.texts["summary-reps"]).toMatch(/^\d+ reps$/);
    expect(view.buttons["summary-close"]?.act).toEqual({
      type: "core",
      action: { type: "close_summary" },
    });
  });
});

describe("viewOf at home", () => {
  const home = (over: Partial<HomeScreen> = {}): HomeScreen => ({
    ...(rig().app.screen() as HomeScreen),
    ...over,
  });

  it("pages through today's session and the routines on one big card that starts it", () => {
    const today = { choice: "today", title: "Lower body", detail: "4 exercises · 11 sets" };
    const screen = home({ today });
    const entries = homeEntries(screen);
    expect(entries[0]).toEqual(today);
    const first = viewOf(screen, closed);
    expectWellFormed(first);
    expect(first.buttons["home-card"]?.label).toBe("Lower body");
    expect(first.texts["home-detail"]).toBe("4 exercises · 11 sets");
    expect(first.texts["home-page"]).toBe(`Today · 1/${entries.length}`);
    expect(first.buttons["home-card"]?.act).toEqual({
      type: "core",
      action: { type: "start", choice: "today" },
    });
    const second = viewOf(screen, { homeIndex: 1, menuOpen: false });
    expect(second.texts["home-page"]).toBe(`Routine · 2/${entries.length}`);
    expect(second.buttons["home-card"]?.act).toEqual({
      type: "core",
      action: { type: "start", choice: "routine:bare-minimum" },
    });
    // An index past the end (today's session went away) shows the last entry.
    const past = viewOf(screen, { homeIndex: 99, menuOpen: false });
    expect(past.texts["home-page"]).toBe(`Routine · ${entries.length}/${entries.length}`);
  });

  it("keeps the card but makes it inert while storage is full, and says why", () => {
    const notice = "Storage full: sync with the phone to start a session";
    const view = viewOf(home({ canStart: false, notice }), closed);
    expect(view.buttons["home-card"]?.act).toBeNull();
    expect(view.fills["home-card-hit"]).toBe(COLORS.disabled);
    expect(view.texts["home-note"]).toBe(fit(notice, LAYOUT.home.texts["home-note"] as number));
    expect(view.fills["home-note"]).toBe(COLORS.warning);
  });

  it("colours the sync line by its tone and offers pairing until paired", () => {
    const unpaired = viewOf(home(), closed);
    expect(unpaired.buttons["home-pair"]?.act).toEqual({
      type: "core",
      action: { type: "open_pairing" },
    });
    const paired = viewOf(
      home({ pair: null, sync: { text: "Synced just now", tone: "ok" } }),
      closed,
    );
    expect(paired.buttons["home-pair"]).toBeNull();
    expect(paired.texts["home-sync"]).toBe("Synced just now");
    expect(paired.fills["home-sync"]).toBe(COLORS.ok);
    expect(viewOf(home({ sync: { text: "x", tone: "waiting" } }), closed).fills["home-sync"]).toBe(
      COLORS.waiting,
    );
  });

  it("shows today's tag on its card, and why its targets moved (else the targets) under the buttons", () => {
    const today = { choice: "today", title: "Lower body", detail: "2 exercises · 5 sets" };
    const screen = home({
      today,
      pair: null,
      todayTag: "Lighter week",
      todayTargets: ["Squat 3×10 · 20 kg", "Side plank 2×35 s/side"],
      todayWhy: "All sets done last week: two more reps.",
    });
    const view = viewOf(screen, closed);
    expectWellFormed(view);
    expect(view.texts["home-note"]).toBe("Lighter week");
    expect(view.fills["home-note"]).toBe(COLORS.accent);
    expect(view.texts["home-info"]).toBe("All sets done last week: two more reps.");
    const noWhy = viewOf({ ...screen, todayWhy: null }, closed);
    expect(noWhy.texts["home-info"]).toBe("Squat 3×10 · 20 kg · Side plank 2×35 s/side");
    // On a routine's card neither shows.
    const routine = viewOf(screen, { homeIndex: 1, menuOpen: false });
    expect(routine.texts["home-note"]).toBe("");
    expect(routine.texts["home-info"]).toBe("");
    // The pairing button takes that place while it shows.
    expect(viewOf({ ...screen, pair: home().pair }, closed).texts["home-info"]).toBe("");
  });

  it("says in full where to build a plan when there is none, with the routines still on offer", () => {
    const note = "No plan yet — build one at runstrong.example/plan";
    const view = viewOf(home({ today: null, pair: null, todayNote: note }), closed);
    expectWellFormed(view);
    expect(view.texts["home-info"]).toBe(note);
    expect(view.texts["home-note"]).toBe("");
    expect(view.buttons["home-card"]?.label).toBe("Bare minimum");
    // A short note stays on the note line.
    const rest = viewOf(home({ today: null, pair: null, todayNote: "Rest day" }), closed);
    expect(rest.texts["home-note"]).toBe("Rest day");
    expect(rest.texts["home-info"]).toBe("");
  });

  it("hides the arrows when there is a single entry", () => {
    const only = home({ today: null, routines: home().routines.slice(0, 1) });
    const view = viewOf(only, closed);
    expect(view.buttons["home-prev"]).toBeNull();
    expect(view.buttons["home-next"]).toBeNull();
    expect(view.texts["home-page"]).toBe("Routine · 1/1");
  });
});

describe("viewOf for pairing", () => {
  it("shows the code in large type with its expiry, the page, and a full-width close", async () => {
    const { app, phone } = rig();
    phone.answer = (req) =>
      req.type === "pair_start"
        ? {
            type: "pairing",
            state: "pending",
            userCode: "ACDE-FGHJ",
            expiresInS: 600,
            verificationUri: "https://runstrong.example/pair?code=ACDEFGHJ",
          }
        : null;
    app.act({ type: "open_pairing" });
    const starting = viewOf(app.screen(), closed);
    expect(starting.group).toBe("pairing");
    expect(starting.texts["pair-message"]).toBe("Asking the phone…");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = viewOf(app.screen(), closed);
    expectWellFormed(view);
    expect(view.texts["pair-code"]).toBe("ACDE-FGHJ");
    expect(view.texts["pair-expires"]).toBe("Expires in 10:00");
    expect(view.texts["pair-url"]).toBe("runstrong.example/pair");
    expect(view.buttons["pair-a0"]?.label).toBe("Close");
    expect(view.buttons["pair-a1"]).toBeNull();
    expect(view.buttons["pair-a2"]).toBeNull();
  });

  it("puts two actions side by side (a new code, close) when the phone is away", async () => {
    const { app } = rig();
    app.act({ type: "open_pairing" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = viewOf(app.screen(), closed);
    expect(view.texts["pair-code"]).toBe("");
    expect(view.texts["pair-message"]).toMatch(/^Phone not reachable/);
    expect(view.buttons["pair-a0"]).toBeNull();
    expect(view.buttons["pair-a1"]?.act).toEqual({
      type: "core",
      action: { type: "open_pairing" },
    });
    expect(view.buttons["pair-a2"]?.act).toEqual({
      type: "core",
      action: { type: "close_pairing" },
    });
  });
});

describe("input and pacing", () => {
  it("uses back to toggle the menu in a session, to leave summary and pairing, else exits", () => {
    const { app } = rig();
    expect(backAction(app.screen(), closed)).toBeNull();
    app.act({ type: "open_pairing" });
    expect(backAction(app.screen(), closed)).toEqual({
      type: "core",
      action: { type: "close_pairing" },
    });
    app.act({ type: "close_pairing" });
    app.act({ type: "start", choice: "routine:bare-minimum" });
    expect(backAction(app.screen(), closed)).toEqual({ type: "menu", open: true });
    expect(backAction(app.screen(), { homeIndex: 0, menuOpen: true })).toEqual({
      type: "menu",
      open: false,
    });
    app.act({ type: "pause" });
    expect(backAction(app.screen(), closed)).toBeNull();
    app.act({ type: "finish" });
    app.act({ type: "finish" });
    expect(app.screen().kind).toBe("summary");
    expect(backAction(app.screen(), closed)).toEqual({
      type: "core",
      action: { type: "close_summary" },
    });
  });

  it("ticks fast only while a timer runs", () => {
    const { screens } = walkSession();
    const pace = (kind: string) =>
      tickIntervalMs(screens.find((s) => s.kind === kind) as WatchScreen);
    expect(pace("hold")).toBe(250);
    expect(pace("rest")).toBe(250);
    expect(pace("reps")).toBe(1000);
    expect(tickIntervalMs(rig().app.screen())).toBe(5000);
  });
});

describe("helpers", () => {
  it("cuts long texts with an ellipsis within the limit", () => {
    expect(fit("Eccentric calf raise", 20)).toBe("Eccentric calf raise");
    expect(fit("Eccentric calf raises", 20)).toBe("Eccentric calf rais…");
    expect(fit("abc", 0)).toBe("");
    expect(fit("", 5)).toBe("");
  });

  it("turns shares into whole degrees within 0..360", () => {
    expect(sweep(0)).toBe(0);
    expect(sweep(-1)).toBe(0);
    expect(sweep(Number.NaN)).toBe(0);
    expect(sweep(0.5)).toBe(180);
    expect(sweep(1)).toBe(360);
    expect(sweep(7)).toBe(360);
    expect(sweep(1 / 3)).toBe(120);
  });

  it("reads addresses out without scheme or query", () => {
    expect(shortUrl("https://rs.example/pair?code=AB#x")).toBe("rs.example/pair");
    expect(shortUrl("http://127.0.0.1:8787/")).toBe("127.0.0.1:8787");
    expect(shortUrl(null)).toBeNull();
  });

  it("keeps an index inside the list", () => {
    expect(clampIndex(5, 3)).toBe(2);
    expect(clampIndex(-1, 3)).toBe(0);
    expect(clampIndex(Number.NaN, 3)).toBe(0);
    expect(clampIndex(1, 0)).toBe(0);
  });
});

// Watch-shaped screen models: plain data the shells render (round 480/466 and square 390×450
// layouts are the shells' job), built from the engine's view and the app's state.
import {
  type EngineEventType,
  type EngineSide,
  type EngineState,
  formatClock,
  loggedSetCount,
  type ScreenView,
} from "@runstrong/shared/engine";
import { type HrZoneNumber, hrZone } from "@runstrong/shared/heartRate";
import type { TodayPlan } from "../link/todayPlan.ts";
import type { BuiltinRoutine } from "./builtinRoutines.ts";
import type { PairingProgress, SyncStatus } from "./watchSync.ts";

/** Everything a tap can ask of the app. */
export type WatchAction =
  | { type: EngineEventType }
  /** `choice`: "today", or "routine:<id>" for a built-in routine. */
  | { type: "start"; choice: string }
  | { type: "close_summary" }
  | { type: "open_pairing" }
  | { type: "close_pairing" }
  | { type: "sync_now" };

export interface ActionButton {
  action: WatchAction;
  label: string;
}

export interface HomeEntry {
  choice: string;
  title: string;
  /** "4 exercises · 11 sets". */
  detail: string;
}

export interface HomeScreen {
  kind: "home";
  /** The session the plan suggests today; null on a rest day or without a plan. */
  today: HomeEntry | null;
  /** "Rest day · Easy run", "No plan yet — build one at runstrong.example/plan". */
  todayNote: string | null;
  /** "Lighter week", "Taper", "Adjusted: core & upper body"; null in an ordinary week. */
  todayTag: string | null;
  /** Today's exercises with their (progressed) targets: "Squat 3×12", "Side plank 2×30 s/side". */
  todayTargets: string[];
  /** Why the targets moved (the first progression reason), cut to fit two lines. */
  todayWhy: string | null;
  routines: HomeEntry[];
  sync: { text: string; tone: "ok" | "waiting" | "warning" };
  /** False when starting would be refused (storage full of unsynced sets). */
  canStart: boolean;
  /** A warning worth a line of its own (storage full, sets rejected by the server). */
  notice: string | null;
  pair: ActionButton | null;
}

/** Heart rate on a session screen: "142 bpm" coloured by its zone (null without a max). */
export interface HeartLine {
  text: string;
  zone: HrZoneNumber | null;
}

/** What a session screen says about heart rate, from the sensor's state and the settings. */
export interface HeartInput {
  status: "on" | "off" | "absent" | "denied";
  bpm: number | null;
  maxBpm?: number;
  restReadyBpm?: number;
}

/** Nothing on a watch without a sensor; why not when the runner has not allowed it. */
export function heartLine(h: HeartInput | null): HeartLine | null {
  if (h === null || h.status === "absent" || h.status === "off") return null;
  if (h.status === "denied") return { text: "HR not allowed", zone: null };
  if (h.bpm === null) return { text: "HR …", zone: null };
  return { text: `${h.bpm} bpm`, zone: h.maxBpm === undefined ? null : hrZone(h.bpm, h.maxBpm) };
}

/** The heart-rate rest's line: what ends the rest early, or why it cannot. */
function readyLine(h: HeartInput | null): string | null {
  if (h === null || h.restReadyBpm === undefined) return null;
  return h.status === "on" ? `Ready below ${h.restReadyBpm} bpm` : "No heart rate: timed rest";
}

interface SessionCommon {
  heart: HeartLine | null;
  exercise: string;
  /** "Set 2 of 3". */
  setLabel: string;
  side: EngineSide | null;
  /** "Left side". */
  sideLabel: string | null;
  /** Long-press / swipe menu: pause, skip exercise, finish. */
  menu: ActionButton[];
}

export interface IntroScreen extends SessionCommon {
  kind: "intro";
  /** "30 s". */
  target: string;
  cue: string | null;
  start: ActionButton;
}

export interface RepsScreen extends SessionCommon {
  kind: "reps";
  count: number;
  /** "12 reps", "max". */
  target: string;
  /** 0..1 of the target. */
  ring: number;
  /** The whole screen is this button. */
  tap: ActionButton;
  undo: ActionButton | null;
  done: ActionButton;
}

export interface HoldScreen extends SessionCommon {
  kind: "hold";
  /** "0:27"; counts up when the hold has no target. */
  time: string;
  /** 3, 2, 1 in the last seconds, for large type. */
  countdown: number | null;
  ring: number;
  openEnded: boolean;
  done: ActionButton;
}

export interface RestScreen {
  kind: "rest";
  heart: HeartLine | null;
  /** "Ready below 110 bpm" in the heart-rate rest. */
  ready: string | null;
  /** Why the screen stays on in this rest ("Screen stays on: no background buzz on this watch"). */
  screenNote: string | null;
  time: string;
  countdown: number | null;
  ring: number;
  next: { exercise: string; setLabel: string; side: EngineSide | null; target: string };
  addTime: ActionButton;
  skip: ActionButton;
  menu: ActionButton[];
}

export interface SwitchSideScreen extends SessionCommon {
  kind: "switch_side";
  /** "Switch to right side". */
  text: string;
  confirm: ActionButton;
}

export interface PausedScreen {
  kind: "paused";
  exercise: string;
  /** The frozen time or count under the pause. */
  big: string;
  resume: ActionButton;
  finish: ActionButton;
}

export interface SummaryScreen {
  kind: "summary";
  title: string;
  duration: string;
  sets: number;
  totalReps: number;
  /** "2:30". */
  totalHold: string;
  close: ActionButton;
}

export interface PairingScreen {
  kind: "pairing";
  state: "starting" | "pending" | "paired" | "denied" | "expired" | "phone_away" | "error";
  /** "ACDE-FGHJ", for large type. */
  code: string | null;
  /** "Expires in 9:12". */
  expires: string | null;
  url: string | null;
  message: string;
  actions: ActionButton[];
}

export type WatchScreen =
  | HomeScreen
  | IntroScreen
  | RepsScreen
  | HoldScreen
  | RestScreen
  | SwitchSideScreen
  | PausedScreen
  | SummaryScreen
  | PairingScreen;

const button = (type: EngineEventType, label: string): ActionButton => ({
  action: { type },
  label,
});

// ---- home ----

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function entryDetail(items: TodayPlan["items"]): string {
  const sets = loggedSetCount(items);
  return `${plural(items.length, "exercise")} · ${plural(sets, "set")}`;
}

/** "just now", "2 min ago", "3 h ago", "2 d ago". */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function syncLine(status: SyncStatus, nowMs: number): HomeScreen["sync"] {
  const waiting =
    status.pendingSets > 0
      ? plural(status.pendingSets, "set")
      : status.pendingItems > 0
        ? "Session"
        : null;
  if (status.paired === false) {
    return {
      text: waiting === null ? "Not paired" : `Not paired · ${waiting} waiting`,
      tone: "warning",
    };
  }
  if (waiting !== null) {
    const why =
      status.problem === "offline"
        ? " · phone offline"
        : status.problem === "server" || status.problem === "rate_limited"
          ? " · server busy"
          : "";
    return { text: `${waiting} waiting for phone${why}`, tone: "waiting" };
  }
  if (status.lastSyncAtMs === null) return { text: "Not synced yet", tone: "waiting" };
  return { text: `Synced ${agoText(nowMs - status.lastSyncAtMs)}`, tone: "ok" };
}

/** "Squat 3×12", "Plank 3×40 s", "Lunge 2×10/side · 8 kg", "Push-up 2×max". */
export function targetLine(item: TodayPlan["items"][number]): string {
  // As the session screens say it: an AMRAP set is "max" whatever its reference target.
  const each =
    item.mode === "amrap"
      ? "max"
      : item.mode === "hold"
        ? item.target_hold_s === undefined
          ? "hold"
          : `${item.target_hold_s} s`
        : (item.target_reps ?? "reps");
  const side = item.per_side ? "/side" : "";
  const weight = item.weight_kg === undefined ? "" : ` · ${item.weight_kg} kg`;
  return `${item.name} ${item.sets}×${each}${side}${weight}`;
}

/** The word on a week or day that is not ordinary; an accepted adjustment names the new day. */
function dayTag(today: TodayPlan): string | null {
  if (today.adjusted) {
    const title = today.title;
    return title === null
      ? "Adjusted"
      : `Adjusted: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  }
  if (today.taper) return "Taper";
  return today.deload ? "Lighter week" : null;
}

/** Longest "why" shown: two short lines on the smallest screen. */
export const WHY_MAX_CHARS = 56;

export function homeScreen(input: {
  nowMs: number;
  today: TodayPlan | null;
  routines: readonly BuiltinRoutine[];
  sync: SyncStatus;
}): HomeScreen {
  const { today, sync } = input;
  let entry: HomeEntry | null = null;
  let note: string | null = null;
  let tag: string | null = null;
  let why: string | null = null;
  if (today !== null && today.planId !== null) {
    tag = dayTag(today);
    if (today.items.length > 0) {
      entry = {
        choice: "today",
        title: today.title ?? today.planName ?? "Today's session",
        detail: entryDetail(today.items),
      };
      const reason = today.why;
      if (reason !== undefined) {
        why = reason.length <= WHY_MAX_CHARS ? reason : `${reason.slice(0, WHY_MAX_CHARS - 1)}…`;
      }
    } else note = today.title === null ? "Rest day" : `Rest day · ${today.title}`;
  } else if (today !== null) {
    // The built-in routines below stay on offer either way.
    note =
      today.planAt === undefined
        ? "No plan yet: pick a routine"
        : `No plan yet — build one at ${today.planAt}`;
  }
  let notice: string | null = null;
  if (!sync.canStartSession) notice = "Storage full: sync with the phone to start a session";
  else if (sync.rejected.length > 0) {
    notice = `${plural(sync.rejected.length, "item")} refused by the server`;
  } else if (sync.problem === "version") notice = "Update the phone app";
  return {
    kind: "home",
    today: entry,
    todayNote: note,
    todayTag: tag,
    todayTargets: entry === null || today === null ? [] : today.items.map(targetLine),
    todayWhy: why,
    routines: input.routines.map((r) => ({
      choice: `routine:${r.id}`,
      title: r.name,
      detail: entryDetail(r.items),
    })),
    sync: syncLine(sync, input.nowMs),
    canStart: sync.canStartSession,
    notice,
    pair:
      sync.paired === true ? null : { action: { type: "open_pairing" }, label: "Pair with phone" },
  };
}

// ---- session ----

function sideLabel(side: EngineSide | undefined): string | null {
  return side === undefined ? null : side === "left" ? "Left side" : "Right side";
}

/** Finishing ends the session for good, so it takes two taps, as on the phone. */
export const FINISH_CONFIRM_MS = 4000;

function menuFor(finishArmed: boolean): ActionButton[] {
  return [
    button("pause", "Pause"),
    button("skip_exercise", "Skip exercise"),
    button("finish", finishArmed ? "Tap again to finish" : "Finish"),
  ];
}

/** Whole seconds left on the running timer when 3 or fewer, else null. */
function countdownOf(state: EngineState, nowMs: number): number | null {
  const t = state.timer;
  if (t === null || t.durationMs === null || state.pausedAtMs !== null) return null;
  const left = t.startMs + t.pausedMs + t.durationMs - nowMs;
  return left > 0 && left <= 3000 ? Math.ceil(left / 1000) : null;
}

/**
 * The session screen. `view` is the engine's view at `nowMs`; `state` the controller's state
 * (used for the countdown digits only when it is in the same phase the view shows).
 */
export function sessionScreen(
  view: ScreenView,
  state: EngineState,
  nowMs: number,
  cueFor: (exerciseId: string) => string | undefined,
  finishArmed = false,
  heart: HeartInput | null = null,
  screenNote: string | null = null,
): WatchScreen {
  const menu = menuFor(finishArmed);
  const hr = heartLine(heart);
  const common: SessionCommon = {
    heart: hr,
    exercise: view.title,
    setLabel: view.set_label,
    side: view.side ?? null,
    sideLabel: sideLabel(view.side),
    menu,
  };
  const samePhase = state.phase === view.screen;
  const countdown = samePhase ? countdownOf(state, nowMs) : null;
  switch (view.screen) {
    case "intro": {
      const item = state.items[state.itemIndex];
      return {
        kind: "intro",
        ...common,
        target: view.target,
        cue: (item && cueFor(item.exercise_id)) ?? null,
        start: button("hold_start", "Start"),
      };
    }
    case "reps":
      return {
        kind: "reps",
        ...common,
        count: Number(view.big),
        target: view.target,
        ring: view.ring,
        tap: button("rep_tap", "+1"),
        undo: view.can_undo ? button("undo_tap", "Undo") : null,
        done: button("set_done", "Done"),
      };
    case "hold":
      return {
        kind: "hold",
        ...common,
        time: view.big,
        countdown,
        ring: view.ring,
        openEnded: samePhase && state.timer?.durationMs === null,
        done: button("hold_complete", "Done"),
      };
    case "rest":
      return {
        kind: "rest",
        heart: hr,
        ready: readyLine(heart),
        screenNote,
        time: view.big,
        countdown,
        ring: view.ring,
        next: {
          exercise: view.title,
          setLabel: view.set_label,
          side: view.side ?? null,
          target: view.target,
        },
        addTime: button("rest_add_15", "+15 s"),
        skip: button("rest_skip", "Skip"),
        menu,
      };
    case "switch_side":
      return {
        kind: "switch_side",
        ...common,
        text: `Switch to ${view.side ?? "the other"} side`,
        confirm: button("switch_side", "Ready"),
      };
    case "paused":
      return {
        kind: "paused",
        exercise: view.title,
        big: view.big,
        resume: button("resume", "Resume"),
        finish: button("finish", "Finish"),
      };
    case "summary": {
      const s = view.summary ?? { duration_s: 0, sets: 0, total_reps: 0, total_hold_s: 0 };
      return {
        kind: "summary",
        title: view.title,
        duration: formatClock(s.duration_s),
        sets: s.sets,
        totalReps: s.total_reps,
        totalHold: formatClock(s.total_hold_s),
        close: { action: { type: "close_summary" }, label: "Done" },
      };
    }
  }
}

// ---- pairing ----

export function pairingScreen(input: {
  nowMs: number;
  progress: PairingProgress | null;
  /** A request is out and no answer came yet. */
  waiting: boolean;
  problem: string | null;
}): PairingScreen {
  const close: ActionButton = { action: { type: "close_pairing" }, label: "Close" };
  const again: ActionButton = { action: { type: "open_pairing" }, label: "New code" };
  /** A pairing screen with no code on it. */
  const says = (state: PairingScreen["state"], message: string, retry = false): PairingScreen => ({
    kind: "pairing",
    state,
    code: null,
    expires: null,
    url: null,
    message,
    actions: retry ? [again, close] : [close],
  });
  const p = input.progress;
  if (p === null) {
    if (input.waiting) return says("starting", "Asking the phone…");
    return input.problem === "phone_away"
      ? says("phone_away", "Phone not reachable: keep it nearby with its watch app open", true)
      : says("error", `Could not pair (${input.problem ?? "unknown"})`, true);
  }
  const left = Math.max(0, (p.expiresInS ?? 0) - Math.floor((input.nowMs - p.receivedAtMs) / 1000));
  switch (p.state) {
    case "pending":
      if (left > 0) {
        return {
          kind: "pairing",
          state: "pending",
          code: p.userCode ?? null,
          expires: `Expires in ${formatClock(left)}`,
          url: p.verificationUri ?? null,
          message: "Enter this code in runstrong on the web",
          actions: [close],
        };
      }
      return says("expired", "The code expired", true);
    case "expired":
      return says("expired", "The code expired", true);
    case "paired":
      return says("paired", "Paired");
    case "denied":
      return says("denied", "Pairing was refused", true);
    case "idle":
      return says("starting", "Asking the phone…");
  }
}

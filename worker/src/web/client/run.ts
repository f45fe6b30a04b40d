// The phone session runner: the shared session engine behind a touch UI. Every step is saved in
// localStorage (a reload or a dead battery resumes mid-set), its mutations go to the outbox
// (pushed at once when online, queued otherwise), and cues become vibrations and beeps.
import {
  type Cue,
  dispatch,
  type EngineEventType,
  type EngineItem,
  type EngineState,
  formatClock,
  restore,
  type ScreenView,
  type Step,
  serialise,
  startSession,
  tick,
  view,
} from "@runstrong/shared/engine";
import { startApp } from "./lib/app.ts";
import { armed } from "./lib/confirm.ts";
import { byId, newEntityId, viewer } from "./lib/dom.ts";
import { busy, setFieldError, setFormError, validate } from "./lib/forms.ts";
import { onOutboxChange } from "./lib/outbox.ts";
import { type OpArgs, pendingCount, push, queue } from "./lib/sync.ts";

type RunOption = {
  key: string;
  name: string;
  items: EngineItem[];
  planId?: string;
  planDay?: number;
};
type Saved = { state: string; name: string };

const TICK_MS = 200;
const RING = 326.73;

let state: EngineState | null = null;
let lastScreen = "";
let wakeLock: { release(): Promise<void> } | null = null;
let audio: AudioContext | null = null;

const storeKey = () => `rs.run.${viewer()?.userId ?? "anon"}`;

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = byId<T>(id);
  if (!found) throw new Error(`runner: #${id} missing`);
  return found;
}

function cues(): Record<string, string> {
  try {
    return JSON.parse(byId("runner")?.dataset.cues ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}
const CUES = cues();

function options(): RunOption[] {
  try {
    return JSON.parse(byId("runner")?.dataset.options ?? "[]") as RunOption[];
  } catch {
    return [];
  }
}

// --- Persistence and sync ---------------------------------------------------------------------

function save(): void {
  if (!state) {
    localStorage.removeItem(storeKey());
    return;
  }
  const saved: Saved = { state: serialise(state), name: state.title ?? "Session" };
  localStorage.setItem(storeKey(), JSON.stringify(saved));
}

function load(): EngineState | null {
  const raw = localStorage.getItem(storeKey());
  if (!raw) return null;
  try {
    return restore((JSON.parse(raw) as Saved).state);
  } catch {
    localStorage.removeItem(storeKey());
    return null;
  }
}

async function showSync(): Promise<void> {
  const note = byId("sum-sync");
  if (!note || !viewer()) return;
  const n = await pendingCount();
  note.textContent =
    n === 0
      ? "Synced to your account: your watch and the history have it."
      : navigator.onLine === false
        ? "Saved on this phone. It syncs as soon as you are back online."
        : "Saved on this phone; syncing…";
}

// --- Cues -------------------------------------------------------------------------------------

const VIBRATION: Record<Cue["kind"], number | number[]> = {
  countdown: 40,
  hold_end: [250, 100, 250],
  rest_end: [250, 100, 250],
  set_done: 80,
  switch_side: [120, 60, 120],
};

function beep(freq: number, ms: number): void {
  if (!audio) return;
  try {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + ms / 1000);
  } catch {
    // no sound: vibration and the screen still tell
  }
}

function play(cue: Cue): void {
  navigator.vibrate?.(VIBRATION[cue.kind]);
  if (cue.kind === "countdown") beep(660, 90);
  else if (cue.kind === "hold_end" || cue.kind === "rest_end") beep(990, 300);
  document.body.classList.remove("cue");
  void document.body.offsetWidth;
  document.body.classList.add("cue");
}

async function keepAwake(on: boolean): Promise<void> {
  const wl = (
    navigator as Navigator & {
      wakeLock?: { request(t: "screen"): Promise<{ release(): Promise<void> }> };
    }
  ).wakeLock;
  if (on && wl && !wakeLock && document.visibilityState === "visible") {
    wakeLock = await wl.request("screen").catch(() => null);
  } else if (!on && wakeLock) {
    await wakeLock.release().catch(() => undefined);
    wakeLock = null;
  }
}

// --- Engine -----------------------------------------------------------------------------------

function apply(step: Step, forceSave = false): void {
  const changed = step.state !== state;
  state = step.state;
  if (step.mutations.length) {
    // Stored in order (one write per step), then pushed when online.
    void queue(step.mutations).then(showSync, showSync);
  }
  if (changed || forceSave || step.mutations.length) save();
  for (const cue of step.cues) play(cue);
  render();
}

function send(type: EngineEventType): void {
  if (state) apply(dispatch(state, { type }, Date.now()));
}

function start(option: RunOption): void {
  audio ??= "AudioContext" in window ? new AudioContext() : null;
  const opts: Parameters<typeof startSession>[0] = {
    sessionId: newEntityId("p"),
    items: option.items,
    nowMs: Date.now(),
    name: option.name,
    source: "web",
  };
  if (option.planId !== undefined) opts.planId = option.planId;
  if (option.planDay !== undefined) opts.planDay = option.planDay;
  apply(startSession(opts), true);
  el("run-big").focus();
}

// --- Rendering --------------------------------------------------------------------------------

type Screen = ScreenView["screen"];

const PHASE: Record<Screen, string> = {
  reps: "Count your reps",
  intro: "Get in position",
  hold: "Hold",
  switch_side: "Switch sides",
  rest: "Rest · up next",
  paused: "Paused",
  summary: "Done",
};

const BIG_LABEL: Record<Screen, string> = {
  reps: "tap for every rep",
  intro: "tap to start the timer",
  hold: "holding…",
  switch_side: "tap when you are ready",
  rest: "breathe",
  paused: "tap to resume",
  summary: "",
};

const BIG_EVENT: Partial<Record<Screen, EngineEventType>> = {
  reps: "rep_tap",
  intro: "hold_start",
  switch_side: "switch_side",
  paused: "resume",
};

const PRIMARY: Record<Screen, [string, EngineEventType] | null> = {
  reps: ["Set done", "set_done"],
  intro: ["Start hold", "hold_start"],
  hold: ["Done", "hold_complete"],
  switch_side: ["Go", "switch_side"],
  rest: ["Skip rest", "rest_skip"],
  paused: ["Resume", "resume"],
  summary: null,
};

function show(which: "choose" | "run" | "summary"): void {
  el("run-choose").hidden = which !== "choose";
  el("run-screen").hidden = which !== "run";
  el("run-summary").hidden = which !== "summary";
  document.body.classList.toggle("running", which === "run");
}

function render(): void {
  if (!state) {
    show("choose");
    void keepAwake(false);
    return;
  }
  const v = view(state, Date.now());
  if (v.screen === "summary") {
    renderSummary(v);
    return;
  }
  show("run");
  void keepAwake(true);
  const s = state;
  el("run-progress").textContent = `Exercise ${s.itemIndex + 1} of ${s.items.length}`;
  el("run-phase").textContent = PHASE[v.screen];
  el("run-title").textContent = v.title;
  el("run-set").textContent = v.set_label;
  el("run-target").textContent = `· target ${v.target}`;
  const side = el("run-side");
  side.hidden = !v.side;
  side.textContent = v.side === "left" ? "Left side" : v.side === "right" ? "Right side" : "";
  const item = s.items[s.itemIndex];
  el("run-cue").textContent =
    item && (v.screen === "reps" || v.screen === "intro") ? (CUES[item.exercise_id] ?? "") : "";
  el("run-big-text").textContent = v.big;
  el("run-big-label").textContent = BIG_LABEL[v.screen];
  const big = el<HTMLButtonElement>("run-big");
  big.dataset.screen = v.screen;
  const bigEvent = BIG_EVENT[v.screen];
  big.setAttribute("aria-disabled", bigEvent ? "false" : "true");
  big.setAttribute(
    "aria-label",
    v.screen === "reps" ? `${v.big} reps. Tap to count a rep.` : `${v.big}. ${BIG_LABEL[v.screen]}`,
  );
  const ring = el("run-ring");
  ring.setAttribute("stroke-dashoffset", String(RING * (1 - v.ring)));
  // A zero-length arc with round caps would still draw a dot.
  ring.setAttribute("visibility", v.ring > 0.005 ? "visible" : "hidden");
  const primary = el<HTMLButtonElement>("run-primary");
  const p = PRIMARY[v.screen];
  primary.hidden = !p;
  if (p) {
    primary.textContent = p[0];
    primary.dataset.event = p[1];
  }
  const undo = el<HTMLButtonElement>("run-undo");
  undo.hidden = v.screen !== "reps";
  undo.disabled = !v.can_undo;
  el("run-secondary").hidden = v.screen !== "rest";
  el("run-pause").textContent = v.screen === "paused" ? "Resume" : "Pause";
  el("run-next").textContent =
    v.screen === "rest" ? "" : v.next_up ? `Then: ${v.next_up}` : "Last exercise";
  if (v.screen !== lastScreen) {
    lastScreen = v.screen;
    const words =
      v.screen === "rest"
        ? `Rest ${v.big}. Next: ${v.title}.`
        : v.screen === "switch_side"
          ? "Switch to the right side."
          : `${PHASE[v.screen]}: ${v.title}, ${v.set_label}${v.side ? `, ${v.side} side` : ""}.`;
    el("run-announce").textContent = words;
  }
}

function renderSummary(v: ScreenView): void {
  show("summary");
  void keepAwake(false);
  const sum = v.summary;
  el("sum-title").textContent = state?.title ? `${state.title}: done!` : "Well done!";
  el("sum-duration").textContent = formatClock(sum?.duration_s ?? 0);
  el("sum-sets").textContent = String(sum?.sets ?? 0);
  el("sum-reps").textContent = String(sum?.total_reps ?? 0);
  el("sum-hold").textContent = formatClock(sum?.total_hold_s ?? 0);
  el<HTMLAnchorElement>("sum-history").href =
    `/history/${encodeURIComponent(state?.sessionId ?? "")}`;
  void showSync();
}

// --- Summary form -----------------------------------------------------------------------------

async function saveFeel(form: HTMLFormElement): Promise<void> {
  if (!state || state.endedAtMs === null || !validate(form)) return;
  const rpe = form.querySelector<HTMLInputElement>("input[name=rpe]:checked")?.value;
  const notes = form.querySelector<HTMLTextAreaElement>("[name=notes]")?.value ?? "";
  const args: OpArgs<"session.finish"> = {
    id: state.sessionId,
    ended_at: new Date(state.endedAtMs).toISOString(),
    notes,
  };
  if (rpe) args.rpe = Number(rpe);
  const out = await busy(form, () => push([{ op: "session.finish", args }]));
  const ack = out.acks[0];
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (ack?.status === "rejected") {
    const [path, ...rest] = (ack.error ?? "").split(": ");
    if (path === "notes" && rest.length) setFieldError(form, "notes", rest.join(": "));
    else setFormError(form, ack.error ?? "The server refused this.");
    return;
  }
  form.removeAttribute("data-dirty");
  if (ok) ok.textContent = ack ? "Saved." : "Saved on this phone; it syncs when you are online.";
  void showSync();
}

// --- Wiring -----------------------------------------------------------------------------------

function bind(): void {
  const runner = byId("runner");
  if (!runner) return;
  const opts = options();
  runner.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    if (button.dataset.start) {
      const o = opts.find((x) => x.key === button.dataset.start);
      if (o) start(o);
      return;
    }
    switch (button.id) {
      case "run-big": {
        const e = state ? BIG_EVENT[view(state, Date.now()).screen] : undefined;
        if (e) send(e);
        if (e === "rep_tap") navigator.vibrate?.(15);
        break;
      }
      case "run-primary":
        if (button.dataset.event) send(button.dataset.event as EngineEventType);
        break;
      case "run-undo":
        send("undo_tap");
        break;
      case "run-secondary":
        send("rest_add_15");
        break;
      case "run-pause":
        send(state?.pausedAtMs === null ? "pause" : "resume");
        break;
      case "run-skip":
        send("skip_exercise");
        break;
      case "run-finish":
        if (armed(button)) send("finish");
        break;
      case "run-new":
        state = null;
        lastScreen = "";
        save();
        byId<HTMLFormElement>("run-feel-form")?.reset();
        render();
        break;
    }
  });
  byId<HTMLFormElement>("run-feel-form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    void saveFeel(event.target as HTMLFormElement);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") render();
  });
  onOutboxChange(() => void showSync());
  window.addEventListener("online", () => void showSync());

  // A session saved by an earlier visit (reload, crash, offline restart) resumes straight away.
  state = load();
  render();
  window.setInterval(() => {
    if (state && state.phase !== "summary" && !el("run-screen").hidden) {
      apply(tick(state, Date.now()));
    }
  }, TICK_MS);
}

startApp();
bind();

// The phone session runner: the session driver the watch uses (shared/src/sessionDriver) behind
// a touch UI. Every step is saved in localStorage (a reload or a dead battery resumes mid-set),
// its mutations reach the outbox exactly once (pushed at once when online, queued otherwise),
// and cues become vibrations and beeps.
import {
  type EngineEventType,
  type EngineItem,
  formatClock,
  type ScreenView,
} from "@runstrong/shared/engine";
import { SessionDriver, type SessionHeartRate } from "@runstrong/shared/sessionDriver";
import { startApp } from "./lib/app.ts";
import { armed } from "./lib/confirm.ts";
import { announce, byId, viewer } from "./lib/dom.ts";
import { busy, setFieldError, setFormError, validate } from "./lib/forms.ts";
import { onOutboxChange, webOutbox } from "./lib/outbox.ts";
import { flushQuietly, type OpArgs, pendingCount, push } from "./lib/sync.ts";
import { renderHeartRateLine, renderStrapChoice } from "./run/heartRateLine.ts";
import { HeartRateStrap } from "./run/heartRateStrap.ts";
import { adoptEarlierRunRecord, browserHaptics, wakeLockScreen } from "./run/runnerPorts.ts";
import { BIG_EVENT, el, forgetAnnouncement, paintSessionScreen } from "./run/sessionScreen.ts";

type RunOption = {
  key: string;
  name: string;
  items: EngineItem[];
  planId?: string;
  planDay?: number;
};

const TICK_MS = 200;

function dataset<T>(name: "cues" | "options" | "heartRate", fallback: T): T {
  try {
    return JSON.parse(byId("runner")?.dataset[name] ?? "") as T;
  } catch {
    return fallback;
  }
}
const CUES = dataset<Record<string, string>>("cues", {});
const HEART_RATE = dataset<SessionHeartRate>("heartRate", {});

// --- The driver on this browser ---------------------------------------------------------------

/** Where the outbox is: the signed-in user's sync client (the runner page needs a sign-in). */
async function outboxClient() {
  const client = await webOutbox();
  if (!client) throw new Error("Sign in to save this session.");
  return client;
}

const haptics = browserHaptics();
const strap = new HeartRateStrap(() => {
  // A strap connected mid-session joins it: set and session heart rate from then on.
  const s = driver.engineState;
  if (strap.state === "connected" && s !== null && s.phase !== "summary") {
    driver.hr.start(driver.hr.saved());
  }
  renderStrapChoice(strap);
  render();
});
const screen = wakeLockScreen();
const storeKey = `rs.run.${viewer()?.userId ?? "anon"}`;
adoptEarlierRunRecord(localStorage, storeKey);
const driver = SessionDriver.resume({
  store: localStorage,
  queue: {
    mark: async () => (await outboxClient()).outbox.mark(),
    enqueue: async (mutations, mark) => (await outboxClient()).enqueue(mutations, mark),
  },
  canStartSession: () => true,
  onQueued: () => {
    void showSync();
    void flushQuietly().then(showSync, showSync);
  },
  onClosed: () => render(),
  clock: { now: () => Date.now() },
  haptics,
  screen,
  heartRate: strap,
  random: Math.random,
  key: storeKey,
});

async function showSync(): Promise<void> {
  const note = byId("sum-sync");
  if (!note || !viewer()) return;
  const n = await pendingCount();
  note.textContent = driver.storageError
    ? "This browser could not save every step; keep this page open until it says synced."
    : n === 0
      ? "Synced to your account: your watch and the history have it."
      : navigator.onLine === false
        ? "Saved on this phone. It syncs as soon as you are back online."
        : "Saved on this phone; syncing…";
}

function send(type: EngineEventType): void {
  driver.dispatch(type);
  render();
}

function start(option: RunOption): void {
  haptics.unlockSound();
  const cues: Record<string, string> = {};
  for (const item of option.items) {
    const cue = CUES[item.exercise_id];
    if (cue) cues[item.exercise_id] = cue;
  }
  const started = driver.start({
    name: option.name,
    items: option.items,
    cues,
    source: "web",
    heartRate: HEART_RATE,
    ...(option.planId === undefined ? {} : { planId: option.planId }),
    ...(option.planDay === undefined ? {} : { planDay: option.planDay }),
  });
  if (!started.ok) {
    announce(started.message, "error");
    return;
  }
  render();
  el("run-big").focus();
}

// --- Rendering --------------------------------------------------------------------------------

function show(which: "choose" | "run" | "summary"): void {
  el("run-choose").hidden = which !== "choose";
  el("run-screen").hidden = which !== "run";
  el("run-summary").hidden = which !== "summary";
  document.body.classList.toggle("running", which === "run");
}

function render(): void {
  const s = driver.engineState;
  const v = driver.view();
  if (s === null || v === null) {
    show("choose");
    return;
  }
  if (v.screen === "summary") {
    renderSummary(v);
    return;
  }
  show("run");
  renderHeartRateLine(strap, driver.hr, HEART_RATE, v.screen);
  paintSessionScreen(s, v, CUES);
}

function renderSummary(v: ScreenView): void {
  show("summary");
  const s = driver.engineState;
  const sum = v.summary;
  el("sum-title").textContent = s?.title ? `${s.title}: done!` : "Well done!";
  el("sum-duration").textContent = formatClock(sum?.duration_s ?? 0);
  el("sum-sets").textContent = String(sum?.sets ?? 0);
  el("sum-reps").textContent = String(sum?.total_reps ?? 0);
  el("sum-hold").textContent = formatClock(sum?.total_hold_s ?? 0);
  el<HTMLAnchorElement>("sum-history").href = `/history/${encodeURIComponent(s?.sessionId ?? "")}`;
  void showSync();
}

// --- Summary form -----------------------------------------------------------------------------

async function saveFeel(form: HTMLFormElement): Promise<void> {
  const state = driver.engineState;
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
  const opts = dataset<RunOption[]>("options", []);
  runner.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    if (button.dataset.hrConnect !== undefined) {
      void strap.connect();
      return;
    }
    if (button.dataset.start) {
      const o = opts.find((x) => x.key === button.dataset.start);
      if (o) start(o);
      return;
    }
    switch (button.id) {
      case "run-big": {
        const screenNow = driver.view()?.screen;
        const e = screenNow ? BIG_EVENT[screenNow] : undefined;
        if (e) send(e);
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
        send(driver.engineState?.pausedAtMs === null ? "pause" : "resume");
        break;
      case "run-skip":
        send("skip_exercise");
        break;
      case "run-finish":
        if (armed(button)) send("finish");
        break;
      case "run-new":
        // The record goes once the outbox holds the session's last steps (onClosed renders then).
        driver.close();
        forgetAnnouncement();
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
    if (document.visibilityState !== "visible") return;
    screen.visible();
    render();
  });
  onOutboxChange(() => void showSync());
  window.addEventListener("online", () => void showSync());

  // A session saved by an earlier visit (reload, crash, offline restart) resumed when the driver
  // opened; show it straight away.
  renderStrapChoice(strap);
  render();
  window.setInterval(() => {
    if (driver.engineState?.phase === "summary" || el("run-screen").hidden) return;
    driver.tick();
    render();
  }, TICK_MS);
}

startApp();
bind();

// The phone browser's side of the session driver (shared/src/sessionDriver): buzzes as vibrations,
// beeps and a flash; the screen as a wake lock; the session record in localStorage, with a
// session saved by the runner before it used the driver carried over.
import type {
  HapticKind,
  Haptics,
  ScreenKeeper,
  ScreenMode,
} from "@runstrong/shared/sessionDriver";

const VIBRATION: Record<HapticKind, number | number[]> = {
  rep_tap: 15,
  countdown: 40,
  hold_end: [250, 100, 250],
  rest_end: [250, 100, 250],
  set_done: 80,
  switch_side: [120, 60, 120],
};

/** Vibration where the phone has it, a beep for the countdown and a timer's end, and a flash. */
export function browserHaptics(): Haptics & { unlockSound(): void } {
  let audio: AudioContext | null = null;
  const beep = (freq: number, ms: number) => {
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
      // No sound: the vibration and the screen still tell.
    }
  };
  return {
    // Browsers allow sound only after a tap: the Start button calls this.
    unlockSound() {
      audio ??= "AudioContext" in window ? new AudioContext() : null;
    },
    buzz(kind) {
      navigator.vibrate?.(VIBRATION[kind]);
      if (kind === "rep_tap") return;
      if (kind === "countdown") beep(660, 90);
      else if (kind === "hold_end" || kind === "rest_end") beep(990, 300);
      document.body.classList.remove("cue");
      void document.body.offsetWidth;
      document.body.classList.add("cue");
    },
  };
}

type WakeLockSentinel = { released: boolean; release(): Promise<void> };
type WakeLockApi = { request(type: "screen"): Promise<WakeLockSentinel> };

/**
 * A screen wake lock while the session wants the screen (held, or a rest: a browser page cannot
 * buzz once the phone sleeps, so the driver is given no rest alarm and never says may_sleep).
 * The browser drops the lock when the page is hidden: `visible()` takes it again.
 */
export function wakeLockScreen(): ScreenKeeper & { visible(): void } {
  const api = (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
  let wanted = false;
  let lock: WakeLockSentinel | null = null;
  let asking = false;
  const apply = async () => {
    if (!api) return;
    // The browser releases the lock whenever the page is hidden.
    if (lock?.released) lock = null;
    if (wanted && lock === null && !asking && document.visibilityState === "visible") {
      asking = true;
      lock = await api.request("screen").catch(() => null);
      asking = false;
      if (!wanted) await apply();
    } else if (!wanted && lock !== null) {
      const held = lock;
      lock = null;
      await held.release().catch(() => undefined);
    }
  };
  return {
    keep(mode: ScreenMode) {
      wanted = mode !== "system";
      void apply();
    },
    visible() {
      void apply();
    },
  };
}

/**
 * The session record the runner kept before it used the driver (`{state, name}`, the engine state
 * as text), rewritten as the driver's record so a session under way survives the upgrade. Its
 * mutations were already queued, so the journal starts empty.
 */
export function adoptEarlierRunRecord(store: Storage, key: string): void {
  const text = store.getItem(key);
  if (text === null) return;
  try {
    const old = JSON.parse(text) as { v?: unknown; state?: unknown };
    if (old.v !== undefined || typeof old.state !== "string") return;
    const record = { v: 1, state: JSON.parse(old.state), cues: {}, entries: 0, journal: [] };
    store.setItem(key, JSON.stringify(record));
  } catch {
    // Not that record: the driver sets anything it cannot read aside itself.
  }
}

// The simulated optical heart-rate sensor: one reading per watch-clock second while the app
// measures, from a slider, from a scripted trace (a recovery from 155 down to 95 bpm in 20 s,
// then work back up in 30 s, every 50 s), or no sensor at all / the permission refused — what the sensor port of
// the Zepp app (zos/sensor.ts HeartRate, zos/app.ts queryPermission) reads.

export type SensorMode = "slider" | "trace" | "absent" | "denied";

export interface SimHeartRate {
  mode(): SensorMode;
  current(): number;
  subscribe(listener: () => void): void;
  unsubscribe(listener: () => void): void;
}

/**
 * The scripted trace at `s` seconds into it: 20 s of recovery from 155 to 95 bpm (3 bpm a
 * second, so it passes below 110 at 15 s), then 30 s of work back up to 155.
 */
export function tracedBpm(s: number): number {
  const t = s % 50;
  return Math.round(t < 20 ? 155 - 3 * t : 95 + (60 * (t - 20)) / 30);
}

export function createSimHeartRate(
  clock: { now(): number },
  controls: { mode: HTMLSelectElement; slider: HTMLInputElement; shown: HTMLElement },
): SimHeartRate {
  const listeners = new Set<() => void>();
  let bpm = 0;
  let traceStart = clock.now();
  let lastSecond = Math.floor(clock.now() / 1000);
  const mode = () => controls.mode.value as SensorMode;
  controls.mode.addEventListener("change", () => {
    traceStart = clock.now();
  });
  // Real-time polling, one reading per watch second crossed (the clock may run at 60×).
  window.setInterval(() => {
    const second = Math.floor(clock.now() / 1000);
    if (second === lastSecond) return;
    lastSecond = second;
    const m = mode();
    bpm =
      m === "trace"
        ? tracedBpm(Math.floor((clock.now() - traceStart) / 1000))
        : m === "slider"
          ? Number(controls.slider.value)
          : 0;
    controls.shown.textContent = listeners.size === 0 ? "off" : `${bpm} bpm`;
    if (m === "slider" || m === "trace") for (const l of listeners) l();
  }, 50);
  return {
    mode,
    current: () => bpm,
    subscribe: (l) => listeners.add(l),
    unsubscribe: (l) => listeners.delete(l),
  };
}

// @zos/display in the simulator: whether the app keeps the screen on shows next to the watch.
export function setPageBrightTime(options: { brightTime: number }): number {
  globalThis.__sim.display.brightTime(options.brightTime);
  return 0;
}

export function resetPageBrightTime(): number {
  globalThis.__sim.display.brightTime(null);
  return 0;
}

export function pauseDropWristScreenOff(_options?: { duration?: number }): number {
  globalThis.__sim.display.dropWrist(true);
  return 0;
}

export function resetDropWristScreenOff(): number {
  globalThis.__sim.display.dropWrist(false);
  return 0;
}

export function setWakeUpRelaunch(_options: { relaunch: boolean }): void {}

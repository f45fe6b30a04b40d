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

export function pausePalmScreenOff(_options?: { duration?: number }): number {
  globalThis.__sim.display.palm(true);
  return 0;
}

export function resetPalmScreenOff(): number {
  globalThis.__sim.display.palm(false);
  return 0;
}

export function setWakeUpRelaunch(options: { relaunch: boolean }): void {
  globalThis.__sim.display.relaunch(options.relaunch);
}

// @zos/alarm in the simulator: alarms live in the host (host/screenOff.ts), on the watch clock,
// and outlive a killed app; when one is due the host runs its App Service bundle.
export const REPEAT_ONCE = 0;

export function set(options: {
  url: string;
  time?: number;
  delay?: number;
  param?: string;
}): number {
  return globalThis.__sim.alarm.set(options);
}

export function cancel(option: { id: number } | number): number {
  return globalThis.__sim.alarm.cancel(typeof option === "number" ? option : option.id);
}

export function getAllAlarms(): number[] {
  return globalThis.__sim.alarm.all();
}

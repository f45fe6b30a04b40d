// @zos/utils in the simulator: px is the identity (designWidth equals the screen), logs go to
// the browser console and the simulator's log.
export function px(value: number): number {
  return value;
}

function logger(name: string) {
  const line =
    (level: string) =>
    (...args: unknown[]) => {
      console.log(`[${name}] ${level}`, ...args);
      globalThis.__sim.watch.log(`${name}: ${args.map(String).join(" ")}`);
    };
  return {
    log: line("log"),
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    debug: line("debug"),
  };
}

export const log = { getLogger: logger };

export class EventBus {
  private map = new Map<string, Set<(...args: unknown[]) => void>>();
  on(name: string, f: (...args: unknown[]) => void) {
    const set = this.map.get(name) ?? new Set();
    set.add(f);
    this.map.set(name, set);
  }
  off(name: string, f?: (...args: unknown[]) => void) {
    if (f === undefined) this.map.delete(name);
    else this.map.get(name)?.delete(f);
  }
  emit(name: string, ...args: unknown[]) {
    for (const f of this.map.get(name) ?? []) f(...args);
  }
}

// @zos/router in the simulator: page URLs such as "page/r480/session" load that page's bundle.
export function push(options: { url: string }): void {
  globalThis.__sim.router.go(options.url, "push");
}

export function replace(options: { url: string }): void {
  globalThis.__sim.router.go(options.url, "replace");
}

export function back(): void {
  globalThis.__sim.router.back();
}

export function exit(): void {
  globalThis.__sim.router.exit();
}

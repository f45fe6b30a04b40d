// Prints a measured figure from a test (the core's lib has no console typings: no DOM, no Node).
export function report(line: string): void {
  (globalThis as unknown as { console: { info(text: string): void } }).console.info(line);
}

// Seeded randomness for the soak: one seed fixes every device's workload, its crashes, the
// proxy's fault for each of its requests and the Worker's restart schedule.

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for one named part of the run (a device, the proxy's view of it...). */
export function fork(seed: number, name: string): Rng {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return rng(h >>> 0);
}

export const between = (r: Rng, min: number, max: number): number =>
  min + Math.floor(r() * (max - min + 1));

export const pick = <T>(r: Rng, items: readonly T[]): T =>
  items[Math.floor(r() * items.length)] as T;

export const chance = (r: Rng, p: number): boolean => r() < p;

// How many sets a session holds, counted the way they are logged: each side of a one-sided
// exercise is its own set (its own set.log), so a plan's "27 sets" is what history shows after.

export type CountedItem = { sets: number; per_side: boolean };

export function loggedSetCount(items: readonly CountedItem[]): number {
  return items.reduce((n, i) => n + i.sets * (i.per_side ? 2 : 1), 0);
}

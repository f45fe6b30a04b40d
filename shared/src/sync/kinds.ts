// The kinds of synced rows, in the order a pull groups them: the keys of a pull's `changes` and
// the names `GET /sync/pull?kinds=` accepts. A plain constant so clients need no zod to use it.
export const SYNC_KINDS = ["plans", "sessions", "sets", "runs", "assessments", "settings"] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** The kinds in their canonical order, each once. */
export function canonicalKinds(kinds: Iterable<SyncKind>): SyncKind[] {
  const wanted = new Set(kinds);
  return SYNC_KINDS.filter((k) => wanted.has(k));
}

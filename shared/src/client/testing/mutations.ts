// Valid and invalid mutations for the client's tests, each carrying a unique id so the fake
// server's log can tell how often each was applied.
import type { MutationBody } from "../protocol.ts";

export const runLog = (n: number, notes?: string): MutationBody => ({
  op: "run.log",
  args: {
    id: `r${n}`,
    date: "2026-11-20",
    distance_m: 5000,
    duration_s: 1500,
    kind: "easy",
    ...(notes === undefined ? {} : { notes }),
  },
});

/** An op this server does not know: the whole push is refused with 400. */
export const unknownOp = (n: number): MutationBody =>
  ({ op: "set.teleport", args: { id: `u${n}` } }) as unknown as MutationBody;

/** A known op with bad args: acknowledged `rejected` by the server, seq consumed. */
export const badArgs = (n: number): MutationBody =>
  ({ op: "run.log", args: { id: `b${n}`, kind: "sprint" } }) as unknown as MutationBody;

export const idOf = (m: { args: unknown }): string => String((m.args as { id?: unknown }).id);

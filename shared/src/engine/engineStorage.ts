// Persists a running session as JSON so a watch can survive an app restart mid-set.
import { checkState } from "./engineShape.ts";
import type { EngineState } from "./engineState.ts";

export function serialise(state: EngineState): string {
  return JSON.stringify(state);
}

/** Parses and validates a serialised state; throws an Error naming the first problem. */
export function restore(text: string): EngineState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`session engine: saved state is not JSON (${(e as Error).message})`);
  }
  return checkState(parsed);
}

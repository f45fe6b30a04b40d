// Exponential backoff with jitter: the wait doubles per failure up to a ceiling and is spread
// randomly so many devices coming back at once do not retry in lockstep.
import type { RandomSource } from "./ports.ts";

export interface BackoffOptions {
  random: RandomSource;
  baseMs?: number;
  maxMs?: number;
}

export class Backoff {
  private failures = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(private readonly opts: BackoffOptions) {
    this.baseMs = opts.baseMs ?? 2_000;
    this.maxMs = opts.maxMs ?? 5 * 60_000;
  }

  /** The wait before the next attempt, counting one more failure: half fixed, half random. */
  next(): number {
    const step = Math.min(this.maxMs, this.baseMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    return Math.round(step / 2 + this.opts.random() * (step / 2));
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}

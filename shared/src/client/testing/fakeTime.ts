// A clock and scheduler that only move when the test says so.
import type { Clock, Scheduler } from "../ports.ts";

export class FakeTime implements Clock, Scheduler {
  private ms = Date.UTC(2026, 10, 20, 7);
  private timers: { at: number; task: () => void; id: number }[] = [];
  private ids = 0;

  now(): number {
    return this.ms;
  }

  schedule(delayMs: number, task: () => void): () => void {
    const id = ++this.ids;
    this.timers.push({ at: this.ms + delayMs, task, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Delays of the timers waiting, from now. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.ms);
  }

  /** Moves time on, running every timer that falls due (and letting their promises settle). */
  async advance(ms: number): Promise<void> {
    const until = this.ms + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.ms = due.at;
      due.task();
      await settle();
    }
    this.ms = until;
    await settle();
  }
}

/** Lets pending promise chains run to their end. */
export async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

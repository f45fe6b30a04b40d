// The Scheduler port of the shared sync client on the watch: the core owns no timer, so tasks
// fall due on the app's tick (every ~250 ms in a session, every few seconds otherwise).
import type { Scheduler } from "@runstrong/shared/client";
import type { Clock } from "../ports.ts";

export class TickScheduler implements Scheduler {
  private tasks: { at: number; task: () => void }[] = [];

  constructor(private readonly clock: Clock) {}

  schedule(delayMs: number, task: () => void): () => void {
    const entry = { at: this.clock.now() + delayMs, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  /** Watch-clock time of the next task, or null. */
  nextAt(): number | null {
    let next: number | null = null;
    for (const t of this.tasks) if (next === null || t.at < next) next = t.at;
    return next;
  }

  /** Runs every task that is due. */
  tick(): void {
    const now = this.clock.now();
    const due = this.tasks.filter((t) => t.at <= now);
    if (due.length === 0) return;
    this.tasks = this.tasks.filter((t) => t.at > now);
    for (const t of due) t.task();
  }
}

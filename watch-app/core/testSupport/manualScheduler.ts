// A Scheduler whose tasks run only when the test says so, advancing a fake clock to each.
import type { Scheduler } from "../ports.ts";
import type { FakeClock } from "./fakes.ts";

interface Task {
  at: number;
  delayMs: number;
  run: () => void;
  cancelled: boolean;
}

export class ManualScheduler implements Scheduler {
  private tasks: Task[] = [];
  /** Every delay ever scheduled, in order. */
  readonly delays: number[] = [];

  constructor(private readonly clock: FakeClock) {}

  schedule(delayMs: number, run: () => void): () => void {
    const task: Task = { at: this.clock.now() + delayMs, delayMs, run, cancelled: false };
    this.tasks.push(task);
    this.delays.push(delayMs);
    return () => {
      task.cancelled = true;
    };
  }

  get pending(): number[] {
    return this.tasks.filter((t) => !t.cancelled).map((t) => t.delayMs);
  }

  /** Runs the earliest live task after moving the clock to its time; false when none. */
  async runNext(): Promise<boolean> {
    this.tasks = this.tasks.filter((t) => !t.cancelled);
    this.tasks.sort((a, b) => a.at - b.at);
    const task = this.tasks.shift();
    if (task === undefined) return false;
    if (task.at > this.clock.now()) this.clock.ms = task.at;
    task.run();
    await settle();
    return true;
  }
}

/** Waits until promise chains started by a task have run (a macrotask turn, twice). */
export async function settle(): Promise<void> {
  const later = (globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown })
    .setTimeout;
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => later(resolve, 0));
}

// Runs one strength session on a device (the watch, the phone's browser runner): drives the
// shared engine with the clock, persists it after every change so a killed app or a reloaded page
// resumes the same session, turns engine cues into buzzes, keeps the screen as the step needs,
// and hands emitted mutations to the device's outbox exactly once.

import type { MutationBody } from "../client/protocol.ts";
import {
  type Cue,
  dispatch,
  type EngineEventType,
  type EngineItem,
  type EngineState,
  restore,
  type ScreenView,
  type Step,
  startSession,
  tick,
  view,
} from "../engine/index.ts";
import { type HeartRateTotals, HeartRateTracker } from "./heartRateTracker.ts";
import type {
  Clock,
  HapticKind,
  Haptics,
  HeartRateSensor,
  LocalStore,
  RandomSource,
  RestAlarm,
  ScreenKeeper,
  SessionQueue,
} from "./ports.ts";
import { type SessionDisplay, sessionDisplay } from "./sessionDisplay.ts";
import { newUlid } from "./sessionIds.ts";

/** What to run: a plan day or a built-in routine, already expanded to engine items. */
export interface SessionPlan {
  name: string;
  items: EngineItem[];
  /** Exercise id → one cue for the intro screen. */
  cues?: Record<string, string>;
  planId?: string;
  planDay?: number;
  /** Recorded on session.start: where the session came from, e.g. "plan" or "routine:core-day". */
  source?: string;
  heartRate?: SessionHeartRate;
}

/** The runner's heart-rate settings a session uses (from the account, through the phone). */
export interface SessionHeartRate {
  /** Max heart rate, for zones. */
  maxBpm?: number;
  /** A rest ends once heart rate is below this (`rest_hr_ready`), or when its time runs out. */
  restReadyBpm?: number;
}

export type StartResult =
  | { ok: true; sessionId: string }
  | { ok: false; reason: "session_active" | "storage_full" | "invalid_plan"; message: string };

export interface SessionDriverDeps {
  /** Holds the session record (and the rest-end record). */
  store: LocalStore;
  /** The device's outbox (the watch: its queue for the phone, over the same watch storage). */
  queue: SessionQueue;
  /** False when the outbox leaves no room for another session. */
  canStartSession: () => boolean;
  /** Mutations just reached the outbox: time to push. */
  onQueued?: () => void;
  /** The summary closed in the background, once the outbox held the last entries. */
  onClosed?: () => void;
  clock: Clock;
  haptics: Haptics;
  screen: ScreenKeeper;
  /** The buzz at a long rest's end with the screen asleep; without it every rest keeps the screen. */
  restAlarm?: RestAlarm;
  random: RandomSource;
  /** The optical sensor, when the device has one. */
  heartRate?: HeartRateSensor;
  /** Where the session record is kept; one per user on a shared device. */
  key?: string;
}

export const DEFAULT_SESSION_KEY = "runstrong.session";
const STORED_VERSION = 1;

/** Mutations a step emitted, kept in the session record until the outbox holds them. */
interface JournalEntry {
  /** `${sessionId}#${n}`, n growing by one per entry. */
  id: string;
  mutations: MutationBody[];
}

interface StoredSession {
  v: typeof STORED_VERSION;
  state: EngineState;
  cues: Record<string, string>;
  /** Entries made so far; numbers the next journal entry. */
  entries: number;
  journal: JournalEntry[];
  /** Heart-rate totals so far and the settings in use (absent in records of earlier apps). */
  hr?: HeartRateTotals;
  hrPlan?: SessionHeartRate;
}

/** One buzz per step: when a hold ends into a side switch, the switch is what matters. */
const HAPTIC_PRIORITY: readonly HapticKind[] = [
  "switch_side",
  "hold_end",
  "rest_end",
  "set_done",
  "countdown",
];

function hapticFor(cues: readonly Cue[]): HapticKind | null {
  const kinds = new Set<HapticKind>(cues.map((c) => c.kind));
  return HAPTIC_PRIORITY.find((k) => kinds.has(k)) ?? null;
}

function entryNumber(id: string | null, sessionId: string): number {
  if (id === null || !id.startsWith(`${sessionId}#`)) return 0;
  return Number(id.slice(sessionId.length + 1)) || 0;
}

/**
 * Crash safety: each change is one write of the session record holding the new engine state
 * and the mutations it emitted (the journal); the outbox append follows, stamped with the
 * journal entry's id in the same outbox write. After a crash between the two, `resume` finds
 * the entry newer than the outbox's mark and appends it; if the append had happened, the mark
 * says so and nothing is queued twice. The outbox is asynchronous (the shared client's): entries
 * drain into it one at a time, in order, and `settled()` says when it holds them all.
 */
export class SessionDriver {
  private state: EngineState | null = null;
  private cues: Record<string, string> = {};
  private entries = 0;
  private journal: JournalEntry[] = [];
  /** The display's mode and the long rest's background buzz (created on first use). */
  private sessionDisplay: SessionDisplay | null = null;
  /** The drain of journal entries into the outbox under way, if any. */
  private draining: Promise<void> | null = null;
  /** The summary was closed while entries were still draining: close once they are in. */
  private closeWhenDrained = false;
  private readonly key: string;
  /** The last storage failure, for the shell to report; the session carries on in memory. */
  storageError: string | null = null;
  /** Heart rate during the session (the screens read it). */
  readonly hr: HeartRateTracker;
  /** The heart-rate settings of the session under way. */
  hrPlan: SessionHeartRate = {};

  private constructor(private readonly deps: SessionDriverDeps) {
    this.key = deps.key ?? DEFAULT_SESSION_KEY;
    this.hr = new HeartRateTracker(deps.clock, deps.heartRate, () => this.state);
  }

  /** Opens the controller, resuming a session a previous run left unfinished. */
  static resume(deps: SessionDriverDeps): SessionDriver {
    const session = new SessionDriver(deps);
    session.load();
    return session;
  }

  private load(): void {
    const text = this.deps.store.getItem(this.key);
    if (text == null) return;
    let record: StoredSession;
    try {
      record = JSON.parse(text) as StoredSession;
      if (record.v !== STORED_VERSION) throw new Error(`stored session version ${record.v}`);
      this.state = restore(JSON.stringify(record.state));
    } catch {
      // Not resumable (corrupt, or written by an incompatible version). Queue what its journal
      // still holds, keep a copy for diagnosis, and start clean.
      this.salvageJournal(text);
      try {
        this.deps.store.setItem(`${this.key}.unreadable`, text);
      } catch {
        // The copy is for diagnosis only; a full storage must not keep the app from opening.
      }
      this.deps.store.removeItem(this.key);
      return;
    }
    this.cues = record.cues ?? {};
    this.entries = record.entries;
    this.journal = Array.isArray(record.journal) ? record.journal : [];
    this.hrPlan = record.hrPlan ?? {};
    if (this.state.phase !== "summary") this.hr.start(record.hr);
    this.flushJournal();
    this.updateScreen();
  }

  private salvageJournal(text: string): void {
    try {
      const journal = (JSON.parse(text) as Partial<StoredSession>).journal;
      if (!Array.isArray(journal)) return;
      this.drain(journal.slice());
    } catch {
      // Nothing readable to salvage.
    }
  }

  /** Appends journal entries the outbox does not hold yet; keeps them on failure to retry. */
  private flushJournal(): void {
    if (this.state !== null) this.drain(this.journal);
  }

  /**
   * Moves the entries of `journal` (in order, removing each once the outbox holds it) into the
   * outbox; one drain at a time, a later call continuing the same list.
   */
  private drain(journal: JournalEntry[]): void {
    if (this.draining !== null) return;
    const run = async () => {
      let queued = false;
      let failed = false;
      while (journal.length > 0) {
        const entry = journal[0] as JournalEntry;
        const sessionId = entry.id.slice(0, entry.id.lastIndexOf("#"));
        try {
          const done = entryNumber(await this.deps.queue.mark(), sessionId);
          if (entryNumber(entry.id, sessionId) > done) {
            await this.deps.queue.enqueue(entry.mutations, entry.id);
            queued = true;
          }
        } catch (e) {
          // Kept in the journal: the next step (or the next start of the app) tries again.
          this.storageError = (e as Error).message;
          failed = true;
          break;
        }
        journal.shift();
      }
      return { queued, failed };
    };
    this.draining = run().then(({ queued, failed }) => {
      this.draining = null;
      if (queued) this.deps.onQueued?.();
      // Entries added while this drain was finishing, or a close that waited for it.
      if (!failed && journal === this.journal && journal.length > 0) this.drain(journal);
      else if (this.closeWhenDrained) {
        this.close();
        if (this.state === null) this.deps.onClosed?.();
      }
    });
  }

  /** Resolves once every journal entry made so far is in the outbox (or failed to go). */
  async settled(): Promise<void> {
    while (this.draining !== null) await this.draining;
  }

  private write(record: StoredSession): void {
    try {
      this.deps.store.setItem(this.key, JSON.stringify(record));
    } catch (e) {
      // Keep going: the outbox append below still makes the mutations durable.
      this.storageError = (e as Error).message;
    }
  }

  private apply(step: Step, tapped = false): void {
    const previous = this.state;
    if (previous === null) return;
    const changed = step.state !== previous || step.mutations.length > 0;
    if (changed) {
      if (step.mutations.length > 0) {
        this.entries++;
        this.journal.push({
          id: `${step.state.sessionId}#${this.entries}`,
          mutations: this.hr.annotate(step.mutations),
        });
      }
      this.state = step.state;
      this.write({
        v: STORED_VERSION,
        state: step.state,
        cues: this.cues,
        entries: this.entries,
        journal: this.journal,
        hr: this.hr.saved(),
        hrPlan: this.hrPlan,
      });
      this.flushJournal();
      // The summary needs no more readings: the sensor costs battery.
      if (step.state.phase === "summary") this.hr.stop();
    }
    const kind =
      hapticFor(step.cues) ?? (tapped && step.state.count > previous.count ? "rep_tap" : null);
    if (kind !== null && this.display().shouldBuzz(kind, step.state.sessionId)) {
      this.deps.haptics.buzz(kind);
    }
    this.updateScreen();
  }

  private updateScreen(): void {
    const hrRest = this.hrPlan.restReadyBpm !== undefined && this.hr.status === "on";
    this.display().update(this.state, this.deps.clock.now(), hrRest);
  }

  private display(): SessionDisplay {
    this.sessionDisplay ??= sessionDisplay(
      this.deps.store,
      this.key,
      this.deps.screen,
      this.deps.restAlarm,
    );
    return this.sessionDisplay;
  }

  /** The rest screen's line when its screen cannot sleep ("Screen stays on: …"); else null. */
  get screenNote(): string | null {
    return this.display().note();
  }

  /** True from start until the summary is closed (the summary itself counts as active). */
  get active(): boolean {
    return this.state !== null;
  }

  get engineState(): EngineState | null {
    return this.state;
  }

  cueFor(exerciseId: string): string | undefined {
    return this.cues[exerciseId];
  }

  start(plan: SessionPlan): StartResult {
    if (this.state !== null && this.state.phase !== "summary") {
      return { ok: false, reason: "session_active", message: "A session is already running." };
    }
    if (!this.deps.canStartSession()) {
      return {
        ok: false,
        reason: "storage_full",
        message: "Watch storage is full of unsynced sets: open the phone app to sync first.",
      };
    }
    const nowMs = this.deps.clock.now();
    const sessionId = newUlid(nowMs, this.deps.random);
    let step: Step;
    try {
      step = startSession({
        sessionId,
        items: plan.items,
        nowMs,
        name: plan.name,
        ...(plan.planId === undefined ? {} : { planId: plan.planId }),
        ...(plan.planDay === undefined ? {} : { planDay: plan.planDay }),
        ...(plan.source === undefined ? {} : { source: plan.source }),
      });
    } catch (e) {
      return { ok: false, reason: "invalid_plan", message: (e as Error).message };
    }
    this.close();
    if (this.state !== null) {
      return {
        ok: false,
        reason: "storage_full",
        message: "The last session is not saved to the outbox yet: storage is full.",
      };
    }
    this.cues = plan.cues ?? {};
    this.entries = 0;
    this.journal = [];
    this.hrPlan = plan.heartRate ?? {};
    this.hr.stop();
    this.hr.start();
    // A placeholder previous state so `apply` persists the very first step.
    this.state = { ...step.state };
    this.apply(step);
    return { ok: true, sessionId };
  }

  /** A user event (a tap, a button); ignored when no session runs or it makes no sense now. */
  dispatch(type: EngineEventType): void {
    if (this.state === null) return;
    this.apply(dispatch(this.state, { type }, this.deps.clock.now()), type === "rep_tap");
  }

  /** Call about every 250 ms during a session: ends timers, plays 3-2-1. Writes only on change. */
  tick(): void {
    if (this.state === null || this.state.phase === "summary") return;
    const now = this.deps.clock.now();
    this.apply(tick(this.state, now));
    // The heart-rate rest: heart rate came down before the time ran out.
    if (this.state !== null && this.hr.restReady(this.state, now, this.hrPlan.restReadyBpm)) {
      this.apply(dispatch(this.state, { type: "rest_skip" }, now));
      this.deps.haptics.buzz("rest_end");
    }
  }

  /** The engine's view of the current screen, or null outside a session. */
  view(): ScreenView | null {
    return this.state === null ? null : view(this.state, this.deps.clock.now());
  }

  /** Leaves the summary for the home screen; the session record is deleted. */
  close(): void {
    if (this.state === null || this.state.phase !== "summary") return;
    this.flushJournal();
    // Never delete a journal the outbox has not taken: keep the record until it has (a drain
    // under way closes the summary when it is done; a failed one leaves it open).
    this.closeWhenDrained = this.draining !== null;
    if (this.journal.length > 0) return;
    this.closeWhenDrained = false;
    this.deps.store.removeItem(this.key);
    this.state = null;
    this.cues = {};
    this.hr.stop();
    this.updateScreen();
  }
}

// The watch app as one object for the shells: wires outbox, session controller and phone sync
// to the ports, turns taps into actions and answers "what is on screen now".

import { SessionDriver, type SessionPlan } from "@runstrong/shared/sessionDriver";
import { type LocalDay, localDays } from "../link/todayPlan.ts";
import type {
  Clock,
  Haptics,
  HeartRateSensor,
  LocalStore,
  PhoneLink,
  RandomSource,
  RestAlarm,
  ScreenKeeper,
} from "../ports.ts";
import { BUILTIN_CUES, BUILTIN_ROUTINES } from "./builtinRoutines.ts";
import {
  FINISH_CONFIRM_MS,
  homeScreen,
  pairingScreen,
  sessionScreen,
  type WatchAction,
  type WatchScreen,
} from "./screens.ts";
import { WatchSync } from "./watchSync.ts";

export interface WatchAppPorts {
  store: LocalStore;
  haptics: Haptics;
  screen: ScreenKeeper;
  /** The buzz at a long rest's end while the screen sleeps (absent: rests keep the screen on). */
  restAlarm?: RestAlarm;
  clock: Clock;
  link: PhoneLink;
  /** Shown on the approval page, e.g. "Amazfit Balance" (`getDeviceInfo().deviceName`). */
  deviceName: string;
  random?: RandomSource;
  /** Per-message budget of the transport: 3000 for ZML (default), ~1000 for Fitbit. */
  maxMessageBytes?: number;
  /** Soft ceiling of the outbox on watch storage (default 32 KB). */
  outboxMaxBytes?: number;
  /** Called when background work (a reply from the phone) changed what `screen()` returns. */
  onChange?: () => void;
  /** The optical heart-rate sensor, when the watch has one. */
  heartRate?: HeartRateSensor;
}

/** Pairing is polled this often while its screen is open. */
const PAIRING_POLL_MS = 3_000;
/** The week of sessions and the phone's status are refreshed at most this often from home. */
const TODAY_REFRESH_MS = 15 * 60_000;
const STATUS_REFRESH_MS = 5 * 60_000;

export class WatchApp {
  readonly session: SessionDriver;
  readonly sync: WatchSync;
  private route: "home" | "pairing" = "home";
  private notice: string | null = null;
  /** Until when a second "finish" tap ends the session (0: not armed). */
  private finishArmedUntilMs = 0;
  private pairingWaiting = false;
  private lastPairingPollMs = -Infinity;
  private lastTodayRefreshMs = -Infinity;
  private lastStatusRefreshMs = -Infinity;
  private inFlight = new Set<string>();

  private constructor(private readonly ports: WatchAppPorts) {
    const random = ports.random ?? Math.random;
    // The sync side first: it opens the outbox the session writes to.
    this.sync = new WatchSync({
      link: ports.link,
      store: ports.store,
      clock: ports.clock,
      random,
      ...(ports.maxMessageBytes === undefined ? {} : { maxMessageBytes: ports.maxMessageBytes }),
      ...(ports.outboxMaxBytes === undefined ? {} : { outboxMaxBytes: ports.outboxMaxBytes }),
      onChange: () => ports.onChange?.(),
    });
    this.session = SessionDriver.resume({
      store: ports.store,
      queue: this.sync.queue,
      canStartSession: () => this.sync.canStartSession(),
      onQueued: () => this.pushNow(),
      onClosed: () => ports.onChange?.(),
      clock: ports.clock,
      haptics: ports.haptics,
      screen: ports.screen,
      ...(ports.restAlarm === undefined ? {} : { restAlarm: ports.restAlarm }),
      random,
      heartRate: ports.heartRate,
    });
  }

  /** Opens the app from storage: a session left running resumes where it was. */
  static open(ports: WatchAppPorts): WatchApp {
    return new WatchApp(ports);
  }

  /** Today and the six following local dates: the week the watch keeps for the phone's absence. */
  private week(): LocalDay[] {
    return localDays(this.ports.clock.now(), this.ports.clock.utcOffsetMinutes(), 7);
  }

  private today(): LocalDay {
    return localDays(this.ports.clock.now(), this.ports.clock.utcOffsetMinutes(), 1)[0] as LocalDay;
  }

  /** Runs background work once at a time per name, re-rendering when it settles. */
  private background(name: string, work: () => Promise<unknown>): void {
    if (this.inFlight.has(name)) return;
    this.inFlight.add(name);
    const done = () => {
      this.inFlight.delete(name);
      this.ports.onChange?.();
    };
    work().then(done, done);
  }

  screen(): WatchScreen {
    const now = this.ports.clock.now();
    const state = this.session.engineState;
    const view = this.session.view();
    if (state !== null && view !== null) {
      const armed = now < this.finishArmedUntilMs;
      const s = this.session;
      const heart = { status: s.hr.status, bpm: s.hr.bpm(), ...s.hrPlan };
      return sessionScreen(view, state, now, (id) => s.cueFor(id), armed, heart, s.screenNote);
    }
    if (this.route === "pairing") {
      return pairingScreen({
        nowMs: now,
        progress: this.sync.pairing,
        waiting: this.pairingWaiting,
        problem: this.sync.lastProblem,
      });
    }
    const home = homeScreen({
      nowMs: now,
      today: this.sync.cachedDay(this.today()),
      routines: BUILTIN_ROUTINES,
      sync: this.sync.status(),
    });
    return this.notice === null ? home : { ...home, notice: this.notice };
  }

  act(action: WatchAction): void {
    this.notice = null;
    switch (action.type) {
      case "start":
        this.start(action.choice);
        return;
      case "close_summary":
        this.session.close();
        this.pushNow();
        return;
      case "open_pairing":
        this.route = "pairing";
        this.pairingWaiting = true;
        this.background("pairing", async () => {
          await this.sync.startPairing(this.ports.deviceName);
          this.pairingWaiting = false;
          this.lastPairingPollMs = this.ports.clock.now();
        });
        return;
      case "close_pairing":
        this.route = "home";
        this.sync.pairing = null;
        // Back home after pairing (or trying to): fetch the week's sessions and the phone's
        // status on the next tick instead of up to 15 minutes later.
        this.lastTodayRefreshMs = -Infinity;
        this.lastStatusRefreshMs = -Infinity;
        return;
      case "sync_now":
        this.pushNow();
        this.refreshWeek(true);
        return;
      case "finish": {
        // The first tap arms it (the menu says "Tap again to finish"); only a second tap within
        // a few seconds ends the session, so a stray tap cannot.
        const now = this.ports.clock.now();
        if (now >= this.finishArmedUntilMs) {
          this.finishArmedUntilMs = now + FINISH_CONFIRM_MS;
          return;
        }
        this.finishArmedUntilMs = 0;
        this.session.dispatch("finish");
        this.pushNow();
        return;
      }
      default:
        this.finishArmedUntilMs = 0;
        this.session.dispatch(action.type);
    }
  }

  private refreshWeek(syncNow = false): void {
    this.background("today", () => this.sync.refreshWeek(this.week(), syncNow));
  }

  private pushNow(): void {
    this.background("push", () => this.sync.pushAll());
  }

  private start(choice: string): void {
    const plan = this.planFor(choice);
    if (plan === null) {
      this.notice = "That session is not available";
      return;
    }
    // Heart-rate settings come with the day's answer from the phone (any day carries them).
    const day = this.sync.cachedDay(this.today());
    plan.heartRate = { maxBpm: day?.maxHr, restReadyBpm: day?.restHrReady };
    const result = this.session.start(plan);
    if (!result.ok) this.notice = result.message;
  }

  private planFor(choice: string): SessionPlan | null {
    if (choice === "today") {
      const day = this.today();
      const today = this.sync.cachedDay(day);
      if (today === null || today.items.length === 0) return null;
      // The items carry the day's progressed targets: set.log records them as its targets.
      const plan: SessionPlan = {
        name: today.title ?? today.planName ?? "Today's session",
        items: today.items,
        cues: today.cues,
        planDay: day.weekday,
        source: "plan",
      };
      if (today.planId !== null) plan.planId = today.planId;
      return plan;
    }
    const routine = BUILTIN_ROUTINES.find((r) => `routine:${r.id}` === choice);
    if (routine === undefined) return null;
    const cues: Record<string, string> = {};
    for (const item of routine.items) {
      const cue = BUILTIN_CUES[item.exercise_id];
      if (cue !== undefined) cues[item.exercise_id] = cue;
    }
    return { name: routine.name, items: routine.items, cues, source: `routine:${routine.id}` };
  }

  /**
   * Call about every 250 ms during a session and every few seconds otherwise: advances timers
   * and, in the background, pushes the outbox, polls pairing and refreshes today's plan.
   */
  tick(): void {
    const now = this.ports.clock.now();
    this.session.tick();
    this.sync.tick();
    if (this.session.active) return;
    if (this.route === "pairing") {
      const p = this.sync.pairing;
      if (p?.state === "pending" && now - this.lastPairingPollMs >= PAIRING_POLL_MS) {
        this.lastPairingPollMs = now;
        this.background("pairing", () => this.sync.pollPairing());
      }
      return;
    }
    if (now - this.lastTodayRefreshMs >= TODAY_REFRESH_MS) {
      this.lastTodayRefreshMs = now;
      this.refreshWeek();
    }
    if (now - this.lastStatusRefreshMs >= STATUS_REFRESH_MS) {
      this.lastStatusRefreshMs = now;
      this.background("status", () => this.sync.refreshStatus());
    }
  }
}

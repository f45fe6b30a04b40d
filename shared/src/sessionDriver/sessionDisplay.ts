// What the display does at each step of a session (held, may sleep in a long rest, the system's),
// and the background buzz at the end of a long rest: scheduled through the RestAlarm port, kept
// in one small stored record the background buzz reads and marks, so a rest buzzes once.
import type { EngineState } from "../engine/index.ts";
import type { LocalStore, RestAlarm, ScreenKeeper, ScreenMode } from "./ports.ts";

/** A rest at least this long when it starts lets the screen sleep; a shorter one stays held. */
export const MAY_SLEEP_REST_MS = 20_000;
/** A held screen is asked again this often: a bright time once set may be lost or capped. */
export const HOLD_RENEW_MS = 20_000;

export const NO_BACKGROUND_BUZZ_NOTE = "Screen stays on: no background buzz on this watch";
export const HEART_RATE_REST_NOTE = "Screen stays on: heart-rate rest";

/**
 * The rest-end record, stored under `<session key>.restEnd` (Zepp: "runstrong.session.restEnd",
 * read by zepp/app-service/restEnd.ts, which keeps its own copy of this shape): `s` the session,
 * `at` the rest's end (ms), `b` when the background buzz fired.
 */
export interface RestEndRecord {
  s: string;
  at: number;
  b?: number;
}

export function restEndKey(sessionKey: string): string {
  return `${sessionKey}.restEnd`;
}

/** The running rest of `s` (not paused), by session and end time; null in any other phase. */
function runningRest(s: EngineState | null): RestEndRecord | null {
  const t = s?.timer;
  if (s == null || s.phase !== "rest" || s.pausedAtMs !== null || t == null) return null;
  if (t.durationMs === null) return null;
  return { s: s.sessionId, at: t.startMs + t.pausedMs + t.durationMs };
}

/** The display during a session; one per SessionDriver (a factory: closures ship smaller). */
export interface SessionDisplay {
  /**
   * Call after every step: sets the display's mode, schedules or drops the rest-end alarm.
   * `heartRateRest`: the rest ends on heart rate, which only a running app reads, so it stays held.
   */
  update(s: EngineState | null, nowMs: number, heartRateRest: boolean): void;
  /**
   * False for the rest_end buzz of a rest the background buzz already ended (one buzz per rest):
   * a relaunched app settles that rest late and must not buzz again.
   */
  shouldBuzz(kind: string, sessionId: string | null): boolean;
  /** The line the rest screen shows when its screen cannot sleep; null otherwise. */
  note(): string | null;
}

export function sessionDisplay(
  store: LocalStore,
  sessionKey: string,
  screen: ScreenKeeper,
  alarm: RestAlarm | undefined,
): SessionDisplay {
  const key = restEndKey(sessionKey);
  let mode: ScreenMode | null = null;
  let open = false;
  let heldAtMs = 0;
  /** The rest last decided (`session@end`) and how: its mode and the line its screen shows. */
  let decided: { rest: string; mode: ScreenMode; note: string | null } | null = null;
  /** The stored record as last read or written (undefined: not read yet); ticks read no storage. */
  let cached: RestEndRecord | null | undefined;
  let note: string | null = null;

  const record = (): RestEndRecord | null => {
    if (cached !== undefined) return cached;
    cached = null;
    try {
      const r = JSON.parse(store.getItem(key) ?? "null") as RestEndRecord | null;
      if (r !== null && typeof r.s === "string" && typeof r.at === "number") cached = r;
    } catch {
      // Unreadable: treated as no record (and replaced by the next one written).
    }
    return cached;
  };
  const drop = () => {
    try {
      alarm?.cancel();
    } catch {
      // The alarm finds no record once it is removed below, so it does nothing anyway.
    }
    store.removeItem(key);
    cached = null;
  };
  const decide = (rest: RestEndRecord, nowMs: number, hrRest: boolean): ScreenMode => {
    note = hrRest ? HEART_RATE_REST_NOTE : null;
    if (hrRest || rest.at - nowMs < MAY_SLEEP_REST_MS) return "held";
    note = NO_BACKGROUND_BUZZ_NOTE;
    try {
      // A platform that throws instead of answering 0 is refusing too.
      if (alarm?.schedule(rest.at, rest.s) !== true) return "held";
      // Without the record the background buzz would find nothing to do: keep the screen.
      store.setItem(key, JSON.stringify(rest));
    } catch {
      drop();
      return "held";
    }
    cached = rest;
    note = null;
    return "may_sleep";
  };

  return {
    update(s, nowMs, hrRest) {
      const rest = runningRest(s);
      const r = record();
      const same = r !== null && rest !== null && r.s === rest.s && r.at === rest.at;
      // A record of another rest (ended, skipped, extended, paused): its alarm must not buzz.
      if (r !== null && !same) drop();
      let next: ScreenMode = "held";
      note = null;
      if (s === null || s.phase === "summary" || s.pausedAtMs !== null) next = "system";
      else if (same) {
        // Scheduled before (by this run or one the system ended): asleep until it buzzed.
        next = r.b === undefined ? "may_sleep" : "held";
      } else if (rest !== null) {
        const id = `${rest.s}@${rest.at}`;
        // A held rest stays as decided; one that slept but lost its record asks again.
        if (decided?.rest !== id || decided.mode === "may_sleep") {
          decided = { rest: id, mode: decide(rest, nowMs, hrRest), note };
        }
        next = decided.mode;
        note = decided.note;
      }
      const isOpen = s !== null;
      if (
        next !== mode ||
        isOpen !== open ||
        (next === "held" && nowMs - heldAtMs >= HOLD_RENEW_MS)
      ) {
        mode = next;
        open = isOpen;
        if (next === "held") heldAtMs = nowMs;
        screen.keep(next, isOpen);
      }
    },
    shouldBuzz(kind, sessionId) {
      if (kind !== "rest_end") return true;
      // Read afresh: the background buzz writes the record while this app sleeps.
      cached = undefined;
      const r = record();
      return !(r !== null && r.s === sessionId && r.b !== undefined);
    },
    note: () => note,
  };
}

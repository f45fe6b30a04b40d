// Heart rate during a watch session: the latest reading for the screens, the average and peak of
// each set (only while the set is performed: reps and holds, not rests or pauses) written onto
// its set.log, the session's average onto session.finish, and the heart-rate-aware rest.
import type { MutationBody } from "../client/protocol.ts";
import type { EngineState } from "../engine/index.ts";
import { HR_BPM_MAX, HR_BPM_MIN } from "../heartRate/index.ts";
import type { Clock, HeartRateSensor, HeartRateUnavailable } from "./ports.ts";

/** A reading older than this is not shown or used: the sensor lost contact. */
const STALE_MS = 10_000;
/** The heart-rate rest lasts at least this long, whatever the reading. */
export const MIN_HR_REST_MS = 15_000;

/** `[setSum, setCount, setMax, sessionSum, sessionCount]`, kept in the session record. */
export type HeartRateTotals = [number, number, number, number, number];

export class HeartRateTracker {
  /** Latest reading in bpm and when it came (watch clock). */
  private last: { bpm: number; atMs: number } | null = null;
  private totals: HeartRateTotals = [0, 0, 0, 0, 0];
  /** "on" while reading; why not otherwise; "off" outside a session. */
  status: "on" | "off" | HeartRateUnavailable = "off";

  constructor(
    private readonly clock: Clock,
    private readonly sensor: HeartRateSensor | undefined,
    /** The phase a reading falls in, to tell set time from rest time. */
    private readonly stateNow: () => EngineState | null,
  ) {}

  /** Starts reading (at a session's start or resume); `totals` carries on a resumed session. */
  start(totals?: HeartRateTotals): void {
    // A parsed record's own array: nothing else holds it.
    if (totals !== undefined) this.totals = totals;
    if (this.status === "on") return;
    if (this.sensor === undefined) {
      this.status = "absent";
      return;
    }
    this.status = this.sensor.start((bpm) => this.reading(bpm));
  }

  stop(): void {
    if (this.status === "on") this.sensor?.stop();
    this.status = "off";
    this.last = null;
    this.totals = [0, 0, 0, 0, 0];
  }

  private reading(bpm: number): void {
    // A 0 or a wild value is the sensor searching, not a heart rate.
    if (!(bpm >= HR_BPM_MIN && bpm <= HR_BPM_MAX)) return;
    const b = Math.round(bpm);
    this.last = { bpm: b, atMs: this.clock.now() };
    const s = this.stateNow();
    if (s === null || s.pausedAtMs !== null || s.phase === "summary") return;
    const t = this.totals;
    if (s.phase === "reps" || s.phase === "hold") {
      t[0] += b;
      t[1]++;
      if (b > t[2]) t[2] = b;
    }
    t[3] += b;
    t[4]++;
  }

  /** The current heart rate, or null when there is no fresh reading. */
  bpm(): number | null {
    const l = this.last;
    return l !== null && this.clock.now() - l.atMs <= STALE_MS ? l.bpm : null;
  }

  /** Totals to keep in the session record (written out at once, so not copied). */
  saved(): HeartRateTotals {
    return this.totals;
  }

  /**
   * The step's mutations with heart rate added: a set.log gets the average and peak of the set
   * just done (then the set totals start again), session.finish the session's average.
   */
  annotate(mutations: readonly MutationBody[]): MutationBody[] {
    return mutations.map((m) => {
      const t = this.totals;
      if (m.op === "set.log") {
        const n = t[1];
        const peak = t[2];
        const avg = n === 0 ? 0 : Math.round(t[0] / n);
        t[0] = t[1] = t[2] = 0;
        if (n === 0) return m;
        return { op: m.op, args: { ...m.args, hr_avg: Math.min(avg, peak), hr_max: peak } };
      }
      if (m.op === "session.finish" && t[4] > 0) {
        return { op: m.op, args: { ...m.args, hr_avg: Math.round(t[3] / t[4]) } };
      }
      return m;
    });
  }

  /** True when a rest may end now because heart rate came down below `readyBpm`. */
  restReady(state: EngineState, nowMs: number, readyBpm: number | undefined): boolean {
    const timer = state.timer;
    if (readyBpm === undefined || state.phase !== "rest" || state.pausedAtMs !== null) return false;
    if (timer === null || nowMs - timer.startMs - timer.pausedMs < MIN_HR_REST_MS) return false;
    const bpm = this.bpm();
    return bpm !== null && bpm < readyBpm;
  }
}

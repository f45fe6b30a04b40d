// The phone's week of sessions: GET /plans/today for today and the six following local dates,
// asked one date at a time, kept in the phone's settings so the watch is answered (and can
// carry the week away) without the server. A 404 means the runner has no active plan.
import type { TodayResponse } from "@runstrong/shared/schemas";
import type { DaySession, LocalDay } from "../link/todayPlan.ts";
import type { Clock, SettingsStore } from "../ports.ts";
import type { ApiFailure, ServerApi } from "./serverApi.ts";

const WEEK_KEY = "runstrong.week";
/** The week is asked again at most this often, unless a pull brought plan or settings changes. */
const WEEK_MAX_AGE_MS = 5 * 60_000;
/** After a failed refresh, the next watch request waits this long before trying again. */
const WEEK_RETRY_MS = 30_000;

interface WeekState {
  /** The server said the runner has no active plan. */
  noPlan: boolean;
  /** Phone-clock time of the last refresh that got through every date. */
  fetchedAtMs: number | null;
  /** Answers by local date "YYYY-MM-DD". */
  days: Record<string, DaySession>;
}

export type WeekOutcome = { ok: true } | { ok: false; failure: ApiFailure };

const empty = (): WeekState => ({ noPlan: false, fetchedAtMs: null, days: {} });

/** What the watch needs of an answer: the first progression reason is the day's "why". */
function sessionOf(body: TodayResponse): DaySession {
  const why = body.progression.find((p) => typeof p.reason === "string" && p.reason !== "");
  return {
    plan_id: body.plan_id,
    day: body.day,
    deload: body.deload === true,
    taper: body.taper === true,
    adjusted: body.adjusted === true,
    why: why?.reason ?? null,
  };
}

export class PlanWeek {
  private state: WeekState = empty();
  /** When this run last tried (null: not yet, so opening the app refreshes the week). */
  private triedAtMs: number | null = null;
  /** A pull brought plan or settings changes since the week was last asked. */
  private stale = false;
  private lastFailure: ApiFailure | null = null;

  constructor(private readonly deps: { api: ServerApi; settings: SettingsStore; clock: Clock }) {}

  async load(): Promise<void> {
    const text = await this.deps.settings.get(WEEK_KEY);
    if (text === null) return;
    try {
      this.state = { ...empty(), ...(JSON.parse(text) as WeekState) };
    } catch {
      this.state = empty();
    }
  }

  /** Forgets the week: another account, or an unpair. */
  async clear(): Promise<void> {
    this.state = empty();
    this.triedAtMs = null;
    this.lastFailure = null;
    await this.deps.settings.remove(WEEK_KEY);
  }

  /** The plan or settings changed on the server: ask the week again at the next chance. */
  markStale(): void {
    this.stale = true;
  }

  get noPlan(): boolean {
    return this.state.noPlan;
  }

  /** The stored answer for a date, if any. */
  session(date: string): DaySession | null {
    return this.state.days[date] ?? null;
  }

  /** Asks the server about one date; null when it answered (stored), else why not. */
  private async fetchDay(token: string, date: string): Promise<ApiFailure | null> {
    const res = await this.deps.api.call<TodayResponse>("GET", `/plans/today?date=${date}`, {
      token,
    });
    if (res.kind === "ok") {
      this.state.noPlan = false;
      this.state.days[date] = sessionOf(res.body);
      return null;
    }
    if (res.kind === "error" && res.status === 404) {
      // No active plan: nothing cached applies any more.
      this.state = { noPlan: true, fetchedAtMs: null, days: {} };
      return null;
    }
    return res;
  }

  /**
   * Refreshes `days` one date after another (small requests, one at a time); dates outside them
   * are dropped. Stops at the first failure, keeping what came before it; a 404 ends the week.
   */
  async refresh(token: string, days: readonly LocalDay[]): Promise<WeekOutcome> {
    let failure: ApiFailure | null = null;
    for (const day of days) {
      failure = await this.fetchDay(token, day.date);
      if (failure !== null || this.state.noPlan) break;
    }
    if (failure === null) {
      const kept: Record<string, DaySession> = {};
      for (const day of days) {
        const session = this.state.days[day.date];
        if (session !== undefined) kept[day.date] = session;
      }
      this.state.days = kept;
      this.state.fetchedAtMs = this.deps.clock.now();
    }
    await this.deps.settings.set(WEEK_KEY, JSON.stringify(this.state));
    return failure === null ? { ok: true } : { ok: false, failure };
  }

  /**
   * Refreshes the week when a pull changed the plan or settings, when it is older than a few
   * minutes (after a failure, not before a short pause) or when this run never asked.
   * `fresh`: the stored week is current; `failure`: why the last try did not get through.
   */
  async refreshIfDue(
    token: string,
    days: readonly LocalDay[],
  ): Promise<{ fresh: boolean; fetched: boolean; failure: ApiFailure | null }> {
    const now = this.deps.clock.now();
    const fetchedAt = this.state.fetchedAtMs;
    const old = fetchedAt === null || now - fetchedAt > WEEK_MAX_AGE_MS;
    const due =
      this.stale || this.triedAtMs === null || (old && now - this.triedAtMs >= WEEK_RETRY_MS);
    if (!due) return { fresh: !old, fetched: false, failure: old ? this.lastFailure : null };
    this.stale = false;
    this.triedAtMs = now;
    const outcome = await this.refresh(token, days);
    this.lastFailure = outcome.ok ? null : outcome.failure;
    return { fresh: outcome.ok, fetched: true, failure: this.lastFailure };
  }

  /**
   * A number that changes whenever what the watch would be sent for `days` changes (with
   * `extra`: what else goes into the answers), so the watch asks every day only then.
   */
  rev(days: readonly LocalDay[], extra: unknown): number {
    const sessions = days.map((d) => this.state.days[d.date] ?? null);
    const text = JSON.stringify([this.state.noPlan, sessions, extra]);
    let hash = 5381;
    // djb2, kept below 2^32 (plain arithmetic: the Fitbit shells type-check the core as ES5).
    for (let i = 0; i < text.length; i++) hash = (hash * 33 + text.charCodeAt(i)) % 4_294_967_296;
    return hash;
  }

  /** Fetches a date outside the stored week (the watch's clock runs ahead of the phone's). */
  async fetchOne(token: string, date: string): Promise<WeekOutcome> {
    const failure = await this.fetchDay(token, date);
    await this.deps.settings.set(WEEK_KEY, JSON.stringify(this.state));
    return failure === null ? { ok: true } : { ok: false, failure };
  }
}

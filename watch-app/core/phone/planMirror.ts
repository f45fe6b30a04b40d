// The phone's copy of what the watch needs from the server: the user's plans and active plan
// (kept current by the shared client's PullLoop, asking for `kinds=plans,settings` only), and
// exercise names and cues (GET /exercises, once).
import {
  type Changes,
  createLocalLock,
  PullLoop,
  type StopReason,
  type SyncTransport,
} from "@runstrong/shared/client";
import { maxHeartRate } from "@runstrong/shared/heartRate";
import type { PlanBody } from "@runstrong/shared/schemas";
import { type ExerciseLabel, type TodayPlan, todayFromPlan } from "../link/todayPlan.ts";
import type { Clock, SettingsStore } from "../ports.ts";
import type { ServerApi } from "./serverApi.ts";

const PULL_KEY = "runstrong.pull";
/** Prefix of the pull loop's cursor key (it adds `.pull.plans+settings`). */
const CURSOR_KEY = "runstrong.mirror";
const LABELS_KEY = "runstrong.exercises";

/** The account's heart-rate settings, as the latest settings record has them. */
interface HeartRateSettings {
  max_hr?: number;
  birth_year?: number;
  rest_hr_ready?: number;
}

interface MirrorState {
  activePlanId: string | null;
  /** Absent in copies kept before heart rate reached the watch. */
  heartRate?: HeartRateSettings;
  plans: Record<string, { rev: number; plan: PlanBody }>;
  pulledAtMs: number | null;
}

/** `changed`: the pull brought plan or settings records (what today's session depends on). */
export type PullOutcome = { ok: true; changed: boolean } | { ok: false; stopped: StopReason };

function labelMap(rows: Record<string, [string, string | null]>): Map<string, ExerciseLabel> {
  return new Map(
    Object.entries(rows).map(([id, [name, cue]]) => [id, cue === null ? { name } : { name, cue }]),
  );
}

const empty = (): MirrorState => ({
  activePlanId: null,
  plans: {},
  pulledAtMs: null,
});

export class PlanMirror {
  private state: MirrorState = empty();
  private labels = new Map<string, ExerciseLabel>();
  /** Fetched once, even if empty: the catalog is static data. */
  private labelsFetched = false;
  private readonly loop: PullLoop;
  /** The token of the pull under way (the loop's transport reads it). */
  private token = "";
  /** Set by a pull's pages: plan or settings records arrived. */
  private changed = false;
  /** The pull started without a cursor: its first page replaces the copy. */
  private fromScratch = false;

  constructor(private readonly deps: { api: ServerApi; settings: SettingsStore; clock: Clock }) {
    const transport: SyncTransport = {
      request: (req) => deps.api.transport(this.token).request(req),
    };
    this.loop = new PullLoop({
      store: deps.settings,
      transport,
      lock: createLocalLock(),
      key: CURSOR_KEY,
      kinds: ["plans", "settings"],
      consumer: {
        apply: async (changes, page) => {
          if (this.fromScratch) {
            this.state = { ...empty(), pulledAtMs: this.state.pulledAtMs };
            this.fromScratch = false;
          }
          if (this.apply(changes)) this.changed = true;
          if (!page.hasMore) this.state.pulledAtMs = this.deps.clock.now();
          await this.deps.settings.set(PULL_KEY, JSON.stringify(this.state));
        },
        reset: async () => {
          this.state = empty();
          this.changed = true;
          await this.deps.settings.remove(PULL_KEY);
        },
      },
    });
  }

  async load(): Promise<void> {
    const pulled = await this.deps.settings.get(PULL_KEY);
    if (pulled !== null) {
      try {
        const kept = JSON.parse(pulled) as MirrorState;
        this.state = { ...empty(), ...kept };
        // A copy kept before heart rate reached the watch holds the active plan only of the
        // settings: the next pull starts from scratch, so the settings record comes again.
        if (kept.heartRate === undefined) await this.deps.settings.remove(this.loop.stateKey);
      } catch {
        this.state = empty();
      }
    }
    const labels = await this.deps.settings.get(LABELS_KEY);
    if (labels !== null) {
      try {
        const rows = JSON.parse(labels) as Record<string, [string, string | null]>;
        this.labels = labelMap(rows);
        this.labelsFetched = true;
      } catch {
        this.labels = new Map();
      }
    }
  }

  get pulledAtMs(): number | null {
    return this.state.pulledAtMs;
  }

  /** Forgets the copy: another account (a new pairing) or a server reset. */
  async clear(): Promise<void> {
    this.state = empty();
    await this.deps.settings.remove(PULL_KEY);
    await this.deps.settings.remove(this.loop.stateKey);
  }

  /** Applies a page; true when it held plan or settings records. */
  private apply(changes: Partial<Changes>): boolean {
    const plans = changes.plans ?? [];
    for (const record of plans) {
      if (record.deleted || record.plan === null) delete this.state.plans[record.id];
      else this.state.plans[record.id] = { rev: record.rev, plan: record.plan };
    }
    const rows = changes.settings ?? [];
    const settings = rows[rows.length - 1];
    if (settings !== undefined) {
      this.state.activePlanId = settings.active_plan_id;
      const hr = settings as HeartRateSettings;
      this.state.heartRate = {};
      if (hr.max_hr !== undefined) this.state.heartRate.max_hr = hr.max_hr;
      if (hr.birth_year !== undefined) this.state.heartRate.birth_year = hr.birth_year;
      if (hr.rest_hr_ready !== undefined) this.state.heartRate.rest_hr_ready = hr.rest_hr_ready;
    }
    // A pull from scratch has brought every settings record there is (an account may have none).
    if (this.fromScratch && this.state.heartRate === undefined) this.state.heartRate = {};
    return plans.length > 0 || settings !== undefined;
  }

  /**
   * Pulls plans and settings since the cursor, page by page (the loop saves the cursor after
   * each page is stored here). A pull from no cursor replaces the copy; a server-ordered reset
   * drops it. The watch's outbox is unaffected (it pushes on its own).
   */
  async pull(token: string): Promise<PullOutcome> {
    this.token = token;
    this.changed = false;
    this.fromScratch = (await this.loop.cursor()) === null;
    const report = await this.loop.pull();
    this.fromScratch = false;
    if (report.stopped) return { ok: false, stopped: report.stopped };
    return { ok: true, changed: this.changed || report.reset };
  }

  /** Fetches exercise names and cues once; a failure leaves ids as names until next time. */
  async ensureLabels(): Promise<void> {
    if (this.labelsFetched) return;
    const res = await this.deps.api.call<{
      exercises: { id: string; name: string; cues?: string[] }[];
    }>("GET", "/exercises");
    if (res.kind !== "ok" || !Array.isArray(res.body.exercises)) return;
    const rows: Record<string, [string, string | null]> = {};
    for (const e of res.body.exercises) rows[e.id] = [e.name, e.cues?.[0] ?? null];
    this.labels = labelMap(rows);
    this.labelsFetched = true;
    await this.deps.settings.set(LABELS_KEY, JSON.stringify(rows));
  }

  /** True when a plan is known but the catalog's names and cues were never fetched. */
  needsLabels(): boolean {
    return !this.labelsFetched && Object.keys(this.state.plans).length > 0;
  }

  /** The active plan's name, for sessions that come from GET /plans/today. */
  planName(planId: string): string | null {
    return this.state.plans[planId]?.plan.name ?? null;
  }

  /** Exercise names and cues from the catalog, by id. */
  get exerciseLabels(): ReadonlyMap<string, ExerciseLabel> {
    return this.labels;
  }

  /**
   * What a watch needs of the heart-rate settings: the max heart rate for zones (the runner's
   * own, or estimated from the year of birth as of `nowMs`) and the heart-rate rest's threshold.
   */
  heartRate(nowMs: number): Pick<TodayPlan, "maxHr" | "restHrReady"> {
    const hr = this.state.heartRate ?? {};
    const max = maxHeartRate(hr, new Date(nowMs).getUTCFullYear());
    const out: Pick<TodayPlan, "maxHr" | "restHrReady"> = {};
    if (max !== null) out.maxHr = max.bpm;
    if (hr.rest_hr_ready !== undefined) out.restHrReady = hr.rest_hr_ready;
    return out;
  }

  today(weekday: number): TodayPlan {
    const id = this.state.activePlanId;
    const entry = id === null ? undefined : this.state.plans[id];
    return todayFromPlan(
      entry === undefined ? null : id,
      entry?.plan ?? null,
      weekday,
      this.labels,
    );
  }
}

// The phone's copy of what the watch needs from the server: the user's plans and active plan
// (kept current with GET /sync/pull), and exercise names and cues (GET /exercises, once).
import type { PlanBody, PullPage, PullReset } from "@runstrong/shared/schemas";
import type { Clock, SettingsStore } from "./ports.ts";
import type { ApiFailure, ServerApi } from "./serverApi.ts";
import { type ExerciseLabel, type TodayPlan, todayFromPlan } from "./todayPlan.ts";

const PULL_KEY = "runstrong.pull";
const LABELS_KEY = "runstrong.exercises";
const PULL_LIMIT = 500;
/** A reset answered again right after starting over means the server is in trouble: stop. */
const MAX_RESETS = 2;
/** Guards against a server that keeps saying has_more. */
const MAX_PAGES = 1000;

interface MirrorState {
  cursor: string | null;
  activePlanId: string | null;
  plans: Record<string, { rev: number; plan: PlanBody }>;
  pulledAtMs: number | null;
}

/** `changed`: the pull brought plan or settings records (what today's session depends on). */
export type PullOutcome = { ok: true; changed: boolean } | { ok: false; failure: ApiFailure };

function labelMap(rows: Record<string, [string, string | null]>): Map<string, ExerciseLabel> {
  return new Map(
    Object.entries(rows).map(([id, [name, cue]]) => [id, cue === null ? { name } : { name, cue }]),
  );
}

const empty = (): MirrorState => ({
  cursor: null,
  activePlanId: null,
  plans: {},
  pulledAtMs: null,
});

export class PlanMirror {
  private state: MirrorState = empty();
  private labels = new Map<string, ExerciseLabel>();
  /** Fetched once, even if empty: the catalog is static data. */
  private labelsFetched = false;

  constructor(private readonly deps: { api: ServerApi; settings: SettingsStore; clock: Clock }) {}

  async load(): Promise<void> {
    const pulled = await this.deps.settings.get(PULL_KEY);
    if (pulled !== null) {
      try {
        this.state = { ...empty(), ...(JSON.parse(pulled) as MirrorState) };
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
  }

  /** Applies a page; true when it held plan or settings records. */
  private apply(page: PullPage): boolean {
    for (const record of page.changes.plans) {
      if (record.deleted || record.plan === null) delete this.state.plans[record.id];
      else this.state.plans[record.id] = { rev: record.rev, plan: record.plan };
    }
    const settings = page.changes.settings[page.changes.settings.length - 1];
    if (settings !== undefined) this.state.activePlanId = settings.active_plan_id;
    this.state.cursor = page.cursor;
    return page.changes.plans.length > 0 || settings !== undefined;
  }

  /**
   * Pulls every change since the cursor, page by page, saving after each page (pages end on a
   * version boundary, so a saved cursor is always consistent). On `reset` the copy is dropped
   * and pulled again from scratch; the watch's outbox is unaffected (it pushes on its own).
   */
  async pull(token: string): Promise<PullOutcome> {
    let resets = 0;
    let changed = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = `limit=${PULL_LIMIT}${
        this.state.cursor === null ? "" : `&cursor=${encodeURIComponent(this.state.cursor)}`
      }`;
      const res = await this.deps.api.call<PullPage | PullReset>("GET", `/sync/pull?${query}`, {
        token,
      });
      if (res.kind !== "ok") return { ok: false, failure: res };
      if ("reset" in res.body && res.body.reset === true) {
        if (++resets > MAX_RESETS) {
          return {
            ok: false,
            failure: {
              kind: "error",
              status: 502,
              error: "reset_loop",
              message: "Pull keeps resetting.",
              body: {},
            },
          };
        }
        this.state = empty();
        changed = true;
        continue;
      }
      const body = res.body as PullPage;
      if (this.apply(body)) changed = true;
      if (!body.has_more) this.state.pulledAtMs = this.deps.clock.now();
      await this.deps.settings.set(PULL_KEY, JSON.stringify(this.state));
      if (!body.has_more) return { ok: true, changed };
    }
    return {
      ok: false,
      failure: {
        kind: "error",
        status: 502,
        error: "too_many_pages",
        message: "Pull did not end.",
        body: {},
      },
    };
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

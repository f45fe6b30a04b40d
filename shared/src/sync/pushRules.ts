// The server-side rules of a push, as pure functions over a snapshot of the rows a push touches:
// seq classification, insert-once, tombstones win, optimistic concurrency on plan revs.
// The Worker loads the snapshot, calls these, and persists the rows they mark dirty.
import type {
  AssessmentRecord,
  PlanRecord,
  RunRecord,
  SessionRecord,
  SetRecord,
  SettingsRecord,
} from "../schemas/entities.ts";
import { type Mutation, type MutationEnvelope, parseMutationArgs } from "../schemas/mutations.ts";
import type { Ack } from "../schemas/sync.ts";

/** Rows of one user that a push may read or change, keyed by entity id. */
export type Snapshot = {
  sessions: Map<string, SessionRecord>;
  sets: Map<string, SetRecord>;
  plans: Map<string, PlanRecord>;
  runs: Map<string, RunRecord>;
  assessments: Map<string, AssessmentRecord>;
  settings: SettingsRecord | null;
  /** `set:<id>` / `run:<id>` deleted before the entity itself arrived. */
  tombstones: Set<string>;
};

export type EntityKind = "sessions" | "sets" | "plans" | "runs" | "assessments";

export type PushOutcome = {
  acks: Ack[];
  lastSeq: number;
  /** Ids whose rows must be written (with the new version). */
  dirty: Record<EntityKind, Set<string>>;
  settingsDirty: boolean;
  /** Sessions deleted by this push: their stored sets must be tombstoned too. */
  deletedSessions: Set<string>;
  newTombstones: Set<string>;
  /** True when any row changes, so the user's version must be bumped. */
  changed: boolean;
};

export type SeqCheck = { kind: "gap"; expected: number } | { kind: "ok" };

/**
 * The seq rule of a push against a device at `lastSeq`. Seqs <= lastSeq are duplicates (and may
 * sit anywhere in the batch); the others, in batch order, must be exactly lastSeq + 1,
 * lastSeq + 2, … A hole, a repeat or a step back among them is a gap: nothing of the push is
 * applied, and `expected` is lastSeq + 1 — the first seq the server has not applied, so a client
 * that resends from `expected` never drops a mutation that was not stored.
 */
export function checkSeqs(lastSeq: number, envelopes: readonly MutationEnvelope[]): SeqCheck {
  let next = lastSeq + 1;
  for (const m of envelopes) {
    if (m.seq <= lastSeq) continue;
    if (m.seq !== next) return { kind: "gap", expected: lastSeq + 1 };
    next++;
  }
  return { kind: "ok" };
}

/** Every entity id a push mentions, so the caller can load exactly those rows. */
export function referencedIds(
  envelopes: readonly MutationEnvelope[],
): Record<EntityKind, Set<string>> {
  const ids: Record<EntityKind, Set<string>> = {
    sessions: new Set(),
    sets: new Set(),
    plans: new Set(),
    runs: new Set(),
    assessments: new Set(),
  };
  const add = (kind: EntityKind, value: unknown) => {
    if (typeof value === "string" && value.length > 0 && value.length <= 40) ids[kind].add(value);
  };
  for (const { op, args } of envelopes) {
    if (op === "session.start" || op === "session.finish" || op === "session.delete")
      add("sessions", args.id);
    else if (op === "set.log") {
      add("sets", args.id);
      add("sessions", args.session_id);
    } else if (op === "set.delete") add("sets", args.id);
    else if (op === "plan.put" || op === "plan.delete") add("plans", args.id);
    else if (op === "run.log" || op === "run.delete") add("runs", args.id);
    else if (op === "assessment.log") add("assessments", args.id);
  }
  return ids;
}

const emptySession = (id: string, version: number): SessionRecord => ({
  id,
  started_at: null,
  ended_at: null,
  plan_id: null,
  plan_day: null,
  source: null,
  name: null,
  rpe: null,
  notes: null,
  deleted: false,
  version,
});

/**
 * Applies the push's mutations in order to `snap` (changed in place) at `version`, the user's
 * version after this push. Duplicated seqs are acknowledged without effect.
 */
export function applyPush(
  snap: Snapshot,
  lastSeq: number,
  envelopes: readonly MutationEnvelope[],
  version: number,
  defaults: { units: SettingsRecord["units"]; rest_s_default: number },
): PushOutcome {
  const out: PushOutcome = {
    acks: [],
    lastSeq,
    dirty: {
      sessions: new Set(),
      sets: new Set(),
      plans: new Set(),
      runs: new Set(),
      assessments: new Set(),
    },
    settingsDirty: false,
    deletedSessions: new Set(),
    newTombstones: new Set(),
    changed: false,
  };
  for (const envelope of envelopes) {
    if (envelope.seq <= out.lastSeq) {
      out.acks.push({ seq: envelope.seq, status: "duplicate" });
      continue;
    }
    out.lastSeq = envelope.seq;
    const parsed = parseMutationArgs(envelope);
    if (!parsed.ok) {
      out.acks.push({ seq: envelope.seq, status: "rejected", error: parsed.error });
      continue;
    }
    out.acks.push(applyOne(snap, parsed.mutation, version, defaults, out));
  }
  out.changed =
    out.settingsDirty ||
    out.deletedSessions.size > 0 ||
    out.newTombstones.size > 0 ||
    Object.values(out.dirty).some((s) => s.size > 0);
  return out;
}

/**
 * Marks a set or run deleted, or, when it has not arrived yet, remembers the delete so the late
 * insert lands deleted. Returns false when it was deleted already.
 */
function tombstone(
  snap: Snapshot,
  kind: "sets" | "runs",
  id: string,
  version: number,
  out: PushOutcome,
): boolean {
  const row = snap[kind].get(id);
  if (!row) {
    const key = `${kind === "sets" ? "set" : "run"}:${id}`;
    if (snap.tombstones.has(key)) return false;
    snap.tombstones.add(key);
    out.newTombstones.add(key);
    return true;
  }
  if (row.deleted) return false;
  row.deleted = true;
  row.version = version;
  out.dirty[kind].add(id);
  return true;
}

function applyOne(
  snap: Snapshot,
  m: Mutation,
  version: number,
  defaults: { units: SettingsRecord["units"]; rest_s_default: number },
  out: PushOutcome,
): Ack {
  const applied: Ack = { seq: m.seq, status: "applied" };
  const already: Ack = { seq: m.seq, status: "duplicate" };
  switch (m.op) {
    case "session.start": {
      const a = m.args;
      const existing = snap.sessions.get(a.id);
      // A placeholder made by an earlier finish or delete gets its start fields; a real
      // session is never overwritten (insert-once).
      if (existing && existing.started_at !== null) return already;
      const row = existing ?? emptySession(a.id, version);
      row.started_at = a.started_at;
      row.plan_id = a.plan_id ?? null;
      row.plan_day = a.plan_day ?? null;
      row.source = a.source ?? null;
      row.name = a.name ?? null;
      row.version = version;
      snap.sessions.set(a.id, row);
      out.dirty.sessions.add(a.id);
      return applied;
    }
    case "set.log": {
      const a = m.args;
      if (snap.sets.has(a.id)) return already;
      const session = snap.sessions.get(a.session_id);
      const deleted =
        snap.tombstones.has(`set:${a.id}`) ||
        session?.deleted === true ||
        out.deletedSessions.has(a.session_id);
      const set: SetRecord = {
        id: a.id,
        session_id: a.session_id,
        exercise_id: a.exercise_id,
        set_index: a.set_index,
        started_at: a.started_at,
        ended_at: a.ended_at,
        reps: a.reps ?? null,
        hold_s: a.hold_s ?? null,
        side: a.side ?? null,
        weight_kg: a.weight_kg ?? null,
        rpe: a.rpe ?? null,
        target_reps: a.target_reps ?? null,
        target_hold_s: a.target_hold_s ?? null,
        deleted,
        version,
      };
      // Heart rate only when measured: a set without it is stored exactly as before.
      if (a.hr_avg !== undefined) set.hr_avg = a.hr_avg;
      if (a.hr_max !== undefined) set.hr_max = a.hr_max;
      snap.sets.set(a.id, set);
      out.dirty.sets.add(a.id);
      return applied;
    }
    case "set.delete":
      return tombstone(snap, "sets", m.args.id, version, out) ? applied : already;
    case "session.finish": {
      const a = m.args;
      const row = snap.sessions.get(a.id) ?? emptySession(a.id, version);
      snap.sessions.set(a.id, row);
      // Tombstones win: finishing a deleted session changes nothing.
      if (row.deleted) return applied;
      row.ended_at = a.ended_at;
      if (a.rpe !== undefined) row.rpe = a.rpe;
      if (a.notes !== undefined) row.notes = a.notes;
      if (a.hr_avg !== undefined) row.hr_avg = a.hr_avg;
      row.version = version;
      out.dirty.sessions.add(a.id);
      return applied;
    }
    case "session.delete": {
      const id = m.args.id;
      const row = snap.sessions.get(id) ?? emptySession(id, version);
      snap.sessions.set(id, row);
      if (row.deleted) return already;
      row.deleted = true;
      row.version = version;
      out.dirty.sessions.add(id);
      out.deletedSessions.add(id);
      for (const set of snap.sets.values()) {
        if (set.session_id === id && !set.deleted) {
          set.deleted = true;
          set.version = version;
          out.dirty.sets.add(set.id);
        }
      }
      return applied;
    }
    case "plan.put": {
      const a = m.args;
      const row = snap.plans.get(a.id);
      if (!row) {
        if (a.base_rev !== 0) {
          return {
            seq: m.seq,
            status: "conflict",
            error: `plan ${a.id} does not exist; create it with base_rev 0`,
            current: null,
          };
        }
        snap.plans.set(a.id, { id: a.id, rev: 1, plan: a.plan, deleted: false, version });
        out.dirty.plans.add(a.id);
        return applied;
      }
      if (row.deleted || row.rev !== a.base_rev) {
        return {
          seq: m.seq,
          status: "conflict",
          error: row.deleted
            ? `plan ${a.id} was deleted; the edit was not applied`
            : `plan ${a.id} is at rev ${row.rev}, not ${a.base_rev}`,
          current: { ...row },
        };
      }
      row.rev += 1;
      row.plan = a.plan;
      row.version = version;
      out.dirty.plans.add(a.id);
      return applied;
    }
    case "plan.delete": {
      const a = m.args;
      const row = snap.plans.get(a.id);
      if (!row) {
        // Deleting a plan the server never saw still leaves a tombstone, so a late
        // create of the same id cannot bring it back.
        snap.plans.set(a.id, { id: a.id, rev: 1, plan: null, deleted: true, version });
        out.dirty.plans.add(a.id);
        return applied;
      }
      if (row.deleted) return already;
      if (row.rev !== a.base_rev) {
        return {
          seq: m.seq,
          status: "conflict",
          error: `plan ${a.id} is at rev ${row.rev}, not ${a.base_rev}`,
          current: { ...row },
        };
      }
      row.deleted = true;
      row.rev += 1;
      row.version = version;
      out.dirty.plans.add(a.id);
      return applied;
    }
    case "run.log": {
      const a = m.args;
      if (snap.runs.has(a.id)) return already;
      snap.runs.set(a.id, {
        id: a.id,
        date: a.date,
        distance_m: a.distance_m,
        duration_s: a.duration_s,
        kind: a.kind,
        notes: a.notes ?? null,
        avg_hr: a.avg_hr ?? null,
        deleted: snap.tombstones.has(`run:${a.id}`),
        version,
      });
      out.dirty.runs.add(a.id);
      return applied;
    }
    case "run.delete":
      return tombstone(snap, "runs", m.args.id, version, out) ? applied : already;
    case "assessment.log": {
      const a = m.args;
      if (snap.assessments.has(a.id)) return already;
      snap.assessments.set(a.id, {
        id: a.id,
        date: a.date,
        test: a.test,
        value: a.value,
        notes: a.notes ?? null,
        deleted: false,
        version,
      });
      out.dirty.assessments.add(a.id);
      return applied;
    }
    case "settings.put": {
      const a = m.args;
      const row: SettingsRecord = snap.settings ?? {
        active_plan_id: null,
        units: defaults.units,
        rest_s_default: defaults.rest_s_default,
        time_zone: null,
        version,
      };
      if (a.active_plan_id !== undefined) row.active_plan_id = a.active_plan_id;
      if (a.units !== undefined) row.units = a.units;
      if (a.rest_s_default !== undefined) row.rest_s_default = a.rest_s_default;
      if (a.time_zone !== undefined) row.time_zone = a.time_zone;
      // null clears a heart-rate setting: the record then goes without it.
      if (a.max_hr === null) delete row.max_hr;
      else if (a.max_hr !== undefined) row.max_hr = a.max_hr;
      if (a.birth_year === null) delete row.birth_year;
      else if (a.birth_year !== undefined) row.birth_year = a.birth_year;
      if (a.rest_hr_ready === null) delete row.rest_hr_ready;
      else if (a.rest_hr_ready !== undefined) row.rest_hr_ready = a.rest_hr_ready;
      row.version = version;
      snap.settings = row;
      out.settingsDirty = true;
      return applied;
    }
  }
}

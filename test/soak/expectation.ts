// What the server must hold for one account, worked out from the mutations its devices stored
// (in each device's order), and the comparison with what a fresh reader pulls from the server:
// every live entity exactly once with the fields it was logged with, nothing deleted.
import type { MutationBody } from "@runstrong/shared/client";

export type EntityKind = "sessions" | "sets" | "runs" | "assessments" | "plans";
export const ENTITY_KINDS: readonly EntityKind[] = [
  "sessions",
  "sets",
  "runs",
  "assessments",
  "plans",
];

type Row = Record<string, unknown>;

export class Expectation {
  readonly live = new Map<EntityKind, Map<string, Row>>(ENTITY_KINDS.map((k) => [k, new Map()]));
  readonly deleted = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set()]));
  /** Every value each settings field was put to: last arrival wins, so any of them may be stored. */
  readonly settings = new Map<string, Set<unknown>>();

  private kind(k: EntityKind) {
    return {
      live: this.live.get(k) as Map<string, Row>,
      deleted: this.deleted.get(k) as Set<string>,
    };
  }

  private remove(k: EntityKind, id: string): void {
    const { live, deleted } = this.kind(k);
    live.delete(id);
    deleted.add(id);
  }

  /** Applies one device's stored mutations, in its seq order. */
  apply(bodies: readonly MutationBody[]): void {
    for (const { op, args } of bodies) {
      const a = args as Row & { id: string };
      const sessions = this.kind("sessions");
      switch (op) {
        case "session.start":
          if (!sessions.deleted.has(a.id))
            sessions.live.set(a.id, { ...a, ended_at: null, rpe: null, notes: null });
          break;
        case "session.finish": {
          const row = sessions.live.get(a.id);
          if (row) Object.assign(row, a);
          break;
        }
        case "session.delete":
          this.remove("sessions", a.id);
          for (const [id, set] of this.kind("sets").live)
            if (set.session_id === a.id) this.remove("sets", id);
          break;
        case "set.log": {
          const sets = this.kind("sets");
          // A delete wins over a log that comes later; a deleted session takes late sets too.
          if (sets.deleted.has(a.id) || sessions.deleted.has(String(a.session_id)))
            this.remove("sets", a.id);
          else sets.live.set(a.id, { ...a });
          break;
        }
        case "set.delete":
          this.remove("sets", a.id);
          break;
        case "run.log":
          this.kind("runs").live.set(a.id, { ...a });
          break;
        case "run.delete":
          this.remove("runs", a.id);
          break;
        case "assessment.log":
          this.kind("assessments").live.set(a.id, { ...a });
          break;
        case "plan.put": {
          const plan = a.plan as { name: string };
          this.kind("plans").live.set(a.id, {
            id: a.id,
            rev: Number(a.base_rev) + 1,
            name: plan.name,
          });
          break;
        }
        case "settings.put":
          for (const [field, value] of Object.entries(a)) {
            const seen = this.settings.get(field) ?? new Set();
            seen.add(value);
            this.settings.set(field, seen);
          }
          break;
        default:
          throw new Error(`the soak's model does not know ${op}`);
      }
    }
  }
}

export type ServerCopy = {
  rows: Map<EntityKind, Map<string, Row>>;
  settings: Row | null;
  /** Ids the pull returned more than once. */
  repeated: string[];
};

export type Findings = {
  lost: string[];
  duplicated: string[];
  /** Deleted, yet present. */
  resurrected: string[];
  /** Present with other values than were logged. */
  mismatched: string[];
  /** Present, yet never logged by any device. */
  unknown: string[];
};

export const noFindings = (): Findings => ({
  lost: [],
  duplicated: [],
  resurrected: [],
  mismatched: [],
  unknown: [],
});

/** Compares the server's copy of one account with what its devices logged. */
export function compare(expected: Expectation, server: ServerCopy, into: Findings): void {
  into.duplicated.push(...server.repeated);
  for (const kind of ENTITY_KINDS) {
    const rows = server.rows.get(kind) as Map<string, Row>;
    const live = expected.live.get(kind) as Map<string, Row>;
    const deleted = expected.deleted.get(kind) as Set<string>;
    for (const [id, want] of live) {
      const got = rows.get(id);
      if (got === undefined) {
        into.lost.push(`${kind}/${id}`);
        continue;
      }
      for (const [field, value] of Object.entries(want)) {
        const stored =
          kind === "plans" && field === "name" ? (got.plan as Row | null)?.name : got[field];
        if (stored !== value)
          into.mismatched.push(`${kind}/${id}.${field}: ${String(stored)} ≠ ${String(value)}`);
      }
    }
    for (const id of rows.keys()) {
      if (deleted.has(id)) into.resurrected.push(`${kind}/${id}`);
      else if (!live.has(id)) into.unknown.push(`${kind}/${id}`);
    }
    if (kind === "sets") {
      // One row per (session, set index): a set stored twice under two ids would show here.
      const slots = new Map<string, string>();
      for (const [id, row] of rows) {
        const slot = `${String(row.session_id)}#${String(row.set_index)}`;
        const other = slots.get(slot);
        if (other !== undefined) into.duplicated.push(`sets/${id} and sets/${other} fill ${slot}`);
        slots.set(slot, id);
      }
    }
  }
  for (const [field, values] of expected.settings) {
    const stored = server.settings?.[field];
    if (!values.has(stored))
      into.mismatched.push(`settings.${field}: ${String(stored)} was never put`);
  }
}

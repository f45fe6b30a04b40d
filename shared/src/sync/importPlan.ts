// Turns a (current-version) export document into the sync mutations that recreate it in an
// account, given what that account already holds: the rows already there are skipped, so an
// import is idempotent, and every problem is found before anything is written.
import type { Issue } from "../schemas/errors.ts";
import type { ExportDocument, ExportKind, ImportCounts } from "../schemas/exportDocument.ts";
import { type MutationBody, type OpName, opArgs } from "../schemas/mutations.ts";
import { fault, itemName } from "./exportUpgrade.ts";
import type { Snapshot } from "./pushRules.ts";

export type ImportPlan =
  | {
      ok: true;
      bodies: MutationBody[];
      /** Which document item each body came from, to word a refusal of the push rules. */
      sources: string[];
      imported: ImportCounts;
      skipped: ImportCounts;
    }
  | { ok: false; problems: Issue[] };

const zero = (): ImportCounts => ({
  plans: 0,
  sessions: 0,
  sets: 0,
  runs: 0,
  assessments: 0,
  settings: 0,
});

/** The args without null fields: the document writes "not set" as null, a mutation omits it. */
function present(record: Record<string, unknown>, keys: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (record[k] !== null && record[k] !== undefined) out[k] = record[k];
  return out;
}

/**
 * `account` is the snapshot the push machinery loads for these mutations (every id they name,
 * deleted rows and early tombstones included). Rows it holds in any state are skipped: an id the
 * account has deleted stays deleted, since deletes win in sync too.
 */
export function planImport(doc: ExportDocument, account: Snapshot): ImportPlan {
  const problems: Issue[] = [];
  const bodies: MutationBody[] = [];
  const sources: string[] = [];
  const imported = zero();
  const skipped = zero();

  const add = (source: string, path: string, op: OpName, args: Record<string, unknown>) => {
    const parsed = opArgs[op].safeParse(args);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".");
        problems.push({
          path,
          message: field
            ? `${source}: its ${field} ${fault(issue)}.`
            : `${source} ${fault(issue)}.`,
        });
      }
      return;
    }
    bodies.push({ op, args: parsed.data } as MutationBody);
    sources.push(source);
  };

  /** Each id once per kind: a second item with the same id is a fault of the document. */
  const seen = (kind: ExportKind, items: { id: string }[]) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, i);
      else
        problems.push({
          path: `${kind}.${i}`,
          message: `${itemName(kind, i, item.id)} has the same id as ${itemName(kind, earlier, undefined).toLowerCase()}; each id may appear once.`,
        });
    });
  };
  seen("plans", doc.plans);
  seen("sessions", doc.sessions);
  seen("sets", doc.sets);
  seen("runs", doc.runs);
  seen("assessments", doc.assessments);

  for (const [i, p] of doc.plans.entries()) {
    if (account.plans.has(p.id)) {
      skipped.plans++;
      continue;
    }
    imported.plans++;
    add(itemName("plans", i, p.id), `plans.${i}`, "plan.put", {
      id: p.id,
      base_rev: 0,
      plan: p.plan,
    });
  }

  const docSessions = new Set(doc.sessions.map((s) => s.id));
  for (const [i, s] of doc.sessions.entries()) {
    if (account.sessions.has(s.id)) {
      skipped.sessions++;
      continue;
    }
    const name = itemName("sessions", i, s.id);
    const path = `sessions.${i}`;
    if (s.started_at === null && s.ended_at === null) {
      problems.push({ path, message: `${name} has neither a start nor an end time.` });
      continue;
    }
    if (s.ended_at === null && (s.rpe !== null || s.notes !== null)) {
      problems.push({ path, message: `${name} has an effort or notes but no end time.` });
      continue;
    }
    imported.sessions++;
    if (s.started_at !== null) {
      add(
        name,
        path,
        "session.start",
        present(s, ["id", "started_at", "plan_id", "plan_day", "source", "name"]),
      );
    }
    if (s.ended_at !== null)
      add(name, path, "session.finish", present(s, ["id", "ended_at", "rpe", "notes", "hr_avg"]));
  }

  for (const [i, set] of doc.sets.entries()) {
    const name = itemName("sets", i, set.id);
    const stored = account.sessions.get(set.session_id);
    if (!docSessions.has(set.session_id) && !stored) {
      problems.push({
        path: `sets.${i}.session_id`,
        message: `${name} belongs to session "${set.session_id}", which is neither in this file nor in your account.`,
      });
      continue;
    }
    // A set of a session this account deleted would only arrive deleted: it is not imported.
    if (account.sets.has(set.id) || account.tombstones.has(`set:${set.id}`) || stored?.deleted) {
      skipped.sets++;
      continue;
    }
    imported.sets++;
    add(
      name,
      `sets.${i}`,
      "set.log",
      present(set, [
        "id",
        "session_id",
        "exercise_id",
        "set_index",
        "started_at",
        "ended_at",
        "reps",
        "hold_s",
        "side",
        "weight_kg",
        "rpe",
        "target_reps",
        "target_hold_s",
        "hr_avg",
        "hr_max",
      ]),
    );
  }

  for (const [i, run] of doc.runs.entries()) {
    if (account.runs.has(run.id) || account.tombstones.has(`run:${run.id}`)) {
      skipped.runs++;
      continue;
    }
    imported.runs++;
    add(
      itemName("runs", i, run.id),
      `runs.${i}`,
      "run.log",
      present(run, ["id", "date", "distance_m", "duration_s", "kind", "notes", "avg_hr"]),
    );
  }

  for (const [i, a] of doc.assessments.entries()) {
    if (account.assessments.has(a.id)) {
      skipped.assessments++;
      continue;
    }
    imported.assessments++;
    add(
      itemName("assessments", i, a.id),
      `assessments.${i}`,
      "assessment.log",
      present(a, ["id", "date", "test", "value", "notes"]),
    );
  }

  if (doc.settings) {
    // Only what differs is sent, so importing the same settings again changes nothing.
    const mine = account.settings;
    const changed = present(doc.settings, [
      "units",
      "rest_s_default",
      "time_zone",
      "max_hr",
      "birth_year",
      "rest_hr_ready",
    ]);
    const args: Record<string, unknown> = { active_plan_id: doc.settings.active_plan_id };
    for (const [k, v] of Object.entries(changed)) args[k] = v;
    if (mine) {
      for (const k of Object.keys(args))
        if (mine[k as keyof typeof mine] === args[k]) delete args[k];
    }
    if (Object.keys(args).length === 0) skipped.settings = 1;
    else {
      imported.settings = 1;
      add("The settings", "settings", "settings.put", args);
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bodies, sources, imported, skipped };
}

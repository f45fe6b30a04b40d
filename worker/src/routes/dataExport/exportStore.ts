// Reads everything an account owns as the export document: the live rows of every synced table,
// through the pull's row → wire mapping, minus the per-account sync bookkeeping.
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
  type ExportSettings,
} from "@runstrong/shared/schemas";
import type { EntityKind } from "@runstrong/shared/sync";
import { getTableName } from "drizzle-orm";
import { rowToRecord, settingsRowToRecord, syncedTables } from "../sync/syncTables.ts";

type Row = Record<string, unknown>;

/**
 * The document's order depends only on the data (never on sync versions), so an account and its
 * imported copy export the same document.
 */
const ORDER: Record<EntityKind, string> = {
  plans: "id",
  sessions: "started_at, id",
  sets: "started_at, id",
  runs: "date, id",
  assessments: "date, id",
};
const KINDS = ["plans", "sessions", "sets", "runs", "assessments"] as const;

/** One wire record without `version`, `deleted` and a plan's `rev` (see exportDocument.ts). */
function exportItem(kind: EntityKind, row: Row): Row {
  const { version: _v, deleted: _d, rev: _r, ...item } = rowToRecord(kind, row) as Row;
  return item;
}

export async function loadExport(
  d1: D1Database,
  userId: string,
  now: number,
): Promise<ExportDocument> {
  // One batch is one transaction: the tables agree with each other even while devices push.
  const results = await d1.batch<Row>([
    ...KINDS.map((kind) =>
      d1
        .prepare(
          `SELECT * FROM ${getTableName(syncedTables[kind])} WHERE user_id = ?1 AND deleted = 0 ORDER BY ${ORDER[kind]}`,
        )
        .bind(userId),
    ),
    d1.prepare("SELECT * FROM settings WHERE user_id = ?1").bind(userId),
  ]);
  const rows = (i: number) => results[i]?.results ?? [];
  const [plans, sessions, sets, runs, assessments] = KINDS.map((kind, i) =>
    rows(i).map((row) => exportItem(kind, row)),
  );
  const settingsRow = rows(KINDS.length)[0];
  let settings: ExportSettings | null = null;
  if (settingsRow) {
    const { version: _v, ...rest } = settingsRowToRecord(settingsRow);
    settings = rest;
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: new Date(now).toISOString(),
    // A live plan always has its body; the filter only guards the type.
    plans: (plans ?? []).filter((p) => p.plan !== null) as ExportDocument["plans"],
    sessions: (sessions ?? []) as ExportDocument["sessions"],
    sets: (sets ?? []) as ExportDocument["sets"],
    runs: (runs ?? []) as ExportDocument["runs"],
    assessments: (assessments ?? []) as ExportDocument["assessments"],
    settings,
  };
}

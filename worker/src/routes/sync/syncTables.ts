// How synced records map to D1 rows: column lists come from the Drizzle tables, so the SQL
// below and the schema cannot drift apart.
import type {
  AssessmentRecord,
  PlanRecord,
  RunRecord,
  SessionRecord,
  SetRecord,
  SettingsRecord,
} from "@runstrong/shared/schemas";
import type { EntityKind } from "@runstrong/shared/sync";
import { getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { assessments, plans, runs, sessions, sets } from "../../db/schema.ts";

export const syncedTables: Record<EntityKind, SQLiteTable> = {
  sessions,
  sets,
  plans,
  runs,
  assessments,
};

export function columnNames(table: SQLiteTable): string[] {
  return Object.values(getTableColumns(table)).map((c) => c.name);
}

type Row = Record<string, unknown>;

/**
 * Columns added after schema 1's first release (heart rate): a record carries them only when
 * set, never as null, so a row without them maps to exactly the record older clients know.
 */
const ABSENT_WHEN_NULL = ["hr_avg", "hr_max", "max_hr", "birth_year", "rest_hr_ready"];

function dropUnsetLateFields(record: Row): Row {
  for (const name of ABSENT_WHEN_NULL) if (record[name] === null) delete record[name];
  return record;
}

/** A D1 row (snake_case columns, 0/1 booleans, plan body as text) as the wire record. */
export function rowToRecord(kind: EntityKind, row: Row) {
  const { user_id: _u, device_id: _d, body, ...rest } = row;
  const record: Row = dropUnsetLateFields({ ...rest, deleted: Boolean(row.deleted) });
  if (kind === "plans") record.plan = typeof body === "string" ? JSON.parse(body) : null;
  return record as unknown as RecordOf<typeof kind>;
}

export function settingsRowToRecord(row: Row): SettingsRecord {
  const { user_id: _u, ...rest } = row;
  return dropUnsetLateFields(rest) as SettingsRecord;
}

/** A wire record as the JSON object the upsert statement reads its columns from. */
export function recordToRow(kind: EntityKind, userId: string, record: Row, deviceId: string): Row {
  const row: Row = { ...record, user_id: userId, deleted: record.deleted ? 1 : 0 };
  if (kind === "plans") {
    row.body =
      record.plan === null || record.plan === undefined ? null : JSON.stringify(record.plan);
    delete row.plan;
  }
  if (kind === "sessions") row.device_id = deviceId;
  return row;
}

export type RecordOf<K extends EntityKind> = {
  sessions: SessionRecord;
  sets: SetRecord;
  plans: PlanRecord;
  runs: RunRecord;
  assessments: AssessmentRecord;
}[K];

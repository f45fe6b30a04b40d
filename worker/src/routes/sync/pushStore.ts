// Loads what a push needs and commits its outcome in one D1 batch, guarded by two
// compare-and-swaps (device last_seq, user version) so a push that raced another rolls back.
import type { MutationEnvelope } from "@runstrong/shared/schemas";
import {
  applyPush,
  type EntityKind,
  type PushOutcome,
  referencedIds,
  type Snapshot,
} from "@runstrong/shared/sync";
import { getTableName } from "drizzle-orm";
import {
  columnNames,
  recordToRow,
  rowToRecord,
  settingsRowToRecord,
  syncedTables,
} from "./syncTables.ts";

type Row = Record<string, unknown>;

export type PushContext = { userId: string; deviceId: string; now: number };

export type Loaded = {
  lastSeq: number;
  version: number;
  epoch: string;
  snapshot: Snapshot;
};

const kinds = Object.keys(syncedTables) as EntityKind[];

/**
 * One read batch: D1 runs a batch as one transaction, so the reads agree with each other.
 * Every lookup starts from the pushed ids (`json_each(...) CROSS JOIN table`: SQLite keeps a
 * CROSS JOIN's order), so its cost follows the size of the push, never the account's history;
 * pushQueryPlan.test.ts holds every statement to that.
 */
export async function loadForPush(
  d1: D1Database,
  ctx: PushContext,
  envelopes: readonly MutationEnvelope[],
): Promise<Loaded | null> {
  const ids = referencedIds(envelopes);
  const tombstoneKeys = [
    ...[...ids.sets].map((i) => `set:${i}`),
    ...[...ids.runs].map((i) => `run:${i}`),
  ];
  const statements = [
    d1
      .prepare("SELECT last_seq FROM devices WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL")
      .bind(ctx.deviceId, ctx.userId),
    d1.prepare("SELECT version, epoch FROM sync_state WHERE user_id = ?1").bind(ctx.userId),
    d1.prepare("SELECT * FROM settings WHERE user_id = ?1").bind(ctx.userId),
    d1
      .prepare(
        "SELECT t.key FROM json_each(?2) AS j CROSS JOIN tombstones AS t ON t.user_id = ?1 AND t.key = j.value",
      )
      .bind(ctx.userId, JSON.stringify(tombstoneKeys)),
    // A session's delete reaches its stored sets, so those are loaded with it: two keyed
    // lookups joined by UNION (an OR of the two lists walked every set the user ever logged).
    d1
      .prepare(
        "SELECT s.* FROM json_each(?2) AS j CROSS JOIN sets AS s ON s.user_id = ?1 AND s.id = j.value UNION SELECT s.* FROM json_each(?3) AS j CROSS JOIN sets AS s ON s.user_id = ?1 AND s.session_id = j.value",
      )
      .bind(ctx.userId, JSON.stringify([...ids.sets]), JSON.stringify(sessionDeletes(envelopes))),
    ...kinds
      .filter((k) => k !== "sets")
      .map((k) =>
        d1
          .prepare(
            `SELECT t.* FROM json_each(?2) AS j CROSS JOIN ${getTableName(syncedTables[k])} AS t ON t.user_id = ?1 AND t.id = j.value`,
          )
          .bind(ctx.userId, JSON.stringify([...ids[k]])),
      ),
  ];
  const [device, state, settings, tombstones, setRows, ...others] = await d1.batch<Row>(statements);
  const dev = device?.results[0];
  const st = state?.results[0];
  if (!dev || !st) return null;
  const snapshot: Snapshot = {
    sessions: new Map(),
    sets: new Map(),
    plans: new Map(),
    runs: new Map(),
    assessments: new Map(),
    settings: settings?.results[0] ? settingsRowToRecord(settings.results[0]) : null,
    tombstones: new Set((tombstones?.results ?? []).map((r) => String(r.key))),
  };
  for (const row of setRows?.results ?? [])
    snapshot.sets.set(String(row.id), rowToRecord("sets", row) as never);
  kinds
    .filter((k) => k !== "sets")
    .forEach((k, i) => {
      const map = snapshot[k] as Map<string, unknown>;
      for (const row of others[i]?.results ?? []) map.set(String(row.id), rowToRecord(k, row));
    });
  return {
    lastSeq: Number(dev.last_seq),
    version: Number(st.version),
    epoch: String(st.epoch),
    snapshot,
  };
}

function sessionDeletes(envelopes: readonly MutationEnvelope[]): string[] {
  return envelopes
    .filter((m) => m.op === "session.delete" && typeof m.args.id === "string")
    .map((m) => m.args.id as string);
}

export function planPush(loaded: Loaded, envelopes: readonly MutationEnvelope[]): PushOutcome {
  return applyPush(loaded.snapshot, loaded.lastSeq, envelopes, loaded.version + 1, {
    units: "metric",
    rest_s_default: 60,
  });
}

/** Builds the write batch. The two guards come first: losing either aborts the whole batch. */
export function writeStatements(
  d1: D1Database,
  ctx: PushContext,
  loaded: Loaded,
  outcome: PushOutcome,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(
        "UPDATE devices SET last_seq = CASE WHEN last_seq = ?1 THEN ?2 ELSE -1 END, last_seen = ?3 WHERE id = ?4",
      )
      .bind(loaded.lastSeq, outcome.lastSeq, ctx.now, ctx.deviceId),
  ];
  if (!outcome.changed) return statements;
  const version = loaded.version + 1;
  statements.push(
    d1
      .prepare(
        "UPDATE sync_state SET version = CASE WHEN version = ?1 THEN ?1 + 1 ELSE -1 END WHERE user_id = ?2",
      )
      .bind(loaded.version, ctx.userId),
  );
  for (const kind of kinds) {
    const ids = outcome.dirty[kind];
    if (ids.size === 0) continue;
    const map = loaded.snapshot[kind] as Map<string, Row>;
    const rows = [...ids].map((id) =>
      recordToRow(kind, ctx.userId, map.get(id) as Row, ctx.deviceId),
    );
    for (const chunk of rowChunks(rows)) statements.push(upsert(d1, kind, chunk));
  }
  if (outcome.settingsDirty && loaded.snapshot.settings) {
    const s = loaded.snapshot.settings;
    statements.push(
      d1
        .prepare(
          `INSERT INTO settings (user_id, active_plan_id, units, rest_s_default, time_zone, max_hr, birth_year, rest_hr_ready, version)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
           ON CONFLICT(user_id) DO UPDATE SET active_plan_id = excluded.active_plan_id, units = excluded.units,
           rest_s_default = excluded.rest_s_default, time_zone = excluded.time_zone,
           max_hr = excluded.max_hr, birth_year = excluded.birth_year,
           rest_hr_ready = excluded.rest_hr_ready, version = excluded.version`,
        )
        .bind(
          ctx.userId,
          s.active_plan_id,
          s.units,
          s.rest_s_default,
          s.time_zone,
          s.max_hr ?? null,
          s.birth_year ?? null,
          s.rest_hr_ready ?? null,
          version,
        ),
    );
  }
  if (outcome.deletedSessions.size > 0) {
    statements.push(
      d1
        .prepare(
          "UPDATE sets SET deleted = 1, version = ?1 WHERE rowid IN (SELECT s.rowid FROM json_each(?3) AS j CROSS JOIN sets AS s ON s.user_id = ?2 AND s.session_id = j.value AND s.deleted = 0)",
        )
        .bind(version, ctx.userId, JSON.stringify([...outcome.deletedSessions])),
    );
  }
  if (outcome.newTombstones.size > 0) {
    statements.push(
      d1
        .prepare(
          "INSERT OR IGNORE INTO tombstones (user_id, key, version) SELECT ?1, value, ?2 FROM json_each(?3)",
        )
        .bind(ctx.userId, version, JSON.stringify([...outcome.newTombstones])),
    );
  }
  return statements;
}

/** Rows per statement: a large import's JSON parameter stays far below D1's 2 MB value limit. */
const MAX_CHUNK_CHARS = 500_000;

/** Splits rows so each chunk's JSON stays under MAX_CHUNK_CHARS (a push always fits in one). */
function rowChunks(rows: Row[]): Row[][] {
  const chunks: Row[][] = [];
  let chunk: Row[] = [];
  let size = 0;
  for (const row of rows) {
    const length = JSON.stringify(row).length;
    if (chunk.length > 0 && size + length > MAX_CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(row);
    size += length + 1;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * One statement per table (per chunk of rows): the rows travel as one JSON parameter,
 * which keeps every push far inside D1's 100-parameter and 1,000-query limits.
 */
function upsert(d1: D1Database, kind: EntityKind, rows: Row[]): D1PreparedStatement {
  const table = syncedTables[kind];
  const cols = columnNames(table);
  const updatable = cols.filter((c) => c !== "user_id" && c !== "id");
  const assignments = updatable.map((c) =>
    // The device that first recorded a session stays its recorder.
    c === "device_id" ? `${c} = COALESCE(${c}, excluded.${c})` : `${c} = excluded.${c}`,
  );
  const sql = `INSERT INTO ${getTableName(table)} (${cols.join(", ")})
    SELECT ${cols.map((c) => `json_extract(value, '$.${c}')`).join(", ")} FROM json_each(?1) WHERE true
    ON CONFLICT(user_id, id) DO UPDATE SET ${assignments.join(", ")}`;
  return d1.prepare(sql).bind(JSON.stringify(rows));
}

export function isGuardFailure(err: unknown): boolean {
  return /CHECK constraint failed/i.test(String(err));
}

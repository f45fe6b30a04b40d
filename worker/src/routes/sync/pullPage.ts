// Reads one page of a user's changes since a version. Pages end on version boundaries: rows of
// one push are never split across pages, so a cursor never lands in the middle of a push.
import type { Changes, PullPage } from "@runstrong/shared/schemas";
import { type EntityKind, SYNC_KINDS, type SyncKind } from "@runstrong/shared/sync";
import { getTableName } from "drizzle-orm";
import { rowToRecord, settingsRowToRecord, syncedTables } from "./syncTables.ts";

type Row = Record<string, unknown>;
const entityKinds = Object.keys(syncedTables) as EntityKind[];
const table = (k: EntityKind) => getTableName(syncedTables[k]);

export type PullState = {
  version: number;
  epoch: string;
  tombstoneHorizon: number;
  lastSeq: number;
};

export async function readPullState(
  d1: D1Database,
  userId: string,
  deviceId: string | null,
): Promise<PullState | null> {
  const [state, device] = await d1.batch<Row>([
    d1
      .prepare("SELECT version, epoch, tombstone_horizon FROM sync_state WHERE user_id = ?1")
      .bind(userId),
    d1
      .prepare("SELECT last_seq FROM devices WHERE id = ?1 AND user_id = ?2")
      .bind(deviceId ?? "", userId),
  ]);
  const s = state?.results[0];
  if (!s) return null;
  return {
    version: Number(s.version),
    epoch: String(s.epoch),
    tombstoneHorizon: Number(s.tombstone_horizon),
    lastSeq: Number(device?.results[0]?.last_seq ?? 0),
  };
}

/**
 * Every query uses the (user_id, version) index and reads at most limit + 1 rows per table,
 * so the cost follows the number of changes since the cursor, not the size of the history.
 * Only the tables of `kinds` are read; the page boundary is found among their rows alone, which
 * is safe because the returned `through` then only vouches for those kinds.
 */
export async function readPullPage(
  d1: D1Database,
  userId: string,
  since: number,
  limit: number,
  fromScratch: boolean,
  kinds: readonly SyncKind[] = SYNC_KINDS,
): Promise<Omit<PullPage, "last_seq" | "cursor"> & { through: number }> {
  // Without a cursor the client has nothing to delete, so tombstones are left out.
  const live = fromScratch ? " AND deleted = 0" : "";
  const tables = entityKinds.filter((k) => kinds.includes(k));
  const withSettings = kinds.includes("settings");
  // The user's version is read in the same batch (one transaction) as the rows, so a page that
  // reaches it has seen every row of these kinds at or below it.
  const statements = [
    d1.prepare("SELECT version FROM sync_state WHERE user_id = ?1").bind(userId),
    ...tables.map((k) =>
      d1
        .prepare(
          `SELECT * FROM ${table(k)} WHERE user_id = ?1 AND version > ?2${live} ORDER BY version LIMIT ?3`,
        )
        .bind(userId, since, limit + 1),
    ),
    ...(withSettings
      ? [
          d1
            .prepare("SELECT * FROM settings WHERE user_id = ?1 AND version > ?2")
            .bind(userId, since),
        ]
      : []),
  ];
  const [state, ...results] = await d1.batch<Row>(statements);
  const current = Number(state?.results[0]?.version ?? since);
  const settingsRows = withSettings ? (results[tables.length]?.results ?? []) : [];
  const tagged: { kind: EntityKind; row: Row; version: number }[] = [];
  tables.forEach((kind, i) => {
    for (const row of results[i]?.results ?? [])
      tagged.push({ kind, row, version: Number(row.version) });
  });
  tagged.sort((a, b) => a.version - b.version);

  let through: number;
  let hasMore = false;
  let page = tagged;
  if (tagged.length > limit) {
    hasMore = true;
    const boundary = tagged[limit]?.version ?? current;
    const first = tagged[0]?.version ?? boundary;
    if (first === boundary) {
      // One push holds more rows than the limit: the page carries that whole push.
      through = boundary;
      page = await readOneVersion(d1, userId, boundary, live, tables);
    } else {
      through = boundary - 1;
      page = tagged.filter((t) => t.version < boundary);
    }
  } else {
    through = current;
  }
  const changes: Changes = {
    plans: [],
    sessions: [],
    sets: [],
    runs: [],
    assessments: [],
    settings: [],
  };
  for (const { kind, row } of page) (changes[kind] as unknown[]).push(rowToRecord(kind, row));
  changes.settings = settingsRows
    .filter((r) => Number(r.version) <= through)
    .map(settingsRowToRecord);
  if (hasMore && through >= current) hasMore = false;
  return { changes, has_more: hasMore, through };
}

async function readOneVersion(
  d1: D1Database,
  userId: string,
  version: number,
  live: string,
  tables: readonly EntityKind[],
) {
  const results = await d1.batch<Row>(
    tables.map((k) =>
      d1
        .prepare(`SELECT * FROM ${table(k)} WHERE user_id = ?1 AND version = ?2${live}`)
        .bind(userId, version),
    ),
  );
  return tables.flatMap((kind, i) =>
    (results[i]?.results ?? []).map((row) => ({ kind, row, version })),
  );
}

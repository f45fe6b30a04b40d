// Stores an imported run under an id made from the file and the account, so the same file
// imported twice is the same run: found again, never stored twice.
import type { RunLogArgs, RunRecord } from "@runstrong/shared/schemas";
import type { Context } from "hono";
import type { AppEnv } from "../../appEnv.ts";
import type { ImportedRun } from "../../formats/runImport.ts";
import { pushAsServer } from "../sync/serverPush.ts";
import { rowToRecord } from "../sync/syncTables.ts";
import { pushingDeviceId } from "../sync/webDevice.ts";

/** Re-imports after the runner deleted the run: each gets the next id of the same file. */
const MAX_GENERATIONS = 20;

/**
 * "imp-" and 128 bits of SHA-256 over the account and the bytes (36 characters, inside the
 * protocol's 40), then "-1", "-2"… for a file imported again after its run was deleted.
 */
export async function importIds(userId: string, bytes: Uint8Array): Promise<string[]> {
  const head = new TextEncoder().encode(`runstrong run import\n${userId}\n`);
  const all = new Uint8Array(head.length + bytes.length);
  all.set(head);
  all.set(bytes, head.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const base = `imp-${hex}`;
  return [base, ...Array.from({ length: MAX_GENERATIONS }, (_, i) => `${base}-${i + 1}`)];
}

type Found = { kind: "live"; run: RunRecord } | { kind: "free"; id: string } | { kind: "full" };

/** The first candidate id that holds a live run (a duplicate) or was never used. */
async function firstUsable(d1: D1Database, userId: string, ids: string[]): Promise<Found> {
  const [runs, tombstones] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare("SELECT * FROM runs WHERE user_id = ?1 AND id IN (SELECT value FROM json_each(?2))")
      .bind(userId, JSON.stringify(ids)),
    d1
      .prepare(
        "SELECT key FROM tombstones WHERE user_id = ?1 AND key IN (SELECT value FROM json_each(?2))",
      )
      .bind(userId, JSON.stringify(ids.map((id) => `run:${id}`))),
  ]);
  const rows = new Map((runs?.results ?? []).map((r) => [String(r.id), r]));
  const gone = new Set((tombstones?.results ?? []).map((r) => String(r.key)));
  for (const id of ids) {
    const row = rows.get(id);
    if (row && !row.deleted) return { kind: "live", run: rowToRecord("runs", row) as RunRecord };
    if (!row && !gone.has(`run:${id}`)) return { kind: "free", id };
  }
  return { kind: "full" };
}

export type StoredRun = { run: RunRecord; duplicate: boolean } | null;

/** null when every id of this file has been used and deleted: the caller says so. */
export async function storeImportedRun(
  c: Context<AppEnv>,
  bytes: Uint8Array,
  run: ImportedRun,
): Promise<StoredRun> {
  const userId = c.get("principal").userId;
  const found = await firstUsable(c.get("d1"), userId, await importIds(userId, bytes));
  if (found.kind === "live") return { run: found.run, duplicate: true };
  if (found.kind === "full") return null;
  const args: RunLogArgs = { id: found.id, ...run };
  const ctx = { userId, deviceId: await pushingDeviceId(c), now: c.get("now") };
  const bodies = [{ op: "run.log" as const, args }];
  const { outcome, snapshot } = await pushAsServer(c.get("d1"), ctx, bodies, () => bodies);
  const stored = snapshot.runs.get(found.id);
  if (!stored)
    throw new Error(`run.log of an import was not applied: ${JSON.stringify(outcome.acks)}`);
  // "duplicate" here means the same file landed a moment earlier from another request.
  return { run: stored, duplicate: outcome.acks[0]?.status !== "applied" };
}

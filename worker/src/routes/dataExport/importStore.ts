// Applies an export document to an account with the push machinery itself: the document becomes
// sync mutations applied by the push rules as the importing device (without spending its seqs),
// so the rules decide every row, the version is bumped once, and every device gets them by pull.
import type {
  ExportDocument,
  ImportResponse,
  Issue,
  MutationBody,
} from "@runstrong/shared/schemas";
import { planImport } from "@runstrong/shared/sync";
import type { PushContext } from "../sync/pushStore.ts";
import { pushAsServer } from "../sync/serverPush.ts";

export type ImportOutcome = { ok: true; counts: ImportResponse } | { ok: false; problems: Issue[] };

/**
 * Mutations naming every id of the document, so the push's read batch loads exactly the rows an
 * import must check: the same ids in any state, deleted rows and early tombstones included.
 */
function lookupBodies(doc: ExportDocument): MutationBody[] {
  const e = (op: MutationBody["op"], args: Record<string, unknown>) =>
    ({ op, args }) as MutationBody;
  return [
    ...doc.plans.map((p) => e("plan.put", { id: p.id })),
    ...doc.sessions.map((s) => e("session.start", { id: s.id })),
    ...doc.sets.map((s) => e("set.log", { id: s.id, session_id: s.session_id })),
    ...doc.runs.map((r) => e("run.log", { id: r.id })),
    ...doc.assessments.map((a) => e("assessment.log", { id: a.id })),
  ];
}

/**
 * All or nothing: the whole document is written by ONE D1 batch (one transaction) built by the
 * push's own `writeStatements`, whose first statements are the compare-and-swaps on the device's
 * last_seq and the account's version; each table's rows are split over several statements within
 * that batch to stay under D1's statement and value size limits, never over several batches. A
 * document of 10 MiB makes a few dozen statements, far below D1's per-batch limit. If the push
 * rules refuse any mutation, nothing is written at all.
 */
export async function importDocument(
  d1: D1Database,
  ctx: PushContext,
  doc: ExportDocument,
): Promise<ImportOutcome> {
  let planned: ReturnType<typeof planImport> | null = null;
  const { outcome, written } = await pushAsServer(
    d1,
    ctx,
    lookupBodies(doc),
    (snapshot) => {
      planned = planImport(doc, snapshot);
      return planned.ok ? planned.bodies : [];
    },
    { allOrNothing: true },
  );
  const plan = planned as ReturnType<typeof planImport> | null;
  if (!plan) throw new Error("the import was never planned");
  if (!plan.ok) return plan;
  const counts = { imported: plan.imported, skipped: plan.skipped };
  if (written || plan.bodies.length === 0) return { ok: true, counts };
  const problems = outcome.acks.flatMap((ack, i) =>
    ack.status === "applied"
      ? []
      : [{ path: "", message: `${plan.sources[i]} was refused: ${ack.error ?? ack.status}.` }],
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, counts };
}

// Writes the server composes itself (an imported run file, an account import) go through the
// same push rules and the same guarded write batch as POST /sync/push, as the caller's device,
// without spending any of its seqs: its client keeps numbering its own pushes as before.
import type { MutationBody, MutationEnvelope } from "@runstrong/shared/schemas";
import type { PushOutcome, Snapshot } from "@runstrong/shared/sync";
import { ApiError } from "../../http/apiError.ts";
import {
  isGuardFailure,
  loadForPush,
  type PushContext,
  planPush,
  writeStatements,
} from "./pushStore.ts";

/** Retries after losing a compare-and-swap race with a push; each retry re-reads. */
const MAX_ATTEMPTS = 5;

export type ServerPushResult = { outcome: PushOutcome; snapshot: Snapshot; written: boolean };

/**
 * Reads the rows `lookup` names, lets `compose` choose the mutations from them, applies the push
 * rules and commits in one D1 batch. `allOrNothing`: if the rules refuse any mutation, nothing
 * is written (`written: false`, the acks say which). A push racing this one makes it start over.
 */
export async function pushAsServer(
  d1: D1Database,
  ctx: PushContext,
  lookup: readonly MutationBody[],
  compose: (snapshot: Snapshot) => readonly MutationBody[],
  options: { allOrNothing?: boolean } = {},
): Promise<ServerPushResult> {
  const probe = lookup.map((b) => ({ ...b, seq: 1 }) as MutationEnvelope);
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadForPush(d1, ctx, probe);
    if (!loaded) throw new ApiError(401, "unauthorized", "This device has been revoked.");
    // Seqs just after the device's, so the rules apply them; the device's last_seq is then
    // written back unchanged (still compare-and-swapped, so a racing push retries this).
    const bodies = compose(loaded.snapshot);
    const envelopes = bodies.map(
      (b, i) => ({ ...b, seq: loaded.lastSeq + 1 + i }) as MutationEnvelope,
    );
    const outcome = planPush(loaded, envelopes);
    outcome.lastSeq = loaded.lastSeq;
    const refused = outcome.acks.some((ack) => ack.status !== "applied");
    if (!outcome.changed || (options.allOrNothing && refused)) {
      return { outcome, snapshot: loaded.snapshot, written: false };
    }
    try {
      await d1.batch(writeStatements(d1, ctx, loaded, outcome));
      return { outcome, snapshot: loaded.snapshot, written: true };
    } catch (err) {
      if (isGuardFailure(err) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

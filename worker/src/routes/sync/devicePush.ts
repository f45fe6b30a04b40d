// A device's push committed: its seqs checked against the device's last one, the push rules'
// outcome written in one guarded D1 batch, and a batch that lost a race with another push
// started over from a fresh read.
import type { MutationEnvelope } from "@runstrong/shared/schemas";
import { checkSeqs, type PushOutcome } from "@runstrong/shared/sync";
import { ApiError } from "../../http/apiError.ts";
import {
  isGuardFailure,
  loadForPush,
  type PushContext,
  planPush,
  writeStatements,
} from "./pushStore.ts";

/** Retries after losing a compare-and-swap race; each retry re-reads, so it converges fast. */
const MAX_ATTEMPTS = 5;

export type DevicePushResult = {
  acks: PushOutcome["acks"];
  lastSeq: number;
  epoch: string;
  /** The user's version after the push. */
  version: number;
};

/** Throws 409 seq_gap unless the push's new seqs follow `lastSeq` without a hole. */
export function assertSeqsFollow(lastSeq: number, mutations: readonly MutationEnvelope[]): void {
  const seqs = checkSeqs(lastSeq, mutations);
  if (seqs.kind === "gap") {
    throw new ApiError(409, "seq_gap", `Expected seq ${seqs.expected} next; nothing was applied.`, {
      expected: seqs.expected,
    });
  }
}

/**
 * Applies `mutations` as the context's device, exactly once each: seqs the device has already
 * pushed are acknowledged again without being applied. Throws 401 for a revoked device and 409
 * seq_gap for a hole in the seqs; in both cases nothing is written.
 */
export async function commitDevicePush(
  d1: D1Database,
  ctx: PushContext,
  mutations: readonly MutationEnvelope[],
): Promise<DevicePushResult> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadForPush(d1, ctx, mutations);
    if (!loaded) throw new ApiError(401, "unauthorized", "This device has been revoked.");
    assertSeqsFollow(loaded.lastSeq, mutations);
    const outcome = planPush(loaded, mutations);
    const version = outcome.changed ? loaded.version + 1 : loaded.version;
    if (outcome.lastSeq !== loaded.lastSeq) {
      try {
        await d1.batch(writeStatements(d1, ctx, loaded, outcome));
      } catch (err) {
        if (isGuardFailure(err) && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
    return { acks: outcome.acks, lastSeq: outcome.lastSeq, epoch: loaded.epoch, version };
  }
}

// What a watch app has queued for the phone, once the session's journal has reached it.
import type { MutationBody } from "@runstrong/shared/schemas";
import { decodeBatch } from "../link/mutationBatch.ts";
import type { HandOffQueue } from "../watch/handOffQueue.ts";
import type { WatchApp } from "../watch/watchApp.ts";

/** The queued items, each with its item id as `seq`. */
export const queuedItems = (queue: HandOffQueue) => decodeBatch(queue.batch());

export const queuedIds = (queue: HandOffQueue) => queuedItems(queue).map((i) => i.seq);

export async function queuedMutations(app: WatchApp): Promise<MutationBody[]> {
  await app.session.settled();
  return queuedItems(app.sync.queue).map((i) => i.mutation);
}

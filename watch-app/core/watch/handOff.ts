// The watch's half of getting sets to the server: the oldest queued items go to the phone in
// `hand_off` messages and leave the watch only once the phone says it holds them. The push loop
// itself runs on the phone (core/phone/phoneOutbox.ts): the watch's size and heap budget.
import { rowSeq } from "../link/mutationBatch.ts";
import {
  encodeWatchRequest,
  MAX_HAND_OFF_ITEMS,
  messageBytes,
  type TakenReply,
} from "../link/watchLink.ts";
import type { HandOffQueue } from "./handOffQueue.ts";
import type { PhoneChannel } from "./phoneChannel.ts";

export interface HandOffDeps {
  queue: HandOffQueue;
  channel: PhoneChannel;
  /** Per-message budget of the link; one item always goes (the link frames a long message). */
  maxMessageBytes: number;
}

/** Hand-off messages per run at most: a safety stop, far above a full queue. */
const MAX_MESSAGES_PER_RUN = 200;

export class HandOff {
  constructor(private readonly deps: HandOffDeps) {}

  /**
   * Hands over everything queued (or, with nothing queued, just asks what waits on the phone).
   * Returns the phone's last answer, or null when it did not answer with one.
   */
  async run(): Promise<TakenReply | null> {
    const { queue, channel, maxMessageBytes } = this.deps;
    let last: TakenReply | null = null;
    for (let n = 0; n < MAX_MESSAGES_PER_RUN; n++) {
      const stream = queue.stream();
      const message = (batch: typeof sent) =>
        encodeWatchRequest({ type: "hand_off", stream, batch });
      const sent = queue.front(
        MAX_HAND_OFF_ITEMS,
        (batch) => messageBytes(message(batch)) <= maxMessageBytes,
      );
      const reply = await channel.exchange(message(sent));
      if (reply?.type !== "taken") return last;
      last = reply;
      const left = queue.dropUpTo(stream, reply.upTo);
      const rows = sent[2];
      const sentUpTo = rows.length === 0 ? 0 : rowSeq(rows[rows.length - 1] as unknown[]);
      // Done, or the phone took less than it was given: what is left goes on the next run.
      if (left === 0 || rows.length === 0 || reply.upTo < sentUpTo) return last;
    }
    return last;
  }
}

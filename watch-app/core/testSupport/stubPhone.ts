// A PhoneLink answered by a function at the message level: decodes what the watch sent, and
// encodes the scripted reply (or fails like an absent phone).

import {
  decodeWatchRequest,
  encodePhoneReply,
  type PhoneReply,
  type ReceivedWatchRequest,
} from "../link/watchLink.ts";
import type { PhoneLink } from "../ports.ts";

export class StubPhone implements PhoneLink {
  readonly received: ReceivedWatchRequest[] = [];
  /** Answers a request; null: the phone is away. */
  answer: (req: ReceivedWatchRequest) => PhoneReply | null = () => null;

  async request(message: string): Promise<string> {
    const req = decodeWatchRequest(message);
    this.received.push(req);
    const reply = this.answer(req);
    if (reply === null) throw new Error("phone away");
    return encodePhoneReply(reply);
  }
}

/** A phone that takes every hand-off and gets it all to the server at once. */
export function takesAll(req: ReceivedWatchRequest): PhoneReply | null {
  if (req.type !== "hand_off") return null;
  return {
    type: "taken",
    upTo: req.items[req.items.length - 1]?.seq ?? 0,
    waitingItems: 0,
    waitingSets: 0,
    refused: [],
  };
}

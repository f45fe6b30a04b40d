// A PhoneLink answered by a function at the message level: decodes what the watch sent, and
// encodes the scripted reply (or fails like an absent phone).
import type { PhoneLink } from "../ports.ts";
import {
  decodeWatchRequest,
  encodePhoneReply,
  type PhoneReply,
  type WatchRequest,
} from "../watchLink.ts";

export class StubPhone implements PhoneLink {
  readonly received: WatchRequest[] = [];
  /** Answers a request; null: the phone is away. */
  answer: (req: WatchRequest) => PhoneReply | null = () => null;

  async request(message: string): Promise<string> {
    const req = decodeWatchRequest(message);
    this.received.push(req);
    const reply = this.answer(req);
    if (reply === null) throw new Error("phone away");
    return encodePhoneReply(reply);
  }
}

// The watch's one way to its phone: every exchange goes through a PhoneChannel, which knows
// whether the phone answered and says when it is back (so waiting sets go at once).
import {
  decodePhoneReply,
  encodeWatchRequest,
  type LinkErrorCode,
  type PhoneReply,
  WatchLinkError,
  type WatchRequest,
} from "../link/watchLink.ts";
import type { PhoneLink } from "../ports.ts";

/** Why the last exchange did not complete: a phone reply code, or no reply at all. */
export type SyncProblem = LinkErrorCode | "phone_away";

export class PhoneChannel {
  /** What the last exchange ran into (null: the phone answered). */
  problem: SyncProblem | null = null;
  private away = false;
  private readonly back = new Set<() => void>();

  constructor(private readonly link: PhoneLink) {
    link.onReachable?.(() => this.cameBack());
  }

  /** One request; null when the phone did not answer or answered something unreadable. */
  async exchange(req: WatchRequest | string): Promise<PhoneReply | null> {
    const message = typeof req === "string" ? req : encodeWatchRequest(req);
    let text: string;
    try {
      text = await this.link.request(message);
    } catch {
      this.problem = "phone_away";
      this.away = true;
      return null;
    }
    this.problem = null;
    if (this.away) this.cameBack();
    try {
      return decodePhoneReply(text);
    } catch (e) {
      this.problem =
        e instanceof WatchLinkError && e.code === "version" ? "version" : "bad_request";
      return null;
    }
  }

  /** Calls `listener` when the phone answers again after it was away. */
  onBack(listener: () => void): () => void {
    this.back.add(listener);
    return () => {
      this.back.delete(listener);
    };
  }

  private cameBack(): void {
    this.away = false;
    // After the exchange in hand has settled, so a listener's push queues behind it.
    void Promise.resolve().then(() => {
      this.back.forEach((l) => {
        l();
      });
    });
  }
}

// Wraps a transport with scripted faults: lost requests and responses, duplicated and delayed
// deliveries, 413s and 5xx, so tests can replay any network misfortune deterministically.
import type { SyncTransport, TransportRequest, TransportResponse } from "../ports.ts";

export type Fault =
  | "none"
  /** Never reaches the server. */
  | "lostRequest"
  /** Reaches the server; the answer is lost. */
  | "lostResponse"
  /** Delivered twice in a row; the client sees the second answer. */
  | "duplicate"
  /** Delivered now, and a copy again before the next request (a delayed duplicate). */
  | "replayLater"
  /** A proxy refuses it as too large without delivering. */
  | "tooLarge"
  /** 503 without delivering. */
  | "unavailable"
  /** Delivered, then 500 (the server failed after committing). */
  | "failAfter";

export const FAULTS: readonly Fault[] = [
  "none",
  "lostRequest",
  "lostResponse",
  "duplicate",
  "replayLater",
  "tooLarge",
  "unavailable",
  "failAfter",
];

export class FaultyTransport implements SyncTransport {
  /** Faults for the coming requests, first first; `none` once empty. */
  faults: Fault[] = [];
  private replays: TransportRequest[] = [];
  private linkBack = new Set<() => void>();
  readonly seen: Fault[] = [];

  constructor(private readonly inner: SyncTransport) {}

  async request(req: TransportRequest): Promise<TransportResponse> {
    for (const copy of this.replays.splice(0)) await this.inner.request(copy).catch(() => null);
    const fault = this.faults.shift() ?? "none";
    this.seen.push(fault);
    switch (fault) {
      case "lostRequest":
        throw new Error("network: request lost");
      case "lostResponse":
        await this.inner.request(req);
        throw new Error("network: response lost");
      case "duplicate":
        await this.inner.request(req);
        return this.inner.request(req);
      case "replayLater":
        this.replays.push(req);
        return this.inner.request(req);
      case "tooLarge":
        return { status: 413, body: "<html>Request Entity Too Large</html>" };
      case "unavailable":
        return { status: 503, body: { error: "internal", message: "Try again." } };
      case "failAfter":
        await this.inner.request(req);
        return { status: 500, body: { error: "internal", message: "Something broke." } };
      default:
        return this.inner.request(req);
    }
  }

  /** Delivers the delayed copies now. */
  async flushReplays(): Promise<void> {
    for (const copy of this.replays.splice(0)) await this.inner.request(copy).catch(() => null);
  }

  onLinkBack(listener: () => void): () => void {
    this.linkBack.add(listener);
    return () => this.linkBack.delete(listener);
  }

  /** Tells the client the link is back. */
  linkIsBack(): void {
    for (const l of this.linkBack) l();
  }
}

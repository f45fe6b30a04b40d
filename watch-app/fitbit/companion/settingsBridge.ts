// Carries the settings page's requests to the core's PhoneRelay and publishes what the page shows.
// Free of companion modules (storage and relay come in as small interfaces), so vitest runs it.

import {
  decodePhoneReply,
  encodeWatchRequest,
  type PairingView,
} from "../../core/link/watchLink.ts";
import type { Clock } from "../../core/ports.ts";
import {
  encodeStatus,
  type PairingState,
  parseServerInput,
  SETTINGS_KEYS,
  type SettingsStatus,
} from "./settingsKeys.ts";

/** The part of the core's PhoneRelay the settings need. */
export interface RelayControl {
  serverUrl(): Promise<string>;
  setServerUrl(url: string): Promise<void>;
  unpair(): Promise<void>;
  handle(message: string): Promise<string>;
  readonly pairing: { view(): PairingView; stop(): void; readonly lastProblem: string | null };
}

/** settingsStorage, as far as used here. */
export interface SettingsStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STATUS_REQUEST = encodeWatchRequest({ type: "status" });

export class SettingsBridge {
  private serverError: string | null = null;
  /** Work is done one step at a time, in the order it was asked for. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly relay: RelayControl,
    private readonly storage: SettingsStorageLike,
    private readonly clock: Clock,
  ) {}

  private run(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step);
    this.queue = next.catch((error: unknown) =>
      console.error(`settings: ${error instanceof Error ? error.message : String(error)}`),
    );
    return next;
  }

  /** A settings key changed (from the page, or anything else: other keys are ignored). */
  onChange(key: string | null): Promise<void> {
    if (key === SETTINGS_KEYS.serverInput) return this.applyServerInput();
    if (key === SETTINGS_KEYS.unpairRequest) return this.applyUnpairRequest();
    // clear() on the storage: check both.
    if (key === null) return this.applyServerInput().then(() => this.applyUnpairRequest());
    return Promise.resolve();
  }

  /** Takes the typed URL if valid (another server is another account: the relay unpairs). */
  applyServerInput(): Promise<void> {
    return this.run(async () => {
      const typed = this.storage.getItem(SETTINGS_KEYS.serverInput);
      const parsed = parseServerInput(typed);
      if (!parsed.ok) {
        this.serverError = parsed.error;
      } else {
        this.serverError = null;
        const before = await this.relay.serverUrl();
        if (before !== parsed.url) {
          // A pairing under way belongs to the old server.
          this.relay.pairing.stop();
          await this.relay.setServerUrl(parsed.url);
        }
      }
      await this.publishNow();
    });
  }

  /** Unpairs if the page asked to, then clears the request. */
  applyUnpairRequest(): Promise<void> {
    return this.run(async () => {
      if (this.storage.getItem(SETTINGS_KEYS.unpairRequest) === null) return;
      // The relay's unpair() forgets the token; a code still pending would bring one back.
      this.relay.pairing.stop();
      await this.relay.unpair();
      this.storage.removeItem(SETTINGS_KEYS.unpairRequest);
      await this.publishNow();
    });
  }

  /** Writes the status for the page (only when it changed). */
  publish(): Promise<void> {
    return this.run(() => this.publishNow());
  }

  private async publishNow(): Promise<void> {
    const status = await this.status();
    const text = encodeStatus(status);
    if (this.storage.getItem(SETTINGS_KEYS.status) !== text) {
      this.storage.setItem(SETTINGS_KEYS.status, text);
    }
  }

  async status(): Promise<SettingsStatus> {
    const now = this.clock.now();
    let paired = false;
    let lastSyncAtMs: number | null = null;
    // The relay's own answer to the watch's status request: paired, and the last sync.
    const reply = decodePhoneReply(await this.relay.handle(STATUS_REQUEST));
    if (reply.type === "status") {
      paired = reply.paired;
      if (reply.lastSyncAgoS !== null) lastSyncAtMs = now - reply.lastSyncAgoS * 1000;
    }
    const view = this.relay.pairing.view();
    let pairing: PairingState = view.state;
    if (view.state !== "pending" && paired) pairing = "paired";
    else if (view.state === "paired" && !paired) pairing = "idle";
    const pending = pairing === "pending";
    return {
      serverUrl: await this.relay.serverUrl(),
      serverError: this.serverError,
      pairing,
      code: pending ? (view.userCode ?? null) : null,
      verificationUri: pending ? (view.verificationUri ?? null) : null,
      expiresAtMs: pending && view.expiresInS !== undefined ? now + view.expiresInS * 1000 : null,
      problem: this.relay.pairing.lastProblem,
      lastSyncAtMs,
    };
  }
}

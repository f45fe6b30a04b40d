// Pairs the phone (on behalf of the watch) with the sync service by the device authorization
// grant (RFC 8628 as sync protocol v1 adapts it): get a user code, poll for the token.
import { Backoff } from "@runstrong/shared/client";
import type { PairResponse, Platform, TokenResponse } from "@runstrong/shared/schemas";
import type { PairingView } from "../link/watchLink.ts";
import type { Clock, RandomSource, Scheduler, SettingsStore } from "../ports.ts";
import { type ApiFailure, isTransient, type ServerApi } from "./serverApi.ts";

export const TOKEN_KEY = "runstrong.token";
const PAIRING_KEY = "runstrong.pairing";
/** RFC 8628 §3.5: each slow_down adds 5 seconds to the polling interval. */
const SLOW_DOWN_STEP_S = 5;

export interface StoredToken {
  access_token: string;
  device_id: string;
}

/** A pairing under way, persisted so a restarted phone service keeps polling the same code. */
interface PendingPairing {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  expiresAtMs: number;
  intervalS: number;
}

export interface PhonePairingDeps {
  api: ServerApi;
  settings: SettingsStore;
  scheduler: Scheduler;
  clock: Clock;
  random: RandomSource;
  platform: Platform;
  /** Called once a token is stored (the relay forgets its seq binding and pulls). */
  onPaired: (token: StoredToken) => Promise<void> | void;
}

export async function readToken(settings: SettingsStore): Promise<StoredToken | null> {
  const text = await settings.get(TOKEN_KEY);
  if (text === null) return null;
  try {
    const t = JSON.parse(text) as StoredToken;
    return typeof t.access_token === "string" && typeof t.device_id === "string" ? t : null;
  } catch {
    return null;
  }
}

export class PhonePairing {
  private pending: PendingPairing | null = null;
  private outcome: "idle" | "denied" | "expired" | "paired" = "idle";
  private cancelPoll: (() => void) | null = null;
  private readonly backoff: Backoff;
  /** Why the last poll could not reach the server, for the phone's settings page. */
  lastProblem: string | null = null;

  constructor(private readonly deps: PhonePairingDeps) {
    this.backoff = new Backoff({ random: deps.random });
  }

  /** Picks up a pairing a previous run of the phone service left under way. */
  async resume(): Promise<void> {
    const text = await this.deps.settings.get(PAIRING_KEY);
    if (text === null) return;
    try {
      this.pending = JSON.parse(text) as PendingPairing;
    } catch {
      await this.deps.settings.remove(PAIRING_KEY);
      return;
    }
    this.schedulePoll(this.pending.intervalS * 1000);
  }

  view(): PairingView {
    const p = this.pending;
    if (p === null) return { state: this.outcome === "idle" ? "idle" : this.outcome };
    const left = Math.max(0, Math.ceil((p.expiresAtMs - this.deps.clock.now()) / 1000));
    return {
      state: "pending",
      userCode: p.userCode,
      expiresInS: left,
      verificationUri: p.verificationUri,
    };
  }

  /** Asks the server for a new code (a running pairing is replaced). */
  async start(name: string): Promise<PairingView | ApiFailure> {
    this.stop();
    const res = await this.deps.api.call<PairResponse>("POST", "/devices/pair", {
      body: { name: name.trim().slice(0, 60) || "Watch", platform: this.deps.platform },
    });
    if (res.kind !== "ok") return res;
    const b = res.body;
    this.pending = {
      deviceCode: b.device_code,
      // The protocol shows codes as XXXX-XXXX; servers may send them bare.
      userCode: b.user_code.includes("-")
        ? b.user_code
        : `${b.user_code.slice(0, 4)}-${b.user_code.slice(4)}`,
      verificationUri: b.verification_uri_complete || b.verification_uri,
      expiresAtMs: this.deps.clock.now() + b.expires_in * 1000,
      intervalS: Math.max(1, b.interval),
    };
    this.outcome = "idle";
    this.backoff.reset();
    await this.save();
    this.schedulePoll(this.pending.intervalS * 1000);
    return this.view();
  }

  /** Stops polling and forgets the code (the user backed out). */
  stop(): void {
    this.cancelPoll?.();
    this.cancelPoll = null;
    this.pending = null;
    void this.deps.settings.remove(PAIRING_KEY);
  }

  private async save(): Promise<void> {
    if (this.pending !== null) {
      await this.deps.settings.set(PAIRING_KEY, JSON.stringify(this.pending));
    }
  }

  private schedulePoll(delayMs: number): void {
    this.cancelPoll?.();
    this.cancelPoll = this.deps.scheduler.schedule(delayMs, () => {
      this.cancelPoll = null;
      void this.poll();
    });
  }

  private finish(outcome: "denied" | "expired" | "paired"): void {
    this.outcome = outcome;
    this.stop();
  }

  /** One token request; schedules the next one unless the pairing ended. */
  async poll(): Promise<void> {
    const p = this.pending;
    if (p === null) return;
    if (this.deps.clock.now() >= p.expiresAtMs) {
      this.finish("expired");
      return;
    }
    const res = await this.deps.api.call<TokenResponse>("POST", "/devices/token", {
      body: { device_code: p.deviceCode },
    });
    if (this.pending !== p) return; // Cancelled or restarted while the request was out.
    if (res.kind === "ok") {
      const token: StoredToken = {
        access_token: res.body.access_token,
        device_id: res.body.device_id,
      };
      await this.deps.settings.set(TOKEN_KEY, JSON.stringify(token));
      this.lastProblem = null;
      this.finish("paired");
      await this.deps.onPaired(token);
      return;
    }
    if (res.kind === "error" && !isTransient(res)) {
      switch (res.error) {
        case "authorization_pending":
          this.lastProblem = null;
          this.backoff.reset();
          this.schedulePoll(p.intervalS * 1000);
          return;
        case "slow_down":
          p.intervalS += SLOW_DOWN_STEP_S;
          await this.save();
          this.schedulePoll(p.intervalS * 1000);
          return;
        case "access_denied":
          this.finish("denied");
          return;
        default:
          // expired_token, or an answer the grant does not define: this code is dead.
          this.finish("expired");
          return;
      }
    }
    // No answer or a server fault: keep the code, retry no sooner than the interval.
    this.lastProblem = res.message;
    const waitMs =
      res.kind === "error" && res.retryAfterS !== undefined
        ? res.retryAfterS * 1000
        : this.backoff.next();
    this.schedulePoll(Math.max(p.intervalS * 1000, waitMs));
  }
}

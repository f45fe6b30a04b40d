// What a token poll answers, decided from the pairing row alone (RFC 8628 §3.5 rules).
import { PAIRING_INTERVAL_S } from "@runstrong/shared/schemas";

type PairingRow = {
  status: "pending" | "approved" | "denied" | "consumed";
  expiresAt: number;
  lastPollAt: number | null;
};

export type PollOutcome =
  | { kind: "issue" }
  | {
      kind: "error";
      error: "authorization_pending" | "slow_down" | "access_denied" | "expired_token";
      message: string;
    };

export function pollOutcome(row: PairingRow | undefined, now: number): PollOutcome {
  if (!row || row.status === "consumed") {
    return {
      kind: "error",
      error: "expired_token",
      message: "Unknown or used device code; pair again.",
    };
  }
  if (row.expiresAt <= now) {
    return { kind: "error", error: "expired_token", message: "The code expired; pair again." };
  }
  if (row.status === "denied") {
    return { kind: "error", error: "access_denied", message: "The pairing was refused." };
  }
  if (row.lastPollAt !== null && now - row.lastPollAt < PAIRING_INTERVAL_S * 1000) {
    return {
      kind: "error",
      error: "slow_down",
      message: `Polled too fast: wait at least ${PAIRING_INTERVAL_S} s more between polls.`,
    };
  }
  if (row.status === "pending") {
    return {
      kind: "error",
      error: "authorization_pending",
      message: "Waiting for the user to approve.",
    };
  }
  return { kind: "issue" };
}

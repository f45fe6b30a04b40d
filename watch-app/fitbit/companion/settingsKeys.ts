// What the settings page and the companion exchange through settingsStorage: the page writes the
// server URL the user typed and an unpair request; the companion applies them through the core's
// PhoneRelay and publishes a status the page shows. The page never touches the core's own keys.
// No device or companion modules here: the settings page and the tests import this file too.
import { DEFAULT_SERVER_URL } from "../../core/phone/serverApi.ts";

export { DEFAULT_SERVER_URL };

export const SETTINGS_KEYS = {
  /** The server URL as typed on the settings page (TextInput with useSimpleValue). */
  serverInput: "runstrong.settings.serverUrl",
  /** Set by the Unpair button (to the time it was pressed); the companion acts, then clears it. */
  unpairRequest: "runstrong.settings.unpair",
  /** JSON of SettingsStatus, written by the companion. */
  status: "runstrong.settings.status",
} as const;

export type PairingState = "idle" | "pending" | "paired" | "denied" | "expired";

export interface SettingsStatus {
  /** The server in use (normalised). */
  serverUrl: string;
  /** Why the typed URL was not taken (the previous one stays in use), or null. */
  serverError: string | null;
  pairing: PairingState;
  /** "ACDE-FGHJ" while a pairing is pending. */
  code: string | null;
  verificationUri: string | null;
  /** When the pending code stops working (phone clock). */
  expiresAtMs: number | null;
  /** Why the server could not be reached lately, or null. */
  problem: string | null;
  /** Last successful exchange with the server (phone clock), or null. */
  lastSyncAtMs: number | null;
}

const PAIRING_STATES: readonly PairingState[] = ["idle", "pending", "paired", "denied", "expired"];

export function encodeStatus(status: SettingsStatus): string {
  return JSON.stringify(status);
}

/** The published status, or null when there is none yet (or it cannot be read). */
export function decodeStatus(raw: string | null | undefined): SettingsStatus | null {
  if (raw === null || raw === undefined || raw === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as { [key: string]: unknown };
  const text = (x: unknown) => (typeof x === "string" ? x : null);
  const time = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  if (typeof v.serverUrl !== "string") return null;
  const pairing = PAIRING_STATES.indexOf(v.pairing as PairingState) >= 0 ? v.pairing : "idle";
  return {
    serverUrl: v.serverUrl,
    serverError: text(v.serverError),
    pairing: pairing as PairingState,
    code: text(v.code),
    verificationUri: text(v.verificationUri),
    expiresAtMs: time(v.expiresAtMs),
    problem: text(v.problem),
    lastSyncAtMs: time(v.lastSyncAtMs),
  };
}

/** A TextInput value: plain with useSimpleValue, else JSON {"name": …} as older pages stored. */
function typedValue(raw: string | null | undefined): string {
  const text = (raw ?? "").trim();
  if (!text.startsWith("{")) return text;
  try {
    const value: unknown = JSON.parse(text);
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === "string" ? name.trim() : text;
  } catch {
    return text;
  }
}

/** The URL typed on the page, checked: empty means the default server. */
export function parseServerInput(
  input: string | null | undefined,
): { ok: true; url: string } | { ok: false; error: string } {
  const text = typedValue(input);
  if (text === "") return { ok: true, url: DEFAULT_SERVER_URL };
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(text)) {
    return { ok: false, error: `"${text}" is not an http:// or https:// address` };
  }
  return { ok: true, url: text.replace(/\/+$/, "") };
}

function minutesLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 60000));
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
function ago(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  if (min < 48 * 60) return `${Math.floor(min / 60)} h ago`;
  return `${Math.floor(min / 1440)} d ago`;
}

/** The settings page's lines for a status (null: the companion has not reported yet). */
export function statusLines(
  status: SettingsStatus | null,
  nowMs: number,
): {
  server: string;
  serverError: string | null;
  pairing: string;
  detail: string | null;
  canUnpair: boolean;
} {
  if (status === null) {
    return {
      server: "Open runstrong on the watch to connect.",
      serverError: null,
      pairing: "Not paired",
      detail: null,
      canUnpair: false,
    };
  }
  let pairing: string;
  let detail: string | null = null;
  switch (status.pairing) {
    case "paired":
      pairing = "Paired";
      if (status.lastSyncAtMs !== null) detail = `Last sync ${ago(nowMs - status.lastSyncAtMs)}`;
      break;
    case "pending": {
      pairing = `Pairing code ${status.code ?? "…"}`;
      const where = status.verificationUri ?? `${status.serverUrl}`;
      const left =
        status.expiresAtMs === null ? "" : ` (${minutesLeft(status.expiresAtMs, nowMs)} min left)`;
      detail = `Enter it at ${where}${left}`;
      break;
    }
    case "denied":
      pairing = "Pairing was refused";
      detail = "Start again from the watch: Pair with phone.";
      break;
    case "expired":
      pairing = "The pairing code expired";
      detail = "Start again from the watch: Pair with phone.";
      break;
    default:
      pairing = "Not paired";
      detail = "On the watch, choose Pair with phone to get a code.";
  }
  if (status.problem !== null)
    detail = `${detail === null ? "" : `${detail}. `}Server: ${status.problem}`;
  return {
    server: `Using ${status.serverUrl}`,
    serverError: status.serverError,
    pairing,
    detail,
    canUnpair: status.pairing === "paired" || status.pairing === "pending",
  };
}

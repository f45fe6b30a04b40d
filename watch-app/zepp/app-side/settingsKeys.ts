// The phone's settings keys, written by the settings app (setting/index.ts) and read by the
// phone-side service. The keys and the default URL come from the core, which owns them.
import { TOKEN_KEY } from "../../core/phone/phonePairing.ts";
import { SERVER_URL_KEY } from "../../core/phone/phoneRelay.ts";

export { DEFAULT_SERVER_URL } from "../../core/phone/serverApi.ts";

export const SETTINGS_KEYS = {
  /** Base URL of the runstrong server, without a trailing slash. */
  serverUrl: SERVER_URL_KEY,
  /** JSON of StoredToken once the device grant completed; absent when not paired. */
  token: TOKEN_KEY,
  /** JSON of the pairing under way ({ userCode, … }); core/phonePairing.ts keeps it unexported. */
  pendingPairing: "runstrong.pairing",
  /**
   * Written (a timestamp) by the settings app's Unpair button: the phone-side service then
   * forgets the token, the seq binding and the plan copy (PhoneRelay.unpair).
   */
  unpairRequest: "runstrong.unpairRequest",
} as const;

/** What the phone keeps of a completed pairing (core/phonePairing.ts StoredToken). */
export interface StoredToken {
  access_token: string;
  device_id: string;
}

function parseObject(raw: string | null | undefined): Record<string, unknown> | null {
  if (raw === null || raw === undefined || raw === "") return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function readStoredToken(raw: string | null | undefined): StoredToken | null {
  const value = parseObject(raw);
  if (typeof value?.device_id !== "string" || typeof value.access_token !== "string") return null;
  return { device_id: value.device_id, access_token: value.access_token };
}

/** The user code of the pairing under way, "ACDE-FGHJ", or null. */
export function readPendingCode(raw: string | null | undefined): string | null {
  const code = parseObject(raw)?.userCode;
  return typeof code === "string" ? code : null;
}

/** Accepts http(s) URLs only and drops trailing slashes; null when the text is not one. */
export function normaliseServerUrl(text: string): string | null {
  const trimmed = text.trim().replace(/\/+$/, "");
  return /^https?:\/\/[^\s/]+(\/\S*)?$/.test(trimmed) ? trimmed : null;
}

// Device pairing (device authorization grant) and device listing bodies.
import { z } from "zod";
import { EntityId, IsoDateTime, Platform } from "./primitives.ts";

/** Alphabet of user codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes. */
export const USER_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const PAIRING_EXPIRES_S = 600;
export const PAIRING_INTERVAL_S = 5;

/** Uppercases and drops dashes and spaces, so "abcd-efgh", "ABCD EFGH" and "abcdefgh" match. */
export function normaliseUserCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
}

/** Shows an 8-character code as XXXX-XXXX. */
export function formatUserCode(code: string): string {
  const c = normaliseUserCode(code);
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

const USER_CODE_MESSAGE =
  "A pairing code has 8 letters or digits, like ABCD-2345, as the watch shows it.";

export const UserCodeInput = z
  .string({ error: USER_CODE_MESSAGE })
  .max(40, { message: USER_CODE_MESSAGE })
  .transform(normaliseUserCode)
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, { message: USER_CODE_MESSAGE }));

export const PairRequest = z.object({
  name: z
    .string({ error: "Give the device a name." })
    .trim()
    .min(1, { message: "Give the device a name." })
    .max(60, { message: "Keep the device's name under 60 characters." }),
  platform: Platform,
});
export type PairRequest = z.infer<typeof PairRequest>;

export const PairResponse = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  verification_uri_complete: z.string(),
  expires_in: z.number().int(),
  interval: z.number().int(),
});
export type PairResponse = z.infer<typeof PairResponse>;

export const ApproveRequest = z.object({ user_code: UserCodeInput });
export type ApproveRequest = z.infer<typeof ApproveRequest>;

export const TokenRequest = z.object({ device_code: z.string().min(1).max(200) });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  device_id: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const DeviceView = z.object({
  id: EntityId,
  name: z.string(),
  platform: Platform,
  created_at: IsoDateTime,
  last_seen: IsoDateTime.nullable(),
  last_seq: z.number().int().min(0),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const DeviceResponse = z.object({
  device: z.object({ id: z.string(), name: z.string(), platform: Platform }),
});
export const DeviceListResponse = z.object({ devices: z.array(DeviceView) });
/** What the approval page shows before the user confirms. */
export const PendingDeviceView = z.object({
  name: z.string(),
  platform: Platform,
  user_code: z.string(),
  expires_at: IsoDateTime,
});
export type PendingDeviceView = z.infer<typeof PendingDeviceView>;

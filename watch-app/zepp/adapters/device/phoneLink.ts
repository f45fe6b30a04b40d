// PhoneLink over ZML's request/response (BLE, chunked by ZML): the app's
// `globalData.messaging.request` carries one opaque string to the phone-side service, which
// answers in app-side/index.ts.
import type { PhoneLink } from "../../../core/ports.ts";
import { RELAY_METHOD, type RelayReply } from "../relayMethod.ts";

/** What ZML's messaging (`globalData.messaging` of a BaseApp, or a BasePage) offers. */
export interface ZmlRequester {
  request<T>(data: { method: string; params: Record<string, unknown> }): Promise<T>;
}

/** Shorter than ZML's own 60 s: a lifter waiting on the wrist should not wait a minute. */
const DEFAULT_TIMEOUT_MS = 15_000;

export function createZmlPhoneLink(page: ZmlRequester, timeoutMs = DEFAULT_TIMEOUT_MS): PhoneLink {
  return {
    request(message) {
      return new Promise<string>((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
          settled = true;
          reject(new Error(`phone unavailable: no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          outcome();
        };
        page.request<RelayReply>({ method: RELAY_METHOD, params: { m: message } }).then(
          (reply) =>
            finish(() =>
              reply && typeof reply.m === "string"
                ? resolve(reply.m)
                : reject(new Error("phone unavailable: malformed reply")),
            ),
          (error: unknown) =>
            finish(() => reject(new Error(`phone unavailable: ${describe(error)}`))),
        );
      });
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "message" in error) return String(error.message);
  return String(error);
}

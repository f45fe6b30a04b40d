// The account's time zone decides the web view's "today": the setting wins over the browser's
// rs_tz cookie, which is used only while the account has no zone.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, signUp } from "../../test/apiClient.ts";
import { localDate } from "./format.ts";

const worker = (exports as unknown as { default: Fetcher }).default;

// UTC+14 and UTC−11: 25 hours apart, so their calendar dates always differ.
const EAST = "Pacific/Kiritimati";
const WEST = "Pacific/Pago_Pago";

/** The day of the month the dashboard marks as today, and the zone the body says is set. */
async function dashboardToday(cookie: string, tzCookie: string) {
  const res = await worker.fetch(
    new Request("http://localhost/", { headers: { cookie: `${cookie}; rs_tz=${tzCookie}` } }),
  );
  expect(res.status).toBe(200);
  const html = await res.text();
  const day = /aria-current="date"[^>]*>.*?class="day-date">(\d+)</s.exec(html)?.[1];
  const setting = /data-time-zone="([^"]*)"/.exec(html)?.[1];
  return { day: Number(day), setting };
}

const dayIn = (tz: string) => Number(localDate(Date.now(), tz).slice(8));

describe("time zone of the web view", () => {
  it("dashboard's today follows the cookie while unset, then the account setting", async () => {
    const user = await signUp();
    expect(dayIn(EAST)).not.toBe(dayIn(WEST));

    const unset = await dashboardToday(user.cookie, WEST);
    expect(unset).toEqual({ day: dayIn(WEST), setting: "" });

    const pushed = await call("POST", "/sync/push", {
      cookie: user.cookie,
      body: { schema: 1, mutations: [{ seq: 1, op: "settings.put", args: { time_zone: EAST } }] },
    });
    expect(pushed.body.acks).toEqual([{ seq: 1, status: "applied" }]);

    // The browser still says WEST, but the account's zone decides.
    const set = await dashboardToday(user.cookie, WEST);
    expect(set).toEqual({ day: dayIn(EAST), setting: EAST });
  });
});

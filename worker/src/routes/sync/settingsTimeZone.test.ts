// settings.put's time_zone against the real Worker and D1: stored, pulled by every device,
// overwritten field by field like units, and an unknown zone refused in words.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { numbered, pairDevice, pullAll, push, signUp } from "../../../test/apiClient.ts";

async function storedSettings(userId: string) {
  return env.DB.prepare("SELECT units, time_zone FROM settings WHERE user_id = ?1")
    .bind(userId)
    .first<{ units: string; time_zone: string | null }>();
}

describe("settings.put time_zone", () => {
  it("is stored, pulled by another device, and leaves the other fields as they were", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "Watch");
    const phone = await pairDevice(user, "Phone", "web");

    const first = await push(
      watch,
      numbered(1, [{ op: "settings.put", args: { units: "imperial" } }]),
    );
    expect(first.body.acks).toEqual([{ seq: 1, status: "applied" }]);
    // Before any zone is set the row says so with null.
    let pulled = await pullAll(phone);
    expect(pulled.pages.flatMap((p) => p.changes.settings)).toMatchObject([
      { units: "imperial", time_zone: null },
    ]);

    const second = await push(
      watch,
      numbered(2, [{ op: "settings.put", args: { time_zone: "Asia/Tokyo" } }]),
    );
    expect(second.body.acks).toEqual([{ seq: 2, status: "applied" }]);
    expect(await storedSettings(user.id)).toEqual({ units: "imperial", time_zone: "Asia/Tokyo" });

    pulled = await pullAll(phone, pulled.cursor);
    expect(pulled.pages.flatMap((p) => p.changes.settings)).toMatchObject([
      { units: "imperial", time_zone: "Asia/Tokyo", rest_s_default: 60 },
    ]);
  });

  it("refuses a zone that does not exist with a sentence and keeps the stored one", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await push(watch, numbered(1, [{ op: "settings.put", args: { time_zone: "Europe/Berlin" } }]));
    const bad = await push(
      watch,
      numbered(2, [{ op: "settings.put", args: { time_zone: "Mars/Olympus" } }]),
    );
    expect(bad.status).toBe(200);
    expect(bad.body.acks[0]).toMatchObject({ seq: 2, status: "rejected" });
    expect(bad.body.acks[0].error).toBe(
      "time_zone: That is not a time zone we know. Choose one from the list, like Europe/Berlin.",
    );
    expect(await storedSettings(user.id)).toMatchObject({ time_zone: "Europe/Berlin" });
  });
});

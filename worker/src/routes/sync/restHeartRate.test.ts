// The heart-rate-aware rest setting over sync against the real Worker and D1: settings.put's
// rest_hr_ready is stored, pulled, exported and imported, cleared by null, and a bad value is
// refused in a sentence with nothing changed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  type Device,
  numbered,
  pairDevice,
  pullAll,
  push,
  signUp,
} from "../../../test/apiClient.ts";

const SENTENCE =
  "The heart rate that ends a rest is a whole number of beats per minute from 60 to 180.";

async function pulledSettings(device: Device) {
  const { pages } = await pullAll(device);
  return pages.flatMap((p) => p.changes.settings);
}

async function storedRow(userId: string) {
  return env.DB.prepare(
    "SELECT st.rest_hr_ready, st.max_hr, st.version, s.version AS user_version FROM settings st JOIN sync_state s ON s.user_id = st.user_id WHERE st.user_id = ?1",
  )
    .bind(userId)
    .first();
}

describe("rest_hr_ready over sync", () => {
  it("settings.put stores it, another device pulls it, and null clears it", async () => {
    const user = await signUp();
    const watch = await pairDevice(user, "Watch");
    const phone = await pairDevice(user, "Phone", "web");

    const set = await push(
      watch,
      numbered(1, [{ op: "settings.put", args: { max_hr: 188, rest_hr_ready: 112 } }]),
    );
    expect(set.body.acks).toEqual([{ seq: 1, status: "applied" }]);
    expect(await storedRow(user.id)).toMatchObject({ rest_hr_ready: 112, max_hr: 188 });
    expect(await pulledSettings(phone)).toMatchObject([{ max_hr: 188, rest_hr_ready: 112 }]);

    const cleared = await push(
      watch,
      numbered(2, [{ op: "settings.put", args: { rest_hr_ready: null } }]),
    );
    expect(cleared.body.acks).toEqual([{ seq: 2, status: "applied" }]);
    expect(await storedRow(user.id)).toMatchObject({ rest_hr_ready: null, max_hr: 188 });
    const [after] = await pulledSettings(phone);
    expect(after).toMatchObject({ max_hr: 188 });
    // Cleared is absent, never null: a watch reads "no key" as "rest by time only".
    expect(after).not.toHaveProperty("rest_hr_ready");
  });

  it("refuses 59, 181 and 1.5 with a sentence and changes nothing", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    await push(watch, numbered(1, [{ op: "settings.put", args: { rest_hr_ready: 120 } }]));
    const before = await storedRow(user.id);
    expect(before).toMatchObject({ rest_hr_ready: 120 });

    const bad = await push(
      watch,
      numbered(2, [
        { op: "settings.put", args: { rest_hr_ready: 59 } },
        { op: "settings.put", args: { rest_hr_ready: 181 } },
        { op: "settings.put", args: { rest_hr_ready: 1.5, units: "imperial" } },
      ]),
    );
    expect(bad.status).toBe(200);
    expect(bad.body.acks).toEqual([
      { seq: 2, status: "rejected", error: `rest_hr_ready: ${SENTENCE}` },
      { seq: 3, status: "rejected", error: `rest_hr_ready: ${SENTENCE}` },
      { seq: 4, status: "rejected", error: `rest_hr_ready: ${SENTENCE}` },
    ]);
    // Neither the row nor the account's sync version moved, and the units of the refused put
    // were not applied either.
    expect(await storedRow(user.id)).toEqual(before);
    expect(await pulledSettings(watch)).toMatchObject([{ units: "metric", rest_hr_ready: 120 }]);
  });

  it("the account export carries it and an import into another account sets it", async () => {
    const from = await signUp();
    const watch = await pairDevice(from);
    await push(watch, numbered(1, [{ op: "settings.put", args: { rest_hr_ready: 104 } }]));
    const exported = await call("GET", "/export", { cookie: from.cookie });
    expect(exported.status).toBe(200);
    expect(exported.body.settings).toMatchObject({ rest_hr_ready: 104 });

    const to = await signUp();
    const imported = await call("POST", "/import", { cookie: to.cookie, body: exported.body });
    expect(imported.status).toBe(200);
    expect(await storedRow(to.id)).toMatchObject({ rest_hr_ready: 104 });
  });

  it("the OpenAPI document describes it on pulled settings", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(
      "Heart-rate-aware rest: a rest is over when heart rate drops below this many bpm (60–180), or when the rest time runs out",
    );
  });
});

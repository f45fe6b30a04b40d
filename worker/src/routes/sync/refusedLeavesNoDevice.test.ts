// A browser becomes a sync device on its first sync; a refused first request (a bad cursor, a
// seq gap) must not leave a device behind — refused requests change nothing.
import { describe, expect, it } from "vitest";
import { call, signUp } from "../../../test/apiClient.ts";

async function devices(cookie: string): Promise<unknown[]> {
  return (await call("GET", "/devices", { cookie })).body.devices;
}

describe("a new browser's refused sync", () => {
  it("a pull with a forged cursor is 400 and creates no device", async () => {
    const user = await signUp();
    const before = await devices(user.cookie);
    const res = await call("GET", "/sync/pull?cursor=garbage", { cookie: user.cookie });
    expect(res.status).toBe(400);
    expect(await devices(user.cookie)).toEqual(before);
  });

  it("a push starting past seq 1 is 409 expected 1 and creates no device", async () => {
    const user = await signUp();
    const before = await devices(user.cookie);
    const res = await call("POST", "/sync/push", {
      cookie: user.cookie,
      body: { schema: 1, mutations: [{ seq: 2, op: "run.delete", args: { id: "r1" } }] },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: "seq_gap", expected: 1 });
    expect(await devices(user.cookie)).toEqual(before);
    // The right first push then works and makes the browser a device.
    const ok = await call("POST", "/sync/push", {
      cookie: user.cookie,
      body: { schema: 1, mutations: [{ seq: 1, op: "run.delete", args: { id: "r1" } }] },
    });
    expect(ok.status).toBe(200);
    expect((await devices(user.cookie)).length).toBe(before.length + 1);
  });
});

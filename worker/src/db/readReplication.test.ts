// D1_READ_REPLICATION=on in workerd with Miniflare's D1 (which implements withSession): pulls
// carry the session's bookmark in their cursor, the next pull continues from it, a device's
// pull after its own push sees that push, and pages render through a session.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { decodeCursor } from "@runstrong/shared/sync";
import { describe, expect, it } from "vitest";
import {
  numbered,
  pairDevice,
  pull,
  pullAll,
  push,
  sessionStart,
  setLog,
  signUp,
  uid,
  useWorker,
} from "../../test/apiClient.ts";
import { createApp } from "../app.ts";

const replicated = { ...env, D1_STORES: "2", D1_READ_REPLICATION: "on" } as unknown as Env;
const app = createApp();
useWorker({
  fetch: (req) => Promise.resolve(app.fetch(req as Request, replicated, createExecutionContext())),
});

describe("read replication through D1 sessions", () => {
  it("puts the bookmark in the pull cursor and continues from it, seeing the device's own push", async () => {
    const user = await signUp();
    const watch = await pairDevice(user);
    const s = uid("s");
    const first = uid("set");
    await push(watch, numbered(1, [sessionStart(s), setLog(first, s)]));
    const one = await pull(watch);
    expect(one.status).toBe(200);
    const cursor = decodeCursor(one.body.cursor);
    expect(cursor?.bookmark).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(one.body.changes.sets.map((x: { id: string }) => x.id)).toEqual([first]);
    // A push, then a pull from the bookmarked cursor: the new set comes, nothing is skipped.
    const second = uid("set");
    await push(watch, numbered(3, [setLog(second, s, { set_index: 1 })]));
    const two = await pullAll(watch, one.body.cursor);
    expect(two.reset).toBe(false);
    expect(two.pages.flatMap((p) => p.changes.sets.map((x: { id: string }) => x.id))).toEqual([
      second,
    ]);
    expect(two.pages.at(-1)?.last_seq).toBe(3);
    expect(decodeCursor(two.cursor ?? "")?.bookmark).toBeDefined();
  });

  it("serves pages through a session", async () => {
    const user = await signUp();
    const res = await app.fetch(
      new Request("http://localhost/history", { headers: { cookie: user.cookie } }),
      replicated,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
  });

  it("without the setting, cursors carry no bookmark", async () => {
    const plain = { ...env, D1_STORES: "2" } as unknown as Env;
    useWorker({
      fetch: (req) => Promise.resolve(app.fetch(req as Request, plain, createExecutionContext())),
    });
    const user = await signUp();
    const watch = await pairDevice(user);
    const res = await pull(watch);
    expect(decodeCursor(res.body.cursor)?.bookmark).toBeUndefined();
  });
});

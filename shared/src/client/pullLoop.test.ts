// The pull loop against the fake server: pages until has_more is false, tombstones, a cursor that
// survives restarts, the reset dance, the kinds filter, and guards against a server that spins.
import { describe, expect, it } from "vitest";
import type { Changes } from "./protocol.ts";
import type { PullConsumer } from "./pullLoop.ts";
import { harness } from "./testing/harness.ts";
import { runLog } from "./testing/mutations.ts";

/** A consumer that keeps rows by kind and id, as a device's copy would. */
function copy() {
  const rows = new Map<string, Record<string, unknown>>();
  const log: string[] = [];
  const consumer: PullConsumer = {
    apply(changes: Partial<Changes>) {
      log.push("page");
      for (const [kind, list] of Object.entries(changes)) {
        for (const row of list ?? []) {
          const r = row as Record<string, unknown>;
          if (r.deleted) rows.delete(`${kind}:${r.id}`);
          else rows.set(`${kind}:${r.id ?? "settings"}`, r);
        }
      }
    },
    reset() {
      log.push("reset");
      rows.clear();
    },
  };
  return { rows, log, consumer };
}

const pullPaths = (h: ReturnType<typeof harness>) =>
  h.server.requests.filter((r) => r.req.method === "GET").map((r) => r.req.path);

describe("pull loop", () => {
  it("follows pages until has_more is false and keeps the cursor across restarts", async () => {
    const h = harness();
    const writer = h.open();
    for (let i = 0; i < 5; i++) await writer.push([runLog(2 * i), runLog(2 * i + 1)]);
    const c = copy();
    const report = await h.open({ pull: { consumer: c.consumer, limit: 3 } }).pull();
    expect(report.pages).toBeGreaterThan(2);
    expect(report.rows).toBe(10);
    expect(c.rows.size).toBe(10);
    const again = await h.open({ pull: { consumer: c.consumer, limit: 3 } }).pull();
    expect(again).toMatchObject({ pages: 1, rows: 0, reset: false });
  });

  it("passes tombstones to the consumer, which drops the rows", async () => {
    const h = harness();
    const c = copy();
    const client = h.open({ pull: { consumer: c.consumer } });
    await client.push([runLog(1), runLog(2)]);
    await client.pull();
    await client.push([{ op: "run.delete", args: { id: "r1" } }]);
    await client.pull();
    expect([...c.rows.keys()]).toEqual(["runs:r2"]);
  });

  it("reset: pushes the outbox first, then drops the copy, then pulls from scratch", async () => {
    const h = harness();
    const c = copy();
    let appliedAtReset = -1;
    const consumer: PullConsumer = {
      apply: c.consumer.apply,
      reset() {
        appliedAtReset = h.applied("r2");
        return c.consumer.reset();
      },
    };
    const client = h.open({ pull: { consumer } });
    await client.push([runLog(1)]);
    await client.pull();
    h.server.restore();
    await client.enqueue([runLog(2)]);
    const before = h.server.requests.length;
    const report = await client.pull();
    expect(report.reset).toBe(true);
    expect(appliedAtReset).toBe(1);
    const methods = h.server.requests.slice(before).map((r) => r.req.method);
    expect(methods[0]).toBe("GET");
    expect(methods.at(-1)).toBe("GET");
    expect(methods.slice(1, -1).every((m) => m === "POST")).toBe(true);
    expect(pullPaths(h).at(-1)).not.toMatch(/cursor=/);
    expect(c.log.slice(-2)).toEqual(["reset", "page"]);
    expect([...c.rows.keys()].sort()).toEqual(["runs:r1", "runs:r2"]);
  });

  it("a reset whose push cannot go through keeps the copy and the cursor", async () => {
    const h = harness();
    const c = copy();
    const client = h.open({ pull: { consumer: c.consumer }, autoRetry: false });
    await client.push([runLog(1)]);
    await client.pull();
    h.server.restore();
    await client.enqueue([runLog(2)]);
    h.net.faults = ["none", "lostRequest"];
    const report = await client.pull();
    expect(report).toMatchObject({ reset: false, stopped: { kind: "offline" } });
    expect(c.log).not.toContain("reset");
    expect(c.rows.size).toBe(1);
  });

  it("a crash between recording a reset and dropping the copy drops it on the next pull", async () => {
    const h = harness();
    const c = copy();
    await h.store.set("runstrong.outbox.pull", JSON.stringify({ cursor: null, resetting: true }));
    await h.open({ pull: { consumer: c.consumer } }).pull();
    expect(c.log[0]).toBe("reset");
  });

  it("kinds: asks for them as kinds=a,b, keeps their own cursor, and hands over only those", async () => {
    const h = harness();
    const c = copy();
    const client = h.open({ pull: { consumer: c.consumer, kinds: ["settings", "plans"] } });
    await client.push([runLog(1), { op: "settings.put", args: { units: "imperial" } }]);
    await client.pull();
    expect(pullPaths(h)[0]).toMatch(/kinds=plans,settings$/);
    expect([...c.rows.keys()]).toEqual(["settings:settings"]);
    expect(await h.store.get("runstrong.outbox.pull.plans+settings")).toMatch(/cursor/);
    // A server that ignores kinds= still hands the consumer only what it asked for.
    h.net.request = async () => ({
      status: 200,
      body: { changes: { runs: [{ id: "x" }] }, cursor: "c9", has_more: false, last_seq: 2 },
    });
    const seen: string[] = [];
    await h
      .open({
        pull: {
          consumer: { apply: (ch) => void seen.push(...Object.keys(ch)), reset() {} },
          kinds: ["plans"],
        },
      })
      .pull();
    expect(seen).toEqual([]);
  });

  it("stops when the server says has_more without moving its cursor, or pages forever", async () => {
    const h = harness();
    const c = copy();
    let n = 0;
    h.net.request = async () => ({
      status: 200,
      body: { changes: {}, cursor: `c${Math.min(n++, 1)}`, has_more: true, last_seq: 0 },
    });
    const stuck = await h.open({ pull: { consumer: c.consumer } }).pull();
    expect(stuck.stopped?.message).toMatch(/does not move/);
    h.net.request = async () => ({
      status: 200,
      body: { changes: {}, cursor: `c${n++}`, has_more: true, last_seq: 0 },
    });
    const endless = await h.open({ pull: { consumer: c.consumer, maxPages: 5 } }).pull();
    expect(endless).toMatchObject({ pages: 5, stopped: { kind: "server" } });
  });

  it("a cursor the server does not recognise starts again from scratch", async () => {
    const h = harness();
    const c = copy();
    await h.store.set(
      "runstrong.outbox.pull",
      JSON.stringify({ cursor: "nonsense", resetting: false }),
    );
    const client = h.open({ pull: { consumer: c.consumer } });
    await client.push([runLog(1)]);
    const report = await client.pull();
    expect(report.reset).toBe(true);
    expect(c.rows.size).toBe(1);
  });
});

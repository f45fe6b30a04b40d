// The client's own behaviour around the loops: retries with backoff and jitter, Retry-After,
// an immediate retry when the link is back, and the listeners a UI hangs on it.
import { describe, expect, it } from "vitest";
import type { AckEvent } from "./pushLoop.ts";
import { settle } from "./testing/fakeTime.ts";
import { harness } from "./testing/harness.ts";
import { runLog } from "./testing/mutations.ts";

describe("sync client", () => {
  it("retries a push that failed for a passing reason, with growing jittered waits", async () => {
    const h = harness();
    const randoms = [0, 1, 0.5];
    const client = h.open({ random: () => randoms.shift() ?? 0.5 });
    await client.enqueue([runLog(1)]);
    h.net.faults = ["lostRequest", "unavailable", "failAfter"];
    await client.flush();
    expect(h.time.pending()).toEqual([1_000]); // 2 s step, jitter 0: half of it
    await h.time.advance(1_000);
    expect(h.time.pending()).toEqual([4_000]); // 4 s step, jitter 1: all of it
    await h.time.advance(4_000);
    expect(h.time.pending()).toEqual([6_000]); // 8 s step, jitter 0.5
    await h.time.advance(6_000);
    expect(await client.pending()).toBe(0);
    expect(h.applied("r1")).toBe(1);
    expect(h.time.pending()).toEqual([]);
  });

  it("honours Retry-After on 429", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue([runLog(1)]);
    const real = h.net.request.bind(h.net);
    let limited = true;
    h.net.request = async (req) => {
      if (!limited) return real(req);
      limited = false;
      return {
        status: 429,
        body: { error: "rate_limited", message: "Slow down." },
        headers: { "retry-after": "30" },
      };
    };
    const report = await client.flush();
    expect(report.stopped).toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
    expect(h.time.pending()).toEqual([30_000]);
    await h.time.advance(30_000);
    expect(await client.pending()).toBe(0);
  });

  it("pushes at once when the link comes back instead of waiting out the backoff", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue([runLog(1)]);
    h.net.faults = ["lostRequest"];
    await client.flush();
    expect(h.time.pending()).toHaveLength(1);
    h.net.linkIsBack();
    await settle();
    expect(await client.pending()).toBe(0);
    expect(h.time.pending()).toEqual([]);
  });

  it("the link coming back also sends what was queued while nothing had failed yet", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue([runLog(1)]);
    h.net.linkIsBack();
    await settle();
    expect(h.applied("r1")).toBe(1);
  });

  it("does not retry by itself when signed out (401) or when closed", async () => {
    const h = harness();
    h.server.devices.set("d1", { lastSeq: 0, revoked: true });
    const client = h.open();
    const stops: string[] = [];
    client.on("stopped", (s) => stops.push(s.kind));
    await client.enqueue([runLog(1)]);
    await client.flush();
    expect(stops).toEqual(["unauthorized"]);
    expect(h.time.pending()).toEqual([]);
    h.server.devices.set("d1", { lastSeq: 0, revoked: false });
    h.net.faults = ["lostRequest"];
    await client.flush();
    client.close();
    expect(h.time.pending()).toEqual([]);
  });

  it("listeners hear every ack, each rejection and conflict, and the pending count", async () => {
    const h = harness();
    const client = h.open();
    const seen = { ack: [] as string[], rejected: [] as AckEvent[], conflict: [] as AckEvent[] };
    const pending: number[] = [];
    client.on("ack", (e) => seen.ack.push(e.status));
    client.on("rejected", (e) => seen.rejected.push(e));
    client.on("conflict", (e) => seen.conflict.push(e));
    client.on("pending", (n) => pending.push(n));
    client.on("ack", () => {
      throw new Error("a broken listener");
    });
    const plan = { name: "P", days: [] };
    await client.push([
      { op: "plan.put", args: { id: "p1", base_rev: 0, plan } },
      { op: "plan.put", args: { id: "p1", base_rev: 0, plan } },
      { op: "run.log", args: { id: "r1" } } as never,
    ]);
    expect(seen.ack).toEqual(["applied", "conflict", "rejected"]);
    expect(seen.conflict[0]).toMatchObject({ op: "plan.put", current: { rev: 1 } });
    expect(seen.rejected[0]).toMatchObject({ op: "run.log", args: { id: "r1" } });
    expect(pending[0]).toBe(3);
    expect(pending.at(-1)).toBe(0);
  });

  it("push() answers each given mutation, even when older items went first", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue([runLog(1)]);
    const result = await client.push([runLog(2), runLog(3)]);
    expect(result.queued.map((q) => q.seq)).toEqual([2, 3]);
    expect(result.acks.map((a) => [a?.seq, a?.status])).toEqual([
      [2, "applied"],
      [3, "applied"],
    ]);
  });
});

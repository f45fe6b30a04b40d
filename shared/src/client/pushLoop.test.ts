// The push loop against the fake server built on the production push rules: binding, chunking,
// 413 halving, seq_gap realignment, acks by seq, bisection of a 400, and stops that drop nothing.
import { describe, expect, it } from "vitest";
import type { MutationBody } from "./protocol.ts";
import { utf8Length } from "./pushChunks.ts";
import { harness } from "./testing/harness.ts";
import { badArgs, runLog, unknownOp } from "./testing/mutations.ts";

const runs = (from: number, n: number) => Array.from({ length: n }, (_, i) => runLog(from + i));
const pushBodies = (h: ReturnType<typeof harness>) =>
  h.server.requests
    .filter((r) => r.req.method === "POST")
    .map((r) => JSON.parse(r.req.body ?? "{}").mutations as { seq: number }[]);

describe("push loop", () => {
  it("ties a fresh outbox to the device with an empty push, then pushes and empties the queue", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 3));
    const report = await client.flush();
    expect(pushBodies(h).map((b) => b.length)).toEqual([0, 3]);
    expect(report.settled.map((e) => e.status)).toEqual(["applied", "applied", "applied"]);
    expect(report.pending).toBe(0);
    expect(h.server.devices.get("d1")?.lastSeq).toBe(3);
  });

  it("a fresh outbox on a device that already has seqs moves its numbering past them", async () => {
    const h = harness();
    h.server.devices.set("d1", { lastSeq: 41, revoked: false });
    const client = h.open();
    await client.enqueue(runs(1, 2));
    await client.flush();
    expect(h.server.consumed.map((c) => c.seq)).toEqual([42, 43]);
    expect((await client.enqueue([runLog(9)]))[0]?.seq).toBe(44);
  });

  it("cuts the queue into pushes of at most 200 mutations", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 450));
    await client.flush();
    expect(pushBodies(h).map((b) => b.length)).toEqual([0, 200, 200, 50]);
    expect(h.server.consumed).toHaveLength(450);
  });

  it("keeps every push body within the byte limit", async () => {
    const h = harness();
    const client = h.open({ maxBytes: 4_000 });
    await client.enqueue(Array.from({ length: 12 }, (_, i) => runLog(i, "é".repeat(400))));
    await client.flush();
    const sizes = h.server.requests.map((r) => utf8Length(r.req.body ?? ""));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4_000);
    expect(h.server.consumed).toHaveLength(12);
  });

  it("a mutation larger than a push may be is reported rejected locally; the rest goes through", async () => {
    const h = harness();
    const client = h.open({ maxBytes: 2_000 });
    const result = await client.push([runLog(1), runLog(2, "x".repeat(3_000)), runLog(3)]);
    expect(result.acks.map((a) => [a?.status, a?.local])).toEqual([
      ["applied", undefined],
      ["rejected", true],
      ["applied", undefined],
    ]);
    expect(result.acks[1]?.error).toMatch(/larger than one push/);
    expect(h.applied("r2")).toBe(0);
  });

  it("413 for a single mutation within the limits waits as a server fault; nothing is dropped", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 1));
    h.net.faults = ["none", "tooLarge"];
    const report = await client.flush();
    expect(report.stopped).toMatchObject({ kind: "server", status: 413 });
    expect(report.pending).toBe(1);
    expect((await client.flush()).pending).toBe(0);
  });

  it("413: halves the chunk and tries again, losing nothing", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 8));
    h.net.faults = ["none", "tooLarge", "tooLarge"];
    const report = await client.flush();
    expect(pushBodies(h).map((b) => b.length)).toEqual([0, 2, 2, 2, 2]);
    expect(report.settled).toHaveLength(8);
  });

  it("409 seq_gap (database restored): resends from expected and nothing is lost", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 3));
    await client.flush();
    h.server.restore();
    h.server.devices.set("d1", { lastSeq: 1, revoked: false });
    await client.enqueue(runs(4, 2));
    const report = await client.flush();
    expect(report.stopped).toBeUndefined();
    expect(h.server.consumed.slice(3).map((c) => [c.seq, c.args.id])).toEqual([
      [2, "r4"],
      [3, "r5"],
    ]);
  });

  it("seq_gap with an expected past items still held keeps those items and resends them", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 2));
    await client.flush();
    await client.enqueue(runs(3, 2)); // seqs 3, 4
    // A wrong `expected` (4) must not make the client forget seq 3, which was never stored.
    const real = h.net.request.bind(h.net);
    let lie = true;
    h.net.request = async (req) => {
      if (lie && req.method === "POST") {
        lie = false;
        return { status: 409, body: { error: "seq_gap", message: "gap", expected: 4 } };
      }
      return real(req);
    };
    await client.flush();
    expect(h.applied("r3")).toBe(1);
    expect(h.applied("r4")).toBe(1);
    expect(await client.pending()).toBe(0);
  });

  it("acks apply by seq: a rejected ack and a conflict are reported, the rest applied", async () => {
    const h = harness();
    const client = h.open();
    const plan = { name: "P", days: [] };
    const bodies = [
      { op: "plan.put", args: { id: "p1", base_rev: 0, plan } },
      badArgs(1),
      { op: "plan.put", args: { id: "p1", base_rev: 0, plan } },
      runLog(1),
    ] as MutationBody[];
    const result = await client.push(bodies);
    expect(result.acks.map((a) => a?.status)).toEqual([
      "applied",
      "rejected",
      "conflict",
      "applied",
    ]);
    expect(result.acks[1]?.error).toMatch(/kind|date/);
    expect(result.acks[2]?.current).toMatchObject({ id: "p1", rev: 1 });
    expect(await client.pending()).toBe(0);
    expect((await client.problems()).map((p) => p.status)).toEqual(["rejected", "conflict"]);
  });

  it("a 400 for the whole push: bisection finds the one bad mutation, reports it, keeps the rest", async () => {
    const h = harness();
    const client = h.open();
    const bodies = [...runs(1, 5), unknownOp(1), ...runs(6, 4)];
    const result = await client.push(bodies);
    const rejected = result.acks.filter((a) => a?.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ op: "set.teleport", local: true });
    expect(rejected[0]?.error).toMatch(/malformed/);
    for (let n = 1; n <= 9; n++) expect(h.applied(`r${n}`)).toBe(1);
    // The bad one's seq (6) was used up by the stand-in, so no seq ever named two mutations.
    expect(h.server.consumed.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.server.consumed[5]).toMatchObject({ op: "set.delete", args: {} });
    expect(await client.pending()).toBe(0);
  });

  it("a 400 the server gives even to an empty push blames no mutation", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 1));
    await client.flush();
    await client.enqueue(runs(2, 1));
    h.net.request = async () => ({
      status: 400,
      body: { error: "invalid_body", message: "schema 1 is no longer spoken" },
    });
    const report = await client.flush();
    expect(report.settled).toEqual([]);
    expect(report.stopped).toMatchObject({ kind: "refused", status: 400 });
    expect(await client.pending()).toBe(1);
  });

  it("offline, 5xx, 401: the flush stops with the reason and drops nothing", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 2));
    h.net.faults = ["lostRequest"];
    expect((await client.flush()).stopped?.kind).toBe("offline");
    h.net.faults = ["none", "unavailable"];
    expect((await client.flush()).stopped).toMatchObject({ kind: "server", status: 503 });
    h.server.devices.set("d1", { lastSeq: 0, revoked: true });
    expect((await client.flush()).stopped?.kind).toBe("unauthorized");
    expect(await client.pending()).toBe(2);
  });

  it("a 200 that acknowledges nothing we sent is a server fault, not a reason to drop", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 2));
    await client.flush();
    await client.enqueue(runs(3, 1));
    h.net.request = async () => ({ status: 200, body: { acks: [], last_seq: 9, cursor: "c" } });
    const report = await client.flush();
    expect(report.stopped?.kind).toBe("server");
    expect(report.pending).toBe(1);
  });

  it("a lost answer is resent and acknowledged duplicate: applied once", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue(runs(1, 3));
    h.net.faults = ["none", "lostResponse"];
    await client.flush();
    const report = await client.flush();
    expect(report.settled.map((e) => e.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    for (let n = 1; n <= 3; n++) expect(h.applied(`r${n}`)).toBe(1);
  });
});

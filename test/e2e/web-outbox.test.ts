// The web view's outbox (worker/src/web/client/lib/outbox.ts) against a fake push endpoint
// that follows sync protocol v1's seq rules: contiguous seqs, duplicates acknowledged without
// effect, seq_gap with `expected`. No browser: localStorage, document and fetch are stubbed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../worker/src/web/client/lib/outbox.ts";

type Mutation = { seq: number; op: string; args: { id: string } };

class FakeServer {
  lastSeq = 0;
  applied: string[] = [];
  /** Apply the next push but fail its answer, as a dropped connection would. */
  loseNextAnswer = false;
  offline = false;

  handle = async (_url: string, init: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError("Failed to fetch");
    const body = JSON.parse(String(init.body)) as { mutations: Mutation[] };
    const fresh = body.mutations.filter((m) => m.seq > this.lastSeq);
    if (fresh[0] && fresh[0].seq > this.lastSeq + 1) {
      return Response.json(
        { error: "seq_gap", message: "gap", expected: this.lastSeq + 1 },
        { status: 409 },
      );
    }
    const acks = body.mutations.map((m) => {
      if (m.seq <= this.lastSeq) return { seq: m.seq, status: "duplicate" };
      this.lastSeq = m.seq;
      this.applied.push(m.args.id);
      return { seq: m.seq, status: "applied" };
    });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError("Failed to fetch");
    }
    return Response.json({ acks, last_seq: this.lastSeq, cursor: "c" });
  };
}

const op = (id: string) => ({ op: "set.delete", args: { id } });
let server: FakeServer;

beforeEach(() => {
  const store = new Map<string, string>();
  server = new FakeServer();
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
  vi.stubGlobal("document", new EventTarget());
  vi.stubGlobal("navigator", {});
  vi.stubGlobal("fetch", server.handle);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("web outbox", () => {
  it("numbers mutations contiguously and empties once acknowledged", async () => {
    const box = new Outbox("u1");
    expect(box.enqueue([op("a"), op("b")])).toEqual([1, 2]);
    expect(box.enqueue([op("c")])).toEqual([3]);
    const result = await box.flush();
    expect([...result.acks.values()].map((a) => a.status)).toEqual([
      "applied",
      "applied",
      "applied",
    ]);
    expect(box.pending()).toBe(0);
    expect(server.applied).toEqual(["a", "b", "c"]);
    expect(box.enqueue([op("d")])).toEqual([4]);
  });

  it("keeps its queue offline and applies nothing twice when an answer is lost", async () => {
    const box = new Outbox("u1");
    server.offline = true;
    box.enqueue([op("a"), op("b")]);
    const offline = await box.flush();
    expect(offline.stopped?.status).toBe(0);
    expect(box.pending()).toBe(2);

    server.offline = false;
    server.loseNextAnswer = true;
    await box.flush();
    expect(server.applied).toEqual(["a", "b"]);
    expect(box.pending()).toBe(2);

    const retry = await box.flush();
    expect([...retry.acks.values()].map((a) => a.status)).toEqual(["duplicate", "duplicate"]);
    expect(box.pending()).toBe(0);
    expect(server.applied).toEqual(["a", "b"]);
  });

  it("renumbers its queue on seq_gap: a new sign-in is a new device that starts at 1", async () => {
    const box = new Outbox("u1");
    box.reconcile("old-device", 40);
    expect(box.enqueue([op("a")])).toEqual([41]);
    const result = await box.flush();
    expect(result.stopped).toBeUndefined();
    expect(server.applied).toEqual(["a"]);
    expect(server.lastSeq).toBe(1);
    expect(box.enqueue([op("b")])).toEqual([2]);
  });

  it("never reuses a seq the server already has, even with a wiped or stale copy", async () => {
    server.lastSeq = 10;
    const box = new Outbox("u1");
    box.reconcile("dev-1", 10);
    expect(box.enqueue([op("a")])).toEqual([11]);
    // Another sign-in's device: queued items move above that device's last seq.
    box.reconcile("dev-2", 3);
    server.lastSeq = 3;
    await box.flush();
    expect(server.applied).toEqual(["a"]);
    expect(server.lastSeq).toBe(4);
  });

  it("keeps one queue per user", () => {
    new Outbox("u1").enqueue([op("a")]);
    expect(new Outbox("u2").pending()).toBe(0);
    expect(new Outbox("u1").pending()).toBe(1);
  });
});

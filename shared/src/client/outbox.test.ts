// The outbox: stored before anything is sent, contiguous seqs, survives restarts and readers
// that cannot parse it, and several instances over one store never lose an item.
import { describe, expect, it } from "vitest";
import { MemoryKeyValueStore } from "./memoryStore.ts";
import { Outbox } from "./outbox.ts";
import { createLocalLock } from "./ports.ts";
import { runLog } from "./testing/mutations.ts";

const clock = { now: () => 1_000 };
const make = (store = new MemoryKeyValueStore(), lock = createLocalLock()) =>
  new Outbox({ store, lock, clock, key: "box" });

describe("outbox", () => {
  it("gives contiguous seqs from 1 and stores the items before enqueue resolves", async () => {
    const store = new MemoryKeyValueStore();
    const box = make(store);
    const a = await box.enqueue([runLog(1), runLog(2)]);
    const b = await box.enqueue([runLog(3)]);
    expect([...a, ...b].map((q) => q.seq)).toEqual([1, 2, 3]);
    const stored = JSON.parse(store.data.get("box") ?? "null");
    expect(stored.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3]);
  });

  it("survives a restart: a new instance over the same store has the queue and goes on numbering", async () => {
    const store = new MemoryKeyValueStore();
    await make(store).enqueue([runLog(1), runLog(2)]);
    const again = make(store);
    expect(await again.pending()).toBe(2);
    expect((await again.enqueue([runLog(3)]))[0]?.seq).toBe(3);
  });

  it("a failed store write queues nothing and says so", async () => {
    const store = new MemoryKeyValueStore();
    const box = make(store);
    store.failWrites = true;
    await expect(box.enqueue([runLog(1)])).rejects.toThrow(/storage/);
    store.failWrites = false;
    expect(await box.pending()).toBe(0);
  });

  it("keeps unreadable data aside and starts a fresh, unbound outbox", async () => {
    const store = new MemoryKeyValueStore();
    store.data.set("box", "{not json");
    const box = make(store);
    expect(await box.pending()).toBe(0);
    expect(store.data.get("box.unreadable")).toBe("{not json");
    expect((await box.read()).bound).toBe(false);
  });

  it("refuses at enqueue what could never be sent", async () => {
    const box = make();
    await expect(box.enqueue([{ op: "run.log", args: [] } as never])).rejects.toThrow(/object/);
    await expect(box.enqueue([{ op: "", args: {} } as never])).rejects.toThrow(/op/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(box.enqueue([{ op: "run.log", args: cyclic } as never])).rejects.toThrow();
    expect(await box.pending()).toBe(0);
  });

  it("two instances sharing the store and lock never lose each other's items", async () => {
    const store = new MemoryKeyValueStore();
    const lock = createLocalLock();
    const [a, b] = [make(store, lock), make(store, lock)];
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).enqueue([runLog(i)])),
    );
    expect(
      all
        .flat()
        .map((q) => q.seq)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await a.pending()).toBe(20);
  });

  it("stores a mark in the same write as the items it came with", async () => {
    const box = make();
    await box.enqueue([runLog(1)], "journal-7");
    expect(await box.mark()).toBe("journal-7");
  });

  it("reconcile: another device, or a last_seq past what this outbox gave out, unbinds the numbering", async () => {
    const box = make();
    await box.update((s) => ({ state: { ...s, bound: true, deviceId: "d1" }, result: 0 }));
    await box.enqueue([runLog(1)]);
    await box.reconcile("d1", 1);
    expect((await box.read()).bound).toBe(true);
    await box.reconcile("d1", 2);
    expect((await box.read()).bound).toBe(false);
    await box.update((s) => ({ state: { ...s, bound: true }, result: 0 }));
    await box.reconcile("d2", 0);
    expect(await box.read()).toMatchObject({ bound: false, deviceId: "d2" });
  });
});

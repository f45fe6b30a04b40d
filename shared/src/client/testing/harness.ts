// One fake world for a test: server, store, time, a faulty link, and a way to (re)open clients.
import { MemoryKeyValueStore } from "../memoryStore.ts";
import { createLocalLock } from "../ports.ts";
import { SyncClient, type SyncClientOptions } from "../syncClient.ts";
import { FakeSyncServer } from "./fakeSyncServer.ts";
import { FakeTime } from "./fakeTime.ts";
import { FaultyTransport } from "./faultyTransport.ts";

export function harness(device = "d1") {
  const server = new FakeSyncServer();
  const store = new MemoryKeyValueStore();
  const time = new FakeTime();
  const net = new FaultyTransport(server.transport(device));
  const lock = createLocalLock();
  /** A new client instance over the same store: what a reload or a restart gives. */
  const open = (extra: Partial<SyncClientOptions> = {}) =>
    new SyncClient({
      store,
      transport: net,
      scheduler: time,
      clock: time,
      random: () => 0.5,
      lock,
      ...extra,
    });
  /** How many times the server consumed the mutation with this entity id. */
  const applied = (id: string) => server.consumed.filter((c) => c.args.id === id).length;
  return { server, store, time, net, lock, open, applied };
}

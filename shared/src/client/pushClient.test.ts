/// <reference types="node" />
// The push client on its own: push() reports acks whichever flush brought them, "" names no
// device, and a bundle that only pushes leaves the pull loop out.
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { PushClient } from "./pushClient.ts";
import { settle } from "./testing/fakeTime.ts";
import { harness } from "./testing/harness.ts";
import { runLog } from "./testing/mutations.ts";

const clientDir = path.dirname(new URL(import.meta.url).pathname);

describe("push client", () => {
  it("push() reports the acks of a flush that was already running and sent its mutations", async () => {
    const h = harness();
    const client = h.open();
    await client.enqueue([runLog(1)]);
    // The first request waits until the test lets it go: a background flush in flight.
    const real = h.net.request.bind(h.net);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    h.net.request = async (req) => {
      if (++calls === 1) await gate;
      return real(req);
    };
    const background = client.flush();
    await settle();
    const pushing = client.push([runLog(2)]);
    await settle();
    release();
    const [early, result] = await Promise.all([background, pushing]);
    // The running flush found r2 in the outbox and settled it; push()'s own flush sent nothing.
    expect(early.settled.map((e) => e.args.id)).toEqual(["r1", "r2"]);
    expect(result.acks.map((a) => a?.status)).toEqual(["applied"]);
    expect(h.applied("r2")).toBe(1);
  });

  it('reconcile("") means no device is known yet, not a device named ""', async () => {
    const h = harness();
    const client = h.open();
    await client.push([runLog(1)]);
    const bound = await client.outbox.read();
    expect(bound).toMatchObject({ bound: true, deviceId: "d1" });
    await client.reconcile("", 1);
    expect(await client.outbox.read()).toMatchObject({ bound: true, deviceId: "d1" });
    // A device that really is another one still unbinds the numbering.
    await client.reconcile("d2", 1);
    expect(await client.outbox.read()).toMatchObject({ bound: false, deviceId: "d2" });
  });

  it("a client made as PushClient pushes and retries like SyncClient", async () => {
    const h = harness();
    const client = new PushClient({
      store: h.store,
      transport: h.net,
      scheduler: h.time,
      clock: h.time,
      random: () => 0,
    });
    h.net.faults = ["lostRequest"];
    const first = await client.push([runLog(1)]);
    expect(first.stopped?.kind).toBe("offline");
    expect(h.time.pending()).toEqual([1_000]);
    await h.time.advance(1_000);
    expect(await client.pending()).toBe(0);
    expect(h.applied("r1")).toBe(1);
  });

  it("a background retry whose storage throws ends as a storage stop and tries again, not as an unhandled rejection", async () => {
    const h = harness();
    const client = h.open();
    h.net.faults = ["lostRequest"];
    await client.push([runLog(1)]);
    expect(h.time.pending()).toHaveLength(1);
    const stops: string[] = [];
    client.on("stopped", (s) => stops.push(`${s.kind}: ${s.message}`));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const realGet = h.store.get.bind(h.store);
    h.store.get = async () => {
      throw new Error("storage is locked");
    };
    try {
      await h.time.advance(h.time.pending()[0] as number);
      await settle();
      expect(unhandled).toEqual([]);
      expect(stops).toEqual(["storage: Saving the outbox failed: storage is locked"]);
      // A storage stop is passing: the next try is scheduled, and it gets through.
      expect(h.time.pending()).toHaveLength(1);
      h.store.get = realGet;
      await h.time.advance(h.time.pending()[0] as number);
      expect(await client.pending()).toBe(0);
      expect(h.applied("r1")).toBe(1);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a bundle that uses only the push client does not carry the pull loop", async () => {
    const result = await build({
      stdin: {
        contents:
          'import { PushClient } from "./index.ts"; export const make = (o) => new PushClient(o);',
        resolveDir: clientDir,
        loader: "ts",
      },
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      minify: true,
      metafile: true,
      logLevel: "silent",
    });
    // What reached the output (inputs only parsed and then shaken off count 0 bytes).
    const output = Object.values(result.metafile.outputs)[0];
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, use]) => use.bytesInOutput > 0)
      .map(([file]) => path.basename(file));
    expect(inputs).toContain("pushLoop.ts");
    expect(inputs).not.toContain("pullLoop.ts");
    expect(inputs).not.toContain("syncClient.ts");
  });
});

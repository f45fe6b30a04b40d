// The client's promise, as properties against the fake server on the production push rules:
// whatever the faults and restarts, once they stop every valid mutation is applied exactly once
// and none is reported rejected; and bisection singles out exactly the mutations a server refuses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SyncTransport } from "./ports.ts";
import type { MutationBody } from "./protocol.ts";
import type { AckEvent } from "./pushLoop.ts";
import type { SyncClient } from "./syncClient.ts";
import { settle } from "./testing/fakeTime.ts";
import { FAULTS, type Fault } from "./testing/faultyTransport.ts";
import { harness } from "./testing/harness.ts";
import { badArgs, idOf, runLog, unknownOp } from "./testing/mutations.ts";

type Kind = "valid" | "badArgs" | "unknownOp";
const kindArb = fc.constantFrom<Kind>(
  "valid",
  "valid",
  "valid",
  "valid",
  "valid",
  "badArgs",
  "unknownOp",
);

const stepArb = fc.oneof(
  fc.record({
    t: fc.constant("enqueue" as const),
    kinds: fc.array(kindArb, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ t: fc.constant("flush" as const) }),
  fc.record({
    t: fc.constant("faults" as const),
    faults: fc.array(fc.constantFrom(...FAULTS), { maxLength: 4 }),
  }),
  fc.record({ t: fc.constant("restart" as const) }),
  fc.record({ t: fc.constant("crash" as const), after: fc.nat(40) }),
);

function make(kind: Kind, n: number): MutationBody {
  if (kind === "badArgs") return badArgs(n);
  if (kind === "unknownOp") return unknownOp(n);
  return runLog(n);
}

describe("sync client properties", () => {
  it("property: any faults and restarts, then a clean flush: every valid mutation applied exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 50 }),
        async (steps, maxMutations) => {
          const h = harness();
          const made = new Map<string, Kind>();
          const rejected: AckEvent[] = [];
          let n = 0;
          let life = { alive: true };
          // Each instance reaches the network through its own life: a crash cuts it off mid-flight.
          const open = () => {
            const mine = life;
            const transport: SyncTransport = {
              request: async (req) => {
                if (!mine.alive) throw new Error("the process died");
                const res = await h.net.request(req);
                if (!mine.alive) throw new Error("the process died");
                return res;
              },
            };
            const client = h.open({ transport, autoRetry: false, maxMutations });
            client.on("rejected", (e) => rejected.push(e));
            return client;
          };
          let client: SyncClient = open();
          for (const step of steps) {
            if (step.t === "enqueue") {
              const bodies = step.kinds.map((k) => {
                const body = make(k, ++n);
                made.set(idOf(body), k);
                return body;
              });
              await client.enqueue(bodies);
            } else if (step.t === "flush") {
              await client.flush();
            } else if (step.t === "faults") {
              h.net.faults.push(...(step.faults as Fault[]));
            } else if (step.t === "restart") {
              client.close();
              client = open();
            } else {
              const running = client.flush();
              await settle(step.after);
              life.alive = false;
              await running;
              client.close();
              life = { alive: true };
              client = open();
            }
          }
          h.net.faults = [];
          await h.net.flushReplays();
          const final = await client.flush();
          expect(final.stopped).toBeUndefined();
          expect(final.pending).toBe(0);
          for (const [id, kind] of made) {
            if (kind === "valid") expect(h.applied(id), id).toBe(1);
            if (kind === "unknownOp") expect(h.applied(id), id).toBe(0);
          }
          expect(rejected.filter((e) => made.get(idOf(e)) === "valid")).toEqual([]);
          // No seq was ever consumed twice or skipped.
          const seqs = h.server.consumed.map((c) => c.seq);
          expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: bisection reports exactly the mutations the server cannot read, and applies the rest", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(kindArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 64 }),
        async (kinds, maxMutations) => {
          const h = harness();
          const client = h.open({ autoRetry: false, maxMutations });
          const bodies = kinds.map((k, i) => make(k, i + 1));
          const result = await client.push(bodies);
          expect(result.stopped).toBeUndefined();
          const local = result.acks.filter((a) => a?.local).map((a) => idOf(a as AckEvent));
          const unreadable = bodies.filter((_, i) => kinds[i] === "unknownOp").map(idOf);
          expect(local).toEqual(unreadable);
          kinds.forEach((k, i) => {
            const ack = result.acks[i];
            if (k === "valid") expect(ack?.status).toBe("applied");
            if (k === "badArgs") expect(ack).toMatchObject({ status: "rejected" });
            if (k === "badArgs") expect(ack?.local).toBeUndefined();
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

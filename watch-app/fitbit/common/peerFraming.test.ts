// Frames on the peerSocket and the core's message budget derived from MAX_MESSAGE_SIZE.

import { utf8Length as utf8ByteLength } from "@runstrong/shared/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SequencedMutation } from "../../core/link/mutationBatch.ts";
import { encodePhoneReplyWithin, type PhoneReply } from "../../core/link/watchLink.ts";
import { FakeClock, seededRandom } from "../../core/testSupport/fakes.ts";
import { MemoryLocalStore } from "../../core/testSupport/memoryStore.ts";
import { StubPhone, takesAll } from "../../core/testSupport/stubPhone.ts";
import { WatchSync } from "../../core/watch/watchSync.ts";
import {
  coreMessageBudget,
  FALLBACK_MAX_MESSAGE_SIZE,
  FRAME_OVERHEAD_BYTES,
  type Frame,
  isFrame,
  maxMessageSizeOf,
  Reassembler,
  sliceText,
  toFrames,
} from "./peerFraming.ts";

/** Size of a value in CBOR (RFC 8949) as peerSocket.send encodes it: ints, strings, maps. */
function cborSize(value: unknown): number {
  const head = (n: number) =>
    n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9;
  if (typeof value === "number") return head(Math.abs(value));
  if (typeof value === "string") {
    const bytes = utf8ByteLength(value);
    return head(bytes) + bytes;
  }
  const entries = Object.entries(value as object);
  return head(entries.length) + entries.reduce((n, [k, v]) => n + cborSize(k) + cborSize(v), 0);
}

const text = fc.string({ unit: "binary", maxLength: 3000 });

describe("sliceText", () => {
  it("keeps every slice within the budget, loses nothing and never splits a surrogate pair", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 600 }), (s, budget) => {
        const slices = sliceText(s, budget);
        expect(slices.join("")).toBe(s);
        for (const slice of slices) expect(utf8ByteLength(slice)).toBeLessThanOrEqual(budget);
        for (let k = 1; k < slices.length; k++) {
          const before = (slices[k - 1] as string).charCodeAt((slices[k - 1] as string).length - 1);
          const after = (slices[k] as string).charCodeAt(0);
          const splitPair =
            before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
          expect(splitPair).toBe(false);
        }
      }),
    );
  });

  it("cuts at the byte budget, counting multi-byte characters", () => {
    expect(sliceText("abcdef", 4)).toEqual(["abcd", "ef"]);
    expect(sliceText("ééé", 4)).toEqual(["éé", "é"]);
    expect(sliceText("a😀b", 4)).toEqual(["a", "😀", "b"]);
    expect(sliceText("", 4)).toEqual([""]);
    expect(() => sliceText("abc", 3)).toThrow(RangeError);
    expect(() => sliceText("abc", Number.NaN)).toThrow(RangeError);
  });
});

describe("frames", () => {
  it("fit MAX_MESSAGE_SIZE once CBOR-encoded, and come back whole in any order", () => {
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 200, max: 2000 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.boolean(),
        fc.func(fc.integer()),
        (s, max, id, reply, shuffleKey) => {
          const frames = toFrames(id, s, max, reply);
          for (const f of frames) {
            expect(cborSize(f)).toBeLessThanOrEqual(max);
            expect(isFrame(f)).toBe(true);
          }
          const shuffled = [...frames].sort(
            (a, b) => shuffleKey(a.n) - shuffleKey(b.n) || a.n - b.n,
          );
          const r = new Reassembler();
          const results = shuffled.map((f) => r.push(f));
          expect(results.slice(0, -1).every((x) => x === null)).toBe(true);
          expect(results[results.length - 1]).toBe(s);
        },
      ),
    );
  });

  it("keeps the frame overhead above what CBOR needs for the largest header", () => {
    const worst: Frame = { i: 2 ** 32 - 1, n: 65_534, c: 65_535, d: "", r: 1 };
    // A string of up to 65535 bytes has a 3-byte length header; the empty one here has 1.
    expect(cborSize(worst) + 2).toBeLessThanOrEqual(FRAME_OVERHEAD_BYTES);
  });

  it("reassembles interleaved messages, ignores a repeated frame, and starts over on a new count", () => {
    const r = new Reassembler();
    const a = toFrames(1, "a".repeat(300), 200, false);
    const b = toFrames(2, "b".repeat(300), 200, false);
    expect(r.push(a[0] as Frame)).toBeNull();
    expect(r.push(b[0] as Frame)).toBeNull();
    expect(r.push(a[0] as Frame)).toBeNull();
    expect(r.push(b[1] as Frame)).toBe("b".repeat(300));
    expect(r.push(a[1] as Frame)).toBe("a".repeat(300));
    // Same id, other count: a restarted sender; the stale part is dropped.
    const stale = toFrames(7, "x".repeat(600), 200, true);
    const fresh = toFrames(7, "y".repeat(300), 200, true);
    expect(r.push(stale[0] as Frame)).toBeNull();
    expect(r.push(fresh[0] as Frame)).toBeNull();
    expect(r.push(fresh[1] as Frame)).toBe("y".repeat(300));
    // Requests and replies with the same id are different messages.
    expect(r.push({ i: 3, n: 0, c: 1, d: "q" })).toBe("q");
    expect(r.push({ i: 3, n: 0, c: 1, d: "r", r: 1 })).toBe("r");
  });

  it("forgets the oldest unfinished messages beyond eight", () => {
    const r = new Reassembler();
    for (let id = 0; id < 9; id++) r.push({ i: id, n: 0, c: 2, d: `${id}` });
    expect(r.push({ i: 0, n: 1, c: 2, d: "!" })).toBeNull(); // message 0 was dropped
    expect(r.push({ i: 8, n: 1, c: 2, d: "!" })).toBe("8!");
  });

  it("rejects what is not a frame", () => {
    for (const bad of [
      null,
      "x",
      {},
      { i: 1, n: 1, c: 1, d: "" },
      { i: 1, n: 0.5, c: 2, d: "" },
      { i: 1, n: 0, c: 1 },
    ]) {
      expect(isFrame(bad)).toBe(false);
    }
  });
});

describe("the core's message budget", () => {
  it("leaves room for the frame in the reported MAX_MESSAGE_SIZE, with a fallback", () => {
    expect(coreMessageBudget(1024)).toBe(1024 - FRAME_OVERHEAD_BYTES);
    expect(maxMessageSizeOf(1027.9)).toBe(1027);
    for (const odd of [undefined, null, "1024", Number.NaN, Infinity, 0, 50]) {
      expect(maxMessageSizeOf(odd)).toBe(FALLBACK_MAX_MESSAGE_SIZE);
    }
  });

  const mutation = (seq: number): SequencedMutation => ({
    seq,
    mutation: {
      op: "set.log",
      args: {
        id: `01J${String(seq).padStart(23, "0")}`,
        session_id: "01JSESSION00000000000000000",
        exercise_id: "eccentric-calf-raise",
        set_index: seq,
        side: "left",
        reps: 15,
        started_at: "2025-01-06T07:00:00.000Z",
        ended_at: "2025-01-06T07:01:00.000Z",
      },
    } as SequencedMutation["mutation"],
  });

  it("sends a queue of many sets in pushes of one frame each", async () => {
    for (const max of [512, 1024, 4096]) {
      const messages: string[] = [];
      const phone = new StubPhone();
      phone.answer = (req) => takesAll(req);
      const sync = new WatchSync({
        link: {
          request: (m) => {
            messages.push(m);
            return phone.request(m);
          },
        },
        store: new MemoryLocalStore(),
        clock: new FakeClock(),
        random: seededRandom(),
        maxMessageBytes: coreMessageBudget(max),
      });
      await sync.queue.enqueue(Array.from({ length: 40 }, (_, i) => mutation(i + 1).mutation));
      await sync.pushAll();
      expect(sync.queue.waiting().items).toBe(0);
      for (const message of messages) expect(toFrames(1, message, max, false)).toHaveLength(1);
    }
  });

  it("makes today's plan one frame, shortening cues and names as the core does", () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      exercise_id: `exercise-${i}`,
      name: `A fairly long exercise name ${i}`,
      mode: "reps" as const,
      per_side: i % 2 === 0,
      sets: 3,
      rest_s: 60,
      target_reps: 10,
    }));
    const reply: PhoneReply = {
      type: "today",
      stale: false,
      today: {
        weekday: 1,
        planId: "01JPLAN0000000000000000000",
        planName: "Marathon base",
        title: "Lower body",
        items,
        cues: Object.fromEntries(
          items.map((i) => [i.exercise_id, "Keep the knee over the toes ".repeat(4)]),
        ),
      },
    };
    const budget = coreMessageBudget(1024);
    const message = encodePhoneReplyWithin(reply, budget);
    expect(utf8ByteLength(message)).toBeLessThanOrEqual(budget);
    expect(message).toContain('"today"');
    expect(toFrames(1, message, 1024, true)).toHaveLength(1);
  });
});

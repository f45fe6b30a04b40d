// The watch link protocol: every message round-trips exactly, stays within its byte budget,
// and a logged set costs a few dozen bytes.
import {
  dispatch,
  type EngineEventType,
  type EngineItem,
  startSession,
} from "@runstrong/shared/engine";
import type { MutationBody } from "@runstrong/shared/schemas";
import { newUlid } from "@runstrong/shared/sessionDriver";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entityIdArb, sequencedArb } from "../testSupport/mutationArbitraries.ts";
import { report } from "../testSupport/report.ts";
import { encodeBatch, type SequencedMutation, withWholeSecondTimes } from "./mutationBatch.ts";
import type { TodayPlan } from "./todayPlan.ts";
import {
  decodePhoneReply,
  decodeWatchRequest,
  encodePhoneReply,
  encodePhoneReplyWithin,
  encodeWatchRequest,
  messageBytes,
  type PhoneReply,
  type ReceivedWatchRequest,
  WatchLinkError,
  type WatchRequest,
} from "./watchLink.ts";

const streamArb = fc.stringMatching(/^[0-9a-z-]{1,36}$/);
const refusedArb = fc
  .record({
    seq: fc.integer({ min: 1, max: 1_000_000 }),
    op: fc.constantFrom("set.log", "session.finish", "set.teleport"),
    entityId: fc.option(fc.stringMatching(/^[0-9a-z-]{1,20}$/), { nil: null }),
    status: fc.constantFrom("rejected" as const, "conflict" as const),
    error: fc.string({ minLength: 1, maxLength: 40 }),
  })
  .map((r) => ({ ...r }));

/** What the watch sends for a request the phone should read back as `req`. */
const sent = (req: ReceivedWatchRequest): WatchRequest =>
  req.type === "hand_off"
    ? { type: "hand_off", stream: req.stream, batch: encodeBatch(req.items) }
    : req;

const requestArb: fc.Arbitrary<ReceivedWatchRequest> = fc.oneof(
  fc
    .record({ stream: streamArb, items: sequencedArb(40) })
    .map((r): ReceivedWatchRequest => ({ type: "hand_off", ...r })),
  fc.constant<ReceivedWatchRequest>({ type: "status" }),
  fc.constant<ReceivedWatchRequest>({ type: "pair_poll" }),
  fc.string({ maxLength: 60 }).map((name): ReceivedWatchRequest => ({ type: "pair_start", name })),
  fc
    .integer({ min: 1, max: 7 })
    .map((weekday): ReceivedWatchRequest => ({ type: "get_today", weekday })),
  fc
    .record(
      {
        weekday: fc.integer({ min: 1, max: 7 }),
        date: fc.constant("2025-01-06"),
        sync: fc.constant(true as const),
      },
      { requiredKeys: ["weekday", "date"] },
    )
    .map((r): ReceivedWatchRequest => ({ type: "get_today", ...r })),
);

const engineItemArb: fc.Arbitrary<EngineItem> = fc
  .record({
    exercise_id: fc.constantFrom("squat", "plank", "side-plank", "calf-raise"),
    name: fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }),
    mode: fc.constantFrom("reps" as const, "hold" as const, "amrap" as const),
    per_side: fc.boolean(),
    sets: fc.integer({ min: 1, max: 20 }),
    rest_s: fc.integer({ min: 0, max: 900 }),
    target_reps: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    target_hold_s: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }),
    weight_kg: fc.option(
      fc.integer({ min: 0, max: 50_000 }).map((n) => n / 100),
      { nil: undefined },
    ),
  })
  .map(
    (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as EngineItem,
  );

const todayArb: fc.Arbitrary<TodayPlan> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    planId: fc.option(entityIdArb, { nil: null }),
    planName: fc.option(fc.string({ maxLength: 60 }), { nil: null }),
    title: fc.option(fc.string({ maxLength: 60 }), { nil: null }),
    items: fc.array(engineItemArb, { maxLength: 8 }),
    date: fc.option(fc.constantFrom("2025-01-06", "2025-12-31"), { nil: undefined }),
    why: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    deload: fc.option(fc.constant(true), { nil: undefined }),
    taper: fc.option(fc.constant(true), { nil: undefined }),
    adjusted: fc.option(fc.constant(true), { nil: undefined }),
    planAt: fc.option(fc.constant("runstrong.example/plan"), { nil: undefined }),
    maxHr: fc.option(fc.integer({ min: 100, max: 230 }), { nil: undefined }),
    restHrReady: fc.option(fc.integer({ min: 60, max: 180 }), { nil: undefined }),
    cueText: fc.dictionary(
      fc.constantFrom("squat", "plank", "side-plank", "calf-raise"),
      fc.string({ maxLength: 100, unit: "grapheme" }),
      { noNullPrototype: true },
    ),
  })
  .map(({ cueText, ...t }) => {
    // Cues exist only for exercises of the day (the phone sends no others).
    const ids = new Set(t.items.map((i) => i.exercise_id));
    const cues = Object.fromEntries(Object.entries(cueText).filter(([id]) => ids.has(id)));
    // Optional fields are absent rather than undefined, as decoding gives them.
    const present = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
    return { ...(present as Omit<TodayPlan, "cues">), cues };
  });

/** A record without its undefined fields, as a decoded message has them. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const replyArb: fc.Arbitrary<PhoneReply> = fc.oneof(
  fc
    .record({
      upTo: fc.nat({ max: 1_000_000 }),
      waitingItems: fc.nat({ max: 1000 }),
      waitingSets: fc.nat({ max: 1000 }),
      refused: fc.array(refusedArb, { maxLength: 10 }),
      why: fc.option(fc.constantFrom("offline" as const, "server" as const, "unpaired" as const), {
        nil: undefined,
      }),
    })
    .map((r): PhoneReply => defined({ type: "taken", ...r })),
  fc
    .record({ paired: fc.boolean(), lastSyncAgoS: fc.option(fc.nat(), { nil: null }) })
    .map((r): PhoneReply => ({ type: "status", ...r })),
  fc
    .record(
      {
        state: fc.constantFrom(
          "idle" as const,
          "pending" as const,
          "paired" as const,
          "denied" as const,
          "expired" as const,
        ),
        userCode: fc.constant("ACDE-FGHJ"),
        expiresInS: fc.nat({ max: 600 }),
        verificationUri: fc.constant("http://127.0.0.1:8787/pair"),
      },
      { requiredKeys: ["state"] },
    )
    .map((r): PhoneReply => ({ type: "pairing", ...r })),
  fc
    .record(
      { today: todayArb, stale: fc.boolean(), rev: fc.nat({ max: 2 ** 32 - 1 }) },
      { requiredKeys: ["today", "stale"] },
    )
    .map((r): PhoneReply => ({ type: "today", ...r })),
  fc
    .record(
      {
        code: fc.constantFrom(
          "offline" as const,
          "server" as const,
          "rate_limited" as const,
          "unpaired" as const,
          "bad_request" as const,
          "version" as const,
          "too_large" as const,
        ),
        message: fc.string({ maxLength: 80 }),
        retryAfterS: fc.nat({ max: 3600 }),
      },
      { requiredKeys: ["code"] },
    )
    .map((r): PhoneReply => ({ type: "error", ...r })),
);

describe("watch link codec", () => {
  it("decodes every watch request to exactly what was encoded", () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        expect(decodeWatchRequest(encodeWatchRequest(sent(req)))).toStrictEqual(req);
      }),
      { numRuns: 400 },
    );
  });

  it("decodes every phone reply to exactly what was encoded", () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        expect(decodePhoneReply(encodePhoneReply(reply))).toStrictEqual(reply);
      }),
      { numRuns: 400 },
    );
  });

  it("starts every message with the protocol version and refuses another version", () => {
    expect(JSON.parse(encodeWatchRequest({ type: "status" }))[0]).toBe(1);
    expect(() => decodeWatchRequest('[2,"status"]')).toThrow(WatchLinkError);
    try {
      decodePhoneReply('[2,"status",1]');
    } catch (e) {
      expect((e as WatchLinkError).code).toBe("version");
    }
  });

  it("refuses malformed messages with a WatchLinkError and nothing else", () => {
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.tuple(fc.constant(1), fc.string(), fc.anything()).map((t) => JSON.stringify(t)),
      fc
        .tuple(
          fc.constantFrom("push", "pushed", "today", "pairing", "error"),
          fc.array(fc.jsonValue()),
        )
        .map(([type, rest]) => JSON.stringify([1, type, ...rest])),
    );
    fc.assert(
      fc.property(junk, (text) => {
        for (const decode of [decodeWatchRequest, decodePhoneReply]) {
          try {
            decode(text);
          } catch (e) {
            expect(e).toBeInstanceOf(WatchLinkError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);

/** The mutations of a real engine session: `sets` reps sets of one per-side exercise. */
function engineSession(sets: number): MutationBody[] {
  const item: EngineItem = {
    exercise_id: "eccentric-calf-raise",
    name: "Eccentric calf raise",
    mode: "reps",
    per_side: true,
    sets,
    target_reps: 15,
    rest_s: 30,
  };
  const sessionId = newUlid(T0, () => 0.37);
  let t = T0 + 123;
  let step = startSession({ sessionId, items: [item], nowMs: t, name: "Bare minimum" });
  const out = [...step.mutations];
  const send = (type: EngineEventType) => {
    step = dispatch(step.state, { type }, t);
    out.push(...step.mutations);
  };
  while (step.state.phase !== "summary") {
    t += 41_357;
    if (step.state.phase === "reps") {
      for (let r = 0; r < 15; r++) send("rep_tap");
      send("set_done");
    } else if (step.state.phase === "switch_side") send("switch_side");
    else send("rest_skip");
  }
  return out.map(withWholeSecondTimes);
}

const sequenced = (ms: MutationBody[]): SequencedMutation[] =>
  ms.map((mutation, i) => ({ seq: 1041 + i, mutation }));

const push = (items: SequencedMutation[]) =>
  encodeWatchRequest({ type: "hand_off", stream: "wq3k9z0a7mx2c", batch: encodeBatch(items) });

describe("watch link sizes", () => {
  it("costs a few dozen bytes per logged set", () => {
    const items = sequenced(engineSession(6));
    const setLogs = items.filter((i) => i.mutation.op === "set.log");
    expect(setLogs).toHaveLength(12);
    const full = push(items);
    const withoutLastSet = push(items.filter((i) => i !== setLogs[setLogs.length - 1]));
    const perSet = messageBytes(full) - messageBytes(withoutLastSet);
    const jsonPerSet = messageBytes(JSON.stringify({ seq: 1050, ...setLogs[0]?.mutation }));
    report(
      `watch link: ${perSet} bytes per set.log (JSON push body: ${jsonPerSet}); ` +
        `a 12-set session with start and finish: ${messageBytes(full)} bytes`,
    );
    expect(perSet).toBeLessThanOrEqual(40);
    expect(messageBytes(full)).toBeLessThan(700);
    expect(decodeWatchRequest(full)).toMatchObject({ type: "hand_off", items });
  });

  it("answers a hand-off with ten refused items within the smallest (Fitbit) message budget", () => {
    const reply: PhoneReply = {
      type: "taken",
      upTo: 1080,
      waitingItems: 40,
      waitingSets: 38,
      refused: Array.from({ length: 10 }, (_, i) => ({
        seq: 1041 + i,
        op: "set.log",
        entityId: `01JB7W3K9Z0A7MX2C5D6B7A11-${i}`,
        status: "rejected" as const,
        error: "reps: required",
      })),
    };
    expect(messageBytes(encodePhoneReplyWithin(reply, 1000))).toBeLessThanOrEqual(1000);
  });

  it("shortens error texts and cues to fit a reply, and says too_large when a day cannot fit", () => {
    const refused: PhoneReply = {
      type: "taken",
      upTo: 80,
      waitingItems: 0,
      waitingSets: 0,
      refused: Array.from({ length: 10 }, (_, i) => ({
        seq: 41 + i,
        op: "set.log",
        entityId: `s-${i}`,
        status: "rejected" as const,
        error: `set_index: Number must be less than or equal to 1000 (${"x".repeat(100)})`,
      })),
    };
    const fitted = encodePhoneReplyWithin(refused, 1000);
    expect(messageBytes(fitted)).toBeLessThanOrEqual(1000);
    const back = decodePhoneReply(fitted);
    expect(back.type === "taken" && back.refused.map((a) => [a.seq, a.status])).toEqual(
      refused.refused.map((a) => [a.seq, a.status]),
    );

    const item: EngineItem = {
      exercise_id: "single-leg-romanian-deadlift",
      name: "Single-leg Romanian deadlift with a long name",
      mode: "reps",
      per_side: true,
      sets: 3,
      target_reps: 10,
      rest_s: 60,
    };
    const today = (n: number): PhoneReply => ({
      type: "today",
      stale: false,
      today: {
        weekday: 2,
        planId: "P1",
        planName: "Marathon base",
        title: "Lower body",
        items: Array.from({ length: n }, (_, i) => ({ ...item, exercise_id: `ex-${i}` })),
        cues: Object.fromEntries(
          Array.from({ length: n }, (_, i) => [`ex-${i}`, "Hinge at the hip, ".repeat(8)]),
        ),
      },
    });
    const eight = encodePhoneReplyWithin(today(8), 3000);
    expect(messageBytes(eight)).toBeLessThanOrEqual(3000);
    expect(decodePhoneReply(eight).type).toBe("today");
    const forty = decodePhoneReply(encodePhoneReplyWithin(today(40), 1000));
    expect(forty).toMatchObject({ type: "error", code: "too_large" });
  });

  it("keeps a dated day's extras after the fields older watches read, and reads older replies", () => {
    const reply: PhoneReply = {
      type: "today",
      stale: false,
      rev: 4_000_000_000,
      today: {
        weekday: 6,
        date: "2025-01-11",
        planId: "P1",
        planName: "Base",
        title: "Core & upper body",
        items: [],
        cues: {},
        why: "x".repeat(200),
        deload: true,
        adjusted: true,
      },
    };
    const text = encodePhoneReplyWithin(reply, 250);
    expect(messageBytes(text)).toBeLessThanOrEqual(250);
    const message = JSON.parse(text) as unknown[];
    // An older watch reads [version, "today", stale, weekday, plan, name, title, rows, items].
    expect(message.slice(0, 9)).toEqual([
      1,
      "today",
      0,
      6,
      "P1",
      "Base",
      "Core & upper body",
      [],
      [],
    ]);
    expect(decodePhoneReply(text)).toMatchObject({
      rev: 4_000_000_000,
      today: { date: "2025-01-11", deload: true, adjusted: true, why: `${"x".repeat(59)}…` },
    });
    // A reply from an older phone: no date, flags or rev.
    const old = decodePhoneReply('[1,"today",1,2,"P1","Base","Legs",[],[]]');
    expect(old).toEqual({
      type: "today",
      stale: true,
      today: { weekday: 2, planId: "P1", planName: "Base", title: "Legs", items: [], cues: {} },
    });
    // An older phone reads the weekday of a dated request.
    const req = JSON.parse(
      encodeWatchRequest({ type: "get_today", weekday: 6, date: "2025-01-11" }),
    );
    expect(req.slice(0, 3)).toEqual([1, "get_today", 6]);
  });
});

// The phone relay against a scripted server: pairing polls, push relaying with acks only for
// what the server acknowledged, seq rebasing and backoff (the week of sessions:
// phoneRelay.today.test.ts).
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import type { SequencedMutation } from "./mutationBatch.ts";
import { TOKEN_KEY } from "./phonePairing.ts";
import { PhoneRelay } from "./phoneRelay.ts";
import { FakeClock } from "./testSupport/fakes.ts";
import { ManualScheduler } from "./testSupport/manualScheduler.ts";
import { MemorySettingsStore } from "./testSupport/memoryStore.ts";
import { json, ScriptedHttp } from "./testSupport/scriptedHttp.ts";
import {
  decodePhoneReply,
  encodeWatchRequest,
  type PhoneReply,
  type WatchRequest,
} from "./watchLink.ts";

async function rig(opts: { paired?: boolean; maxMessageBytes?: number } = {}) {
  const clock = new FakeClock();
  const scheduler = new ManualScheduler(clock);
  const http = new ScriptedHttp();
  const settings = new MemorySettingsStore();
  if (opts.paired !== false) {
    await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-1", device_id: "dev-1" }));
  }
  const relay = await PhoneRelay.open({
    http: http.client,
    settings,
    scheduler,
    clock,
    platform: "zepp",
    random: () => 0.5,
    ...(opts.maxMessageBytes === undefined ? {} : { maxMessageBytes: opts.maxMessageBytes }),
  });
  const send = async (req: WatchRequest): Promise<PhoneReply> =>
    decodePhoneReply(await relay.handle(encodeWatchRequest(req)));
  return {
    clock,
    scheduler,
    http,
    settings,
    relay,
    send,
    pairingProblem: () => relay.pairing.lastProblem,
  };
}

const stream = { outboxId: "OUTBOX1", generation: 0 };

function setLog(n: number): MutationBody {
  return {
    op: "set.log",
    args: {
      id: `S1-${n}`,
      session_id: "S1",
      exercise_id: "squat",
      set_index: 0,
      started_at: "2025-01-06T07:00:00.000Z",
      ended_at: "2025-01-06T07:00:30.000Z",
      reps: 10,
    },
  };
}

const items = (first: number, count: number): SequencedMutation[] =>
  Array.from({ length: count }, (_, i) => ({ seq: first + i, mutation: setLog(first + i) }));

const applied = (seqs: number[], lastSeq = seqs[seqs.length - 1] ?? 0) =>
  json(200, {
    acks: seqs.map((seq) => ({ seq, status: "applied" })),
    last_seq: lastSeq,
    cursor: "c",
  });

const emptyChanges = { plans: [], sessions: [], sets: [], runs: [], assessments: [], settings: [] };

describe("PhoneRelay pairing", () => {
  it("gets a user code, polls every interval, slows down on slow_down and stores the token", async () => {
    const r = await rig({ paired: false });
    r.http.on("POST", "/api/v1/devices/pair", (req, body) => {
      expect(body).toEqual({ name: "Amazfit Balance", platform: "zepp" });
      expect(req.headers.authorization).toBeUndefined();
      return json(200, {
        device_code: "dc-1",
        user_code: "ACDEFGHJ",
        verification_uri: "http://127.0.0.1:8787/pair",
        verification_uri_complete: "http://127.0.0.1:8787/pair?code=ACDE-FGHJ",
        expires_in: 600,
        interval: 5,
      });
    });
    expect(await r.send({ type: "pair_start", name: "Amazfit Balance" })).toEqual({
      type: "pairing",
      state: "pending",
      userCode: "ACDE-FGHJ",
      expiresInS: 600,
      verificationUri: "http://127.0.0.1:8787/pair?code=ACDE-FGHJ",
    });
    expect(r.scheduler.pending).toEqual([5000]);

    const token = (body: unknown) => {
      expect(body).toEqual({ device_code: "dc-1" });
    };
    r.http.on("POST", "/api/v1/devices/token", (_q, b) => {
      token(b);
      return json(400, { error: "authorization_pending", message: "wait" });
    });
    await r.scheduler.runNext();
    expect(r.scheduler.pending).toEqual([5000]);
    r.http.on("POST", "/api/v1/devices/token", json(400, { error: "slow_down", message: "slow" }));
    await r.scheduler.runNext();
    expect(r.scheduler.pending).toEqual([10_000]);
    expect(await r.send({ type: "pair_poll" })).toMatchObject({
      state: "pending",
      expiresInS: 590,
    });

    r.http
      .on("POST", "/api/v1/devices/token", (_q, b) => {
        token(b);
        return json(200, { access_token: "tok-new", token_type: "Bearer", device_id: "dev-9" });
      })
      .on("GET", "/api/v1/sync/pull?limit=500", (req) => {
        expect(req.headers.authorization).toBe("Bearer tok-new");
        return json(200, { changes: emptyChanges, cursor: "c1", has_more: false, last_seq: 0 });
      });
    await r.scheduler.runNext();
    expect(JSON.parse((await r.settings.get(TOKEN_KEY)) ?? "")).toEqual({
      access_token: "tok-new",
      device_id: "dev-9",
    });
    expect(await r.send({ type: "pair_poll" })).toEqual({ type: "pairing", state: "paired" });
    expect(r.scheduler.pending).toEqual([]);
    expect(r.http.remaining).toBe(0);
  });

  it("unpairing while a code is pending stops the polling, so no token comes back", async () => {
    const r = await rig();
    r.http.on(
      "POST",
      "/api/v1/devices/pair",
      json(200, {
        device_code: "dc-2",
        user_code: "ACDEFGHJ",
        verification_uri: "http://127.0.0.1:8787/pair",
        verification_uri_complete: "http://127.0.0.1:8787/pair?code=ACDE-FGHJ",
        expires_in: 600,
        interval: 5,
      }),
    );
    await r.send({ type: "pair_start", name: "Amazfit Balance" });
    expect(r.scheduler.pending).toEqual([5000]);
    await r.relay.unpair();
    expect(r.scheduler.pending).toEqual([]);
    expect(await r.settings.get(TOKEN_KEY)).toBeNull();
    expect(r.http.remaining).toBe(0);
  });

  it("refuses a server address that is not http(s) and keeps the old one", async () => {
    const r = await rig();
    await expect(r.relay.setServerUrl("ftp://example.com")).rejects.toThrow(/not a server address/);
    await expect(r.relay.setServerUrl("  ")).rejects.toThrow(/not a server address/);
    expect(await r.relay.serverUrl()).toBe("http://127.0.0.1:8787");
    expect(await r.settings.get(TOKEN_KEY)).not.toBeNull();
  });

  it("stops on access_denied and on expired_token", async () => {
    for (const [error, state] of [
      ["access_denied", "denied"],
      ["expired_token", "expired"],
    ] as const) {
      const r = await rig({ paired: false });
      r.http
        .on(
          "POST",
          "/api/v1/devices/pair",
          json(200, {
            device_code: "dc",
            user_code: "ACDE-FGHJ",
            verification_uri: "u",
            verification_uri_complete: "u?c",
            expires_in: 600,
            interval: 5,
          }),
        )
        .on("POST", "/api/v1/devices/token", json(400, { error, message: "no" }));
      await r.send({ type: "pair_start", name: "W" });
      await r.scheduler.runNext();
      expect(r.scheduler.pending).toEqual([]);
      expect(await r.send({ type: "pair_poll" })).toEqual({ type: "pairing", state });
    }
  });

  it("keeps polling through network errors, never faster than the interval, until the code expires", async () => {
    const r = await rig({ paired: false });
    r.http.on(
      "POST",
      "/api/v1/devices/pair",
      json(200, {
        device_code: "dc",
        user_code: "ACDE-FGHJ",
        verification_uri: "u",
        verification_uri_complete: "u?c",
        expires_in: 60,
        interval: 5,
      }),
    );
    await r.send({ type: "pair_start", name: "W" });
    for (let i = 0; i < 4; i++) r.http.on("POST", "/api/v1/devices/token", "network");
    for (let i = 0; i < 4; i++) await r.scheduler.runNext();
    // Backoff with jitter (random pinned at 0.5): 1.5 s, 3 s, 6 s, 12 s, floored at 5 s.
    expect(r.scheduler.delays).toEqual([5000, 5000, 5000, 6000, 12_000]);
    r.http.on("POST", "/api/v1/devices/token", json(503, { error: "internal", message: "down" }));
    await r.scheduler.runNext();
    expect(r.pairingProblem()).toBe("down");
    r.clock.advance(60_000);
    await r.scheduler.runNext();
    expect(await r.send({ type: "pair_poll" })).toEqual({ type: "pairing", state: "expired" });
  });

  it("resumes polling a pending code after the phone service restarts", async () => {
    const r = await rig({ paired: false });
    r.http.on(
      "POST",
      "/api/v1/devices/pair",
      json(200, {
        device_code: "dc-7",
        user_code: "ACDE-FGHJ",
        verification_uri: "u",
        verification_uri_complete: "u?c",
        expires_in: 600,
        interval: 5,
      }),
    );
    await r.send({ type: "pair_start", name: "W" });
    const scheduler = new ManualScheduler(r.clock);
    const again = await PhoneRelay.open({
      http: r.http.client,
      settings: r.settings,
      scheduler,
      clock: r.clock,
      platform: "zepp",
      random: () => 0.5,
    });
    expect(again.pairing.view()).toMatchObject({ state: "pending", userCode: "ACDE-FGHJ" });
    r.http.on("POST", "/api/v1/devices/token", (_q, body) => {
      expect(body).toEqual({ device_code: "dc-7" });
      return json(400, { error: "authorization_pending", message: "wait" });
    });
    await scheduler.runNext();
    expect(r.http.remaining).toBe(0);
  });
});

describe("PhoneRelay push", () => {
  it("reads last_seq once per outbox numbering, then pushes with the Bearer token", async () => {
    const r = await rig();
    r.http
      .on("POST", "/api/v1/sync/push", (req, body) => {
        expect(req.headers.authorization).toBe("Bearer tok-1");
        expect(req.headers["content-type"]).toBe("application/json");
        expect(body).toEqual({ schema: 1, mutations: [] });
        return json(200, { acks: [], last_seq: 0, cursor: "c" });
      })
      .on("POST", "/api/v1/sync/push", (_q, body) => {
        expect(body).toEqual({
          schema: 1,
          mutations: items(1, 3).map((i) => ({
            seq: i.seq,
            op: i.mutation.op,
            args: i.mutation.args,
          })),
        });
        return applied([1, 2, 3]);
      });
    expect(await r.send({ type: "push", stream, items: items(1, 3) })).toEqual({
      type: "acks",
      generation: 0,
      upToSeq: 3,
      problems: [],
    });
    r.http.on("POST", "/api/v1/sync/push", applied([4]));
    expect(await r.send({ type: "push", stream, items: items(4, 1) })).toMatchObject({
      upToSeq: 4,
    });
    expect(r.http.remaining).toBe(0);
    expect(await r.send({ type: "status" })).toEqual({
      type: "status",
      paired: true,
      lastSyncAgoS: 0,
    });
  });

  it("passes rejected and conflicting acks to the watch as durable, with their errors", async () => {
    const r = await rig();
    r.http.on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 0, cursor: "c" })).on(
      "POST",
      "/api/v1/sync/push",
      json(200, {
        acks: [
          { seq: 1, status: "applied" },
          { seq: 2, status: "rejected", error: "reps: must be >= 0" },
          { seq: 3, status: "duplicate" },
        ],
        last_seq: 3,
        cursor: "c",
      }),
    );
    expect(await r.send({ type: "push", stream, items: items(1, 3) })).toEqual({
      type: "acks",
      generation: 0,
      upToSeq: 3,
      problems: [{ seq: 2, status: "rejected", error: "reps: must be >= 0" }],
    });
  });

  it("asks the watch to rebase when its first seq is not the server's next", async () => {
    const r = await rig();
    // A new pairing: the server's device starts at 0 but the watch is at 57.
    r.http.on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 0, cursor: "c" }));
    expect(await r.send({ type: "push", stream, items: items(57, 2) })).toEqual({
      type: "rebase",
      generation: 0,
      firstSeq: 57,
      expectedSeq: 1,
    });
    // A reinstalled watch restarting at 1 while the server is at 12: not swallowed as duplicates.
    const fresh = { outboxId: "OUTBOX2", generation: 0 };
    r.http.on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 12, cursor: "c" }));
    expect(await r.send({ type: "push", stream: fresh, items: items(1, 2) })).toMatchObject({
      type: "rebase",
      expectedSeq: 13,
    });
    // After rebasing the watch pushes in a new generation, which is probed and bound.
    r.http
      .on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 12, cursor: "c" }))
      .on("POST", "/api/v1/sync/push", applied([13, 14]));
    expect(
      await r.send({ type: "push", stream: { ...fresh, generation: 1 }, items: items(13, 2) }),
    ).toMatchObject({ type: "acks", generation: 1, upToSeq: 14 });
  });

  it("turns a 409 seq_gap into a rebase onto the expected seq", async () => {
    const r = await rig();
    r.http
      .on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 4, cursor: "c" }))
      .on("POST", "/api/v1/sync/push", applied([5]))
      // Meanwhile the server's database was restored to last_seq 2.
      .on(
        "POST",
        "/api/v1/sync/push",
        json(409, { error: "seq_gap", message: "Expected seq 3 next", expected: 3 }),
      );
    await r.send({ type: "push", stream, items: items(5, 1) });
    expect(await r.send({ type: "push", stream, items: items(6, 2) })).toEqual({
      type: "rebase",
      generation: 0,
      firstSeq: 6,
      expectedSeq: 3,
    });
  });

  it("splits pushes into bodies of at most 200 and reports what went through when one fails", async () => {
    const r = await rig();
    r.http
      .on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 0, cursor: "c" }))
      .on("POST", "/api/v1/sync/push", (_q, body) => {
        const seqs = (body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq);
        expect(seqs).toHaveLength(200);
        return applied(seqs);
      })
      .on("POST", "/api/v1/sync/push", (_q, body) => {
        expect((body as { mutations: unknown[] }).mutations).toHaveLength(50);
        return json(503, { error: "internal", message: "D1 unavailable" });
      });
    expect(await r.send({ type: "push", stream, items: items(1, 250) })).toEqual({
      type: "acks",
      generation: 0,
      upToSeq: 200,
      problems: [],
      retry: { reason: "server", afterS: 2 },
    });
  });

  it("answers retry-later with growing, jittered waits when the server is down or the phone offline", async () => {
    const r = await rig();
    r.http
      .on("POST", "/api/v1/sync/push", "network")
      .on("POST", "/api/v1/sync/push", json(500, { error: "internal", message: "boom" }))
      .on("POST", "/api/v1/sync/push", json(502, {}))
      .on(
        "POST",
        "/api/v1/sync/push",
        json(429, { error: "rate_limited", message: "slow" }, { "retry-after": "30" }),
      );
    const replies = [];
    for (let i = 0; i < 4; i++)
      replies.push(await r.send({ type: "push", stream, items: items(1, 1) }));
    expect(replies).toEqual([
      { type: "error", code: "offline", message: "network down", retryAfterS: 2 },
      { type: "error", code: "server", message: "boom", retryAfterS: 3 },
      { type: "error", code: "server", message: "HTTP 502", retryAfterS: 6 },
      { type: "error", code: "rate_limited", message: "slow", retryAfterS: 30 },
    ]);
  });

  it("on 401 forgets the token and says unpaired; nothing is acknowledged", async () => {
    const r = await rig();
    r.http.on(
      "POST",
      "/api/v1/sync/push",
      json(401, { error: "unauthorized", message: "revoked" }),
    );
    expect(await r.send({ type: "push", stream, items: items(1, 2) })).toEqual({
      type: "error",
      code: "unpaired",
      message: "revoked",
    });
    expect(await r.settings.get(TOKEN_KEY)).toBeNull();
    // Unpaired now: no request is made at all.
    expect(await r.send({ type: "push", stream, items: items(1, 2) })).toMatchObject({
      code: "unpaired",
    });
    expect(await r.send({ type: "status" })).toEqual({
      type: "status",
      paired: false,
      lastSyncAgoS: null,
    });
    expect(r.http.remaining).toBe(0);
  });

  it("refuses malformed messages and other protocol versions with an error reply", async () => {
    const r = await rig();
    expect(decodePhoneReply(await r.relay.handle("{"))).toMatchObject({ code: "bad_request" });
    expect(decodePhoneReply(await r.relay.handle('[9,"status"]'))).toMatchObject({
      code: "version",
    });
  });
});

describe("PhoneRelay message budget", () => {
  it("keeps replies within a small budget (Fitbit)", async () => {
    const r = await rig({ maxMessageBytes: 400 });
    r.http.on("POST", "/api/v1/sync/push", json(200, { acks: [], last_seq: 0, cursor: "c" })).on(
      "POST",
      "/api/v1/sync/push",
      json(200, {
        acks: items(1, 20).map((i) => ({ seq: i.seq, status: "rejected", error: "x".repeat(300) })),
        last_seq: 20,
        cursor: "c",
      }),
    );
    const text = await r.relay.handle(
      encodeWatchRequest({ type: "push", stream, items: items(1, 20) }),
    );
    expect(text.length).toBeLessThanOrEqual(400);
    expect(decodePhoneReply(text)).toMatchObject({ type: "acks", upToSeq: 20 });
  });
});

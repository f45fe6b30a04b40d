// The phone relay against a scripted server: pairing polls, and the watch's hand-offs taken once
// into the phone's outbox and pushed by the shared sync client, never across devices (the week
// of sessions: phoneRelay.today.test.ts).
import type { MutationBody } from "@runstrong/shared/schemas";
import { describe, expect, it } from "vitest";
import { encodeBatch, type SequencedMutation } from "../link/mutationBatch.ts";
import {
  decodePhoneReply,
  encodeWatchRequest,
  type PhoneReply,
  type WatchRequest,
} from "../link/watchLink.ts";
import { FakeClock } from "../testSupport/fakes.ts";
import { ManualScheduler } from "../testSupport/manualScheduler.ts";
import { MemorySettingsStore } from "../testSupport/memoryStore.ts";
import { json, ScriptedHttp } from "../testSupport/scriptedHttp.ts";
import { TOKEN_KEY } from "./phonePairing.ts";
import { PhoneRelay } from "./phoneRelay.ts";

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
      .on("GET", "/api/v1/sync/pull?limit=500&kinds=plans,settings", (req) => {
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

const handOff = (stream: string, list: SequencedMutation[]): WatchRequest => ({
  type: "hand_off",
  stream,
  batch: encodeBatch(list),
});

/** The server's side: every push applied in order; an empty push finds the device at lastSeq. */
function applyAll(log: string[], token = "tok-1") {
  let lastSeq = 0;
  return (req: { headers: Record<string, string> }, body: unknown) => {
    expect(req.headers.authorization).toBe(`Bearer ${token}`);
    const mutations = (body as { mutations: { seq: number; args: { id: string } }[] }).mutations;
    const acks = mutations.map((m) => {
      if (m.seq <= lastSeq) return { seq: m.seq, status: "duplicate" };
      lastSeq = m.seq;
      log.push(m.args.id);
      return { seq: m.seq, status: "applied" };
    });
    return json(200, { acks, last_seq: lastSeq, cursor: "c" });
  };
}

describe("PhoneRelay hand-off", () => {
  it("takes the watch's items, pushes them with the Bearer token and says nothing waits", async () => {
    const r = await rig();
    const applied: string[] = [];
    const server = applyAll(applied);
    r.http.on("POST", "/api/v1/sync/push", server).on("POST", "/api/v1/sync/push", server);
    expect(await r.send(handOff("w1", items(1, 3)))).toEqual({
      type: "taken",
      upTo: 3,
      waitingItems: 0,
      waitingSets: 0,
      refused: [],
    });
    expect(applied).toEqual(["S1-1", "S1-2", "S1-3"]);
    expect(r.http.remaining).toBe(0);
    expect(await r.send({ type: "status" })).toEqual({
      type: "status",
      paired: true,
      lastSyncAgoS: 0,
    });
  });

  it("takes each item of a stream once: a resend after a lost reply stores and pushes nothing twice", async () => {
    const r = await rig();
    r.http.on("POST", "/api/v1/sync/push", "network");
    expect(await r.send(handOff("w1", items(1, 2)))).toMatchObject({
      upTo: 2,
      waitingItems: 2,
      waitingSets: 2,
      why: "offline",
    });
    // The reply was lost: the watch sends the same two and one more.
    r.http.on("POST", "/api/v1/sync/push", "network");
    expect(await r.send(handOff("w1", items(1, 3)))).toMatchObject({ upTo: 3, waitingItems: 3 });
    const applied: string[] = [];
    const server = applyAll(applied);
    r.http.on("POST", "/api/v1/sync/push", server).on("POST", "/api/v1/sync/push", server);
    expect(await r.send(handOff("w1", items(1, 3)))).toMatchObject({ upTo: 3, waitingItems: 0 });
    expect(applied).toEqual(["S1-1", "S1-2", "S1-3"]);
    // Another stream (the watch's outbox started afresh) is new: its ids are taken again.
    expect(await r.relay.outbox.take("w2", items(1, 1))).toBe(1);
  });

  it("takes items while unpaired and keeps them: the reply says unpaired, nothing is sent", async () => {
    const r = await rig({ paired: false });
    expect(await r.send(handOff("w1", items(1, 2)))).toMatchObject({
      upTo: 2,
      waitingItems: 2,
      why: "unpaired",
    });
    expect(r.http.remaining).toBe(0);
  });

  it("on 401 forgets the token; the items stay for the next pairing", async () => {
    const r = await rig();
    r.http.on(
      "POST",
      "/api/v1/sync/push",
      json(401, { error: "unauthorized", message: "revoked" }),
    );
    expect(await r.send(handOff("w1", items(1, 2)))).toMatchObject({
      waitingItems: 2,
      why: "unpaired",
    });
    expect(await r.settings.get(TOKEN_KEY)).toBeNull();
    expect(await r.relay.outbox.client.pending()).toBe(2);
  });

  it("never sends a numbering bound to one device to another: it asks the new device first", async () => {
    const r = await rig();
    const applied: string[] = [];
    const first = applyAll(applied);
    r.http.on("POST", "/api/v1/sync/push", first).on("POST", "/api/v1/sync/push", first);
    await r.send(handOff("w1", items(1, 2)));
    expect(await r.relay.outbox.client.outbox.read()).toMatchObject({ deviceId: "dev-1" });
    await r.settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-2", device_id: "dev-2" }));
    const applied2: string[] = [];
    const second = applyAll(applied2, "tok-2");
    r.http
      .on("POST", "/api/v1/sync/push", (req, body) => {
        expect(body).toEqual({ schema: 1, mutations: [] });
        return second(req, body);
      })
      .on("POST", "/api/v1/sync/push", second);
    await r.send(handOff("w1", items(3, 1)));
    expect(applied2).toEqual(["S1-3"]);
    expect(await r.relay.outbox.client.outbox.read()).toMatchObject({
      deviceId: "dev-2",
      bound: true,
      items: [],
    });
  });

  it("narrows a 400 down to the one bad mutation and tells the watch, within a small budget", async () => {
    const r = await rig({ maxMessageBytes: 1000 });
    const applied: string[] = [];
    const server = applyAll(applied);
    r.http.on("POST", "/api/v1/sync/push", server);
    const bad: SequencedMutation = {
      seq: 3,
      mutation: { op: "set.teleport", args: { id: "x" } } as unknown as MutationBody,
    };
    const refuse = (_q: unknown, body: unknown) => {
      const ms = (body as { mutations: { op: string }[] }).mutations;
      return ms.some((m) => m.op === "set.teleport")
        ? json(400, { error: "invalid_body", message: `unknown op ${"x".repeat(300)}` })
        : server(_q as never, body);
    };
    for (let k = 0; k < 8; k++) r.http.on("POST", "/api/v1/sync/push", refuse);
    const reply = await r.send(handOff("w1", [...items(1, 2), bad, ...items(4, 2)]));
    expect(reply).toMatchObject({ type: "taken", upTo: 5, waitingItems: 0 });
    expect(reply.type === "taken" && reply.refused).toEqual([
      expect.objectContaining({ op: "set.teleport", entityId: "x", status: "rejected" }),
    ]);
    // (This fake server applies the stand-in that keeps seq 3; the real one rejects it.)
    expect(applied.filter((id) => id !== undefined)).toEqual(["S1-1", "S1-2", "S1-4", "S1-5"]);
  });

  it("refuses malformed messages and other protocol versions with an error reply", async () => {
    const r = await rig();
    const bad = decodePhoneReply(await r.relay.handle("not json"));
    expect(bad).toMatchObject({ type: "error", code: "bad_request" });
    const version = decodePhoneReply(await r.relay.handle(JSON.stringify([99, "status"])));
    expect(version).toMatchObject({ type: "error", code: "version" });
  });
});

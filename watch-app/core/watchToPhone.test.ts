// Watch and phone wired together (WatchApp with its session and outbox, the watch link,
// PhoneRelay taking the sets into its outbox and pushing them with the shared sync client) over a scripted HttpClient: the watch is killed and
// restored mid-session, the phone goes away and comes back, a reply is lost, the device is
// re-paired — and every set reaches the server exactly once.
import { describe, expect, it } from "vitest";
import { TOKEN_KEY } from "./phone/phonePairing.ts";
import { PhoneRelay } from "./phone/phoneRelay.ts";
import type { PhoneLink } from "./ports.ts";
import { FakeClock, RecordingHaptics, RecordingScreen, seededRandom } from "./testSupport/fakes.ts";
import { ManualScheduler, settle } from "./testSupport/manualScheduler.ts";
import { MemoryLocalStore, MemorySettingsStore } from "./testSupport/memoryStore.ts";
import { queuedIds } from "./testSupport/queued.ts";
import { json, ScriptedHttp } from "./testSupport/scriptedHttp.ts";
import type { WatchScreen } from "./watch/screens.ts";
import { WatchApp } from "./watch/watchApp.ts";

/** The phone as the watch reaches it: present, away, or dropping the reply after acting. */
class LinkToPhone implements PhoneLink {
  mode: "present" | "away" | "drop_reply" = "away";
  requests = 0;

  constructor(private readonly relay: PhoneRelay) {}

  async request(message: string): Promise<string> {
    this.requests++;
    if (this.mode === "away") throw new Error("phone not connected");
    const reply = await this.relay.handle(message);
    if (this.mode === "drop_reply") throw new Error("timed out after 60 s");
    return reply;
  }
}

interface PushedMutation {
  seq: number;
  op: string;
  args: { id: string };
}

/**
 * The server's side as scripted answers: the test states which seqs it expects and what the
 * server's last_seq was; the answer follows protocol v1 (seq <= last_seq is a duplicate).
 */
class ServerLedger {
  lastSeq = 0;
  /** Entity ids in the order the server applied them. */
  readonly applied: string[] = [];

  probe() {
    return (_req: unknown, body: unknown) => {
      expect(body).toEqual({ schema: 1, mutations: [] });
      return json(200, { acks: [], last_seq: this.lastSeq, cursor: "c" });
    };
  }

  push(expectFirstSeq: number, opts: { token?: string } = {}) {
    return (req: { headers: Record<string, string> }, body: unknown) => {
      expect(req.headers.authorization).toBe(`Bearer ${opts.token ?? "tok-1"}`);
      const mutations = (body as { mutations: PushedMutation[] }).mutations;
      expect(mutations[0]?.seq).toBe(expectFirstSeq);
      for (const [i, m] of mutations.entries()) expect(m.seq).toBe(expectFirstSeq + i);
      const acks = mutations.map((m) => {
        if (m.seq <= this.lastSeq) return { seq: m.seq, status: "duplicate" };
        this.lastSeq = m.seq;
        this.applied.push(`${m.op}:${m.args.id}`);
        return { seq: m.seq, status: "applied" };
      });
      return json(200, { acks, last_seq: this.lastSeq, cursor: "c" });
    };
  }
}

async function rig() {
  const clock = new FakeClock();
  const store = new MemoryLocalStore();
  const settings = new MemorySettingsStore();
  await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-1", device_id: "dev-1" }));
  const http = new ScriptedHttp();
  const relay = await PhoneRelay.open({
    http: http.client,
    settings,
    scheduler: new ManualScheduler(clock),
    clock,
    platform: "zepp",
    random: () => 0.5,
  });
  const link = new LinkToPhone(relay);
  const random = seededRandom(7);
  const openWatch = () =>
    WatchApp.open({
      store,
      haptics: new RecordingHaptics(),
      screen: new RecordingScreen(),
      clock,
      link,
      random,
      deviceName: "Amazfit Balance",
    });
  return { clock, store, settings, http, link, relay, openWatch, server: new ServerLedger() };
}

/** Takes one user step on whatever the screen shows, like a runner would. */
function step(app: WatchApp, clock: FakeClock): WatchScreen {
  const screen = app.screen();
  clock.advance(1_500);
  switch (screen.kind) {
    case "reps":
      if (screen.count < 5) app.act(screen.tap.action);
      else app.act(screen.done.action);
      break;
    case "switch_side":
      app.act(screen.confirm.action);
      break;
    case "intro":
      app.act(screen.start.action);
      break;
    case "rest":
    case "hold":
      // Let the timer run out: the engine logs the hold / ends the rest by itself.
      for (let i = 0; i < 4; i++) {
        clock.advance(250);
        app.tick();
      }
      break;
    default:
      break;
  }
  return app.screen();
}

function playUntil(app: WatchApp, clock: FakeClock, done: () => boolean): void {
  for (let guard = 0; guard < 2000 && !done(); guard++) step(app, clock);
  expect(done()).toBe(true);
}

/** Pushes now, after any background push the ticks started has finished. */
async function drain(app: WatchApp): Promise<void> {
  await settle();
  await app.sync.pushAll();
  await settle();
}

const setsLogged = (app: WatchApp) => app.session.engineState?.logged.sets ?? 0;
const pendingSeqs = (app: WatchApp) => queuedIds(app.sync.queue);
const outboxSize = (app: WatchApp) => app.sync.queue.waiting().items;

describe("watch to phone to server", () => {
  it("delivers every set exactly once through kills, an absent phone and a lost reply", async () => {
    const { clock, http, link, openWatch, server } = await rig();
    let app = openWatch();
    expect(app.screen().kind).toBe("home");
    app.act({ type: "start", choice: "routine:bare-minimum" });
    expect(app.screen()).toMatchObject({ kind: "reps", exercise: "Eccentric calf raise" });

    // Phone away: three sets logged, every push attempt fails and nothing leaves the outbox.
    playUntil(app, clock, () => setsLogged(app) === 3);
    await drain(app);
    expect(app.sync.status()).toMatchObject({ pendingSets: 3, problem: "phone_away" });
    expect(await pendingSeqs(app)).toEqual([1, 2, 3, 4]);

    // The watch app is killed and restarted: the same session, at the same place.
    const before = app.session.engineState;
    app = openWatch();
    expect(app.session.engineState).toEqual(before);
    expect(await pendingSeqs(app)).toEqual([1, 2, 3, 4]);

    // The phone comes back: the watch's client asks where the device stands once (an empty push
    // the phone forwards), then pushes; acks empty the outbox.
    link.mode = "present";
    http
      .on("POST", "/api/v1/sync/push", server.probe())
      .on("POST", "/api/v1/sync/push", server.push(1));
    await drain(app);
    expect(await outboxSize(app)).toBe(0);
    expect(app.sync.status()).toMatchObject({
      pendingSets: 0,
      problem: null,
      lastSyncAtMs: clock.now(),
    });

    // Four more sets out of reach; then the server applies them but the reply is lost.
    link.mode = "away";
    playUntil(app, clock, () => setsLogged(app) === 7);
    // (Twice: the hand-off the new set started, then the one asked for here; both replies
    // lost. The phone took the items the first time and pushed them; the second time it
    // recognises them by the watch's stream and ids and stores, and pushes, nothing.)
    link.mode = "drop_reply";
    http.on("POST", "/api/v1/sync/push", server.push(5));
    await drain(app);
    expect(await pendingSeqs(app)).toEqual([5, 6, 7, 8]);

    // Killed again in the middle of a side-plank hold; the hold runs out while the app is dead.
    link.mode = "away";
    playUntil(app, clock, () => app.screen().kind === "hold");
    app = openWatch();
    clock.advance(30_000);
    app.tick();
    expect(setsLogged(app)).toBe(8);

    // Back in reach: the lost batch is handed off again and taken no second time; only the new
    // set goes to the server.
    link.mode = "present";
    http.on("POST", "/api/v1/sync/push", server.push(9));
    await drain(app);
    expect(await outboxSize(app)).toBe(0);

    // The rest of the session with the phone away; killed on the summary screen.
    link.mode = "away";
    playUntil(app, clock, () => app.screen().kind === "summary");
    app = openWatch();
    expect(app.screen()).toMatchObject({ kind: "summary", title: "Bare minimum", sets: 14 });
    await settle();
    app.act({ type: "close_summary" });
    expect(app.screen().kind).toBe("home");

    link.mode = "present";
    http.on("POST", "/api/v1/sync/push", server.push(10));
    await drain(app);
    expect(await outboxSize(app)).toBe(0);
    expect(http.remaining).toBe(0);

    // Exactly once: one session.start, 14 distinct sets, one session.finish, nothing twice.
    expect(new Set(server.applied).size).toBe(server.applied.length);
    const ops = server.applied.map((a) => a.split(":")[0]);
    expect(ops.filter((o) => o === "session.start")).toHaveLength(1);
    expect(ops.filter((o) => o === "set.log")).toHaveLength(14);
    expect(ops.filter((o) => o === "session.finish")).toHaveLength(1);
    const sessionId = server.applied[0]?.split(":")[1];
    expect(server.applied.filter((a) => a.startsWith("set.log"))).toEqual(
      Array.from({ length: 14 }, (_, i) => `set.log:${sessionId}-${i + 1}`),
    );
    expect(app.screen()).toMatchObject({ kind: "home", sync: { text: "Synced just now" } });
  });

  it("after a revoked token and a new pairing, the watch binds to the new device and nothing is lost or doubled", async () => {
    const { clock, http, link, relay, settings, openWatch, server } = await rig();
    const app = openWatch();
    app.act({ type: "start", choice: "routine:core-day" });
    playUntil(app, clock, () => setsLogged(app) === 2);
    link.mode = "present";
    http
      .on("POST", "/api/v1/sync/push", server.probe())
      .on("POST", "/api/v1/sync/push", server.push(1));
    await drain(app);
    expect(await outboxSize(app)).toBe(0);

    // The device is revoked on the web: the next push is refused and the watch keeps its sets.
    link.mode = "away";
    playUntil(app, clock, () => setsLogged(app) === 4);
    link.mode = "present";
    http.on("POST", "/api/v1/sync/push", json(401, { error: "unauthorized", message: "revoked" }));
    await drain(app);
    expect(app.sync.status()).toMatchObject({ paired: false, problem: "unpaired", pendingSets: 2 });
    expect(app.session.active).toBe(true);

    // Paired again (a new server device, whose seqs start at 1 — the watch is at 4). The phone
    // does not send a numbering of dev-1 to dev-2: it asks dev-2 where it stands and numbers
    // the sets from there.
    await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-2", device_id: "dev-2" }));
    const ledger2 = new ServerLedger();
    http
      .on("POST", "/api/v1/sync/push", (req, body) => {
        expect(req.headers.authorization).toBe("Bearer tok-2");
        return ledger2.probe()(req, body);
      })
      .on("POST", "/api/v1/sync/push", ledger2.push(1, { token: "tok-2" }));
    await drain(app);
    // The numbering lives in the phone's outbox, which runs the push loop.
    expect(await relay.outbox.client.outbox.read()).toMatchObject({
      deviceId: "dev-2",
      bound: true,
    });
    expect(await outboxSize(app)).toBe(0);
    expect(http.remaining).toBe(0);
    expect(ledger2.applied.map((a) => a.split(":")[0])).toEqual(["set.log", "set.log"]);
    const all = [...server.applied, ...ledger2.applied].filter((a) => a.startsWith("set.log"));
    expect(new Set(all).size).toBe(4);
  });
});

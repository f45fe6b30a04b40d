// Watch, phone and a small protocol-v1 server in memory: the phone coming back ends "waiting
// for phone" at once (not after the backoff), and a push the server refuses with 400 is narrowed
// down to the one bad mutation, which is reported on the watch while every valid one arrives.
import { describe, expect, it } from "vitest";
import { TOKEN_KEY } from "./phone/phonePairing.ts";
import { PhoneRelay } from "./phone/phoneRelay.ts";
import type { HttpClient, PhoneLink } from "./ports.ts";
import { FakeClock, RecordingHaptics, RecordingScreen, seededRandom } from "./testSupport/fakes.ts";
import { ManualScheduler, settle } from "./testSupport/manualScheduler.ts";
import { MemoryLocalStore, MemorySettingsStore } from "./testSupport/memoryStore.ts";
import type { HomeScreen } from "./watch/screens.ts";
import { WatchApp } from "./watch/watchApp.ts";

type Mutation = { seq: number; op: string; args: { id?: unknown } };

/** POST /sync/push as protocol v1 answers it, for one device; 400 for an op it does not know. */
class TinyServer {
  lastSeq = 0;
  readonly applied: string[] = [];
  pushes = 0;

  readonly http: HttpClient = async (req) => {
    const answer = (status: number, body: unknown) => ({
      status,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!req.url.endsWith("/api/v1/sync/push")) return answer(404, { error: "not_found" });
    this.pushes++;
    const { mutations } = JSON.parse(req.body ?? "{}") as { mutations: Mutation[] };
    if (mutations.some((m) => m.op === "set.teleport")) {
      return answer(400, { error: "invalid_body", message: "unknown op set.teleport", issues: [] });
    }
    const first = mutations[0];
    if (first !== undefined && first.seq > this.lastSeq + 1) {
      return answer(409, { error: "seq_gap", message: "gap", expected: this.lastSeq + 1 });
    }
    const acks = mutations.map((m) => {
      if (m.seq <= this.lastSeq) return { seq: m.seq, status: "duplicate" };
      this.lastSeq = m.seq;
      if (typeof m.args.id !== "string") {
        return { seq: m.seq, status: "rejected", error: "id: required" };
      }
      this.applied.push(`${m.op}:${m.args.id}`);
      return { seq: m.seq, status: "applied" };
    });
    return answer(200, { acks, last_seq: this.lastSeq, cursor: "c", device_id: "dev-1" });
  };
}

/** The phone as the watch reaches it; `onReachable` like Fitbit's peerSocket `open`. */
class Link implements PhoneLink {
  away = true;
  private reachable: (() => void) | null = null;

  constructor(private readonly relay: PhoneRelay) {}

  async request(message: string): Promise<string> {
    if (this.away) throw new Error("phone not connected");
    return this.relay.handle(message);
  }

  onReachable(listener: () => void): void {
    this.reachable = listener;
  }

  connect(): void {
    this.away = false;
    this.reachable?.();
  }
}

async function rig() {
  const clock = new FakeClock();
  const settings = new MemorySettingsStore();
  await settings.set(TOKEN_KEY, JSON.stringify({ access_token: "tok-1", device_id: "dev-1" }));
  const server = new TinyServer();
  const relay = await PhoneRelay.open({
    http: server.http,
    settings,
    scheduler: new ManualScheduler(clock),
    clock,
    platform: "zepp",
    random: () => 0.5,
  });
  const link = new Link(relay);
  const app = WatchApp.open({
    store: new MemoryLocalStore(),
    haptics: new RecordingHaptics(),
    screen: new RecordingScreen(),
    clock,
    link,
    random: seededRandom(3),
    deviceName: "Amazfit Balance",
  });
  return { clock, server, link, app };
}

const syncLine = (app: WatchApp) => (app.screen() as HomeScreen).sync.text;

/** A short session with the phone away: started, one set, finished, summary closed. */
async function sessionWhileAway(app: WatchApp, clock: FakeClock): Promise<void> {
  app.act({ type: "start", choice: "routine:bare-minimum" });
  for (let guard = 0; guard < 50 && (app.session.engineState?.logged.sets ?? 0) < 1; guard++) {
    const screen = app.screen();
    clock.advance(1_000);
    if (screen.kind === "reps") app.act(screen.count < 3 ? screen.tap.action : screen.done.action);
    else if (screen.kind === "intro") app.act(screen.start.action);
  }
  app.act({ type: "finish" });
  app.act({ type: "finish" });
  await settle();
  app.act({ type: "close_summary" });
  await settle();
}

describe("watch to phone: recovery", () => {
  it("the phone coming back ends 'waiting for phone' at once, not when the backoff runs out", async () => {
    const { clock, server, link, app } = await rig();
    await sessionWhileAway(app, clock);
    expect(syncLine(app)).toBe("1 set waiting for phone");
    // The push failed and waits out its backoff (15 s at first, then doubling).
    clock.advance(60_000);
    app.tick();
    await settle();
    expect(server.pushes).toBe(0);

    // The phone is back: a status exchange answered is enough, no push timer has run out.
    link.away = false;
    await app.sync.refreshStatus();
    await settle();
    expect(syncLine(app)).toMatch(/^Synced/);
    expect(server.applied.filter((a) => a.startsWith("set.log"))).toHaveLength(1);
  });

  it("the platform saying the phone connected pushes at once too", async () => {
    const { clock, server, link, app } = await rig();
    await sessionWhileAway(app, clock);
    expect(syncLine(app)).toBe("1 set waiting for phone");
    link.connect();
    await settle();
    expect(syncLine(app)).toMatch(/^Synced/);
    expect(server.applied.some((a) => a.startsWith("session.finish"))).toBe(true);
  });

  it("a 400 is narrowed to the one bad mutation: reported on the watch, everything else arrives", async () => {
    const { clock, server, link, app } = await rig();
    // A mutation the server cannot read sits between valid ones (an older app's, say).
    await app.sync.queue.enqueue([{ op: "set.teleport", args: { id: "x" } } as never]);
    await sessionWhileAway(app, clock);
    link.away = false;
    await app.sync.pushAll();
    await settle();
    expect(app.sync.queue.waiting().items).toBe(0);
    // Every valid mutation of the session arrived once; the bad one never did.
    expect(server.applied.filter((a) => a.startsWith("session.start"))).toHaveLength(1);
    expect(server.applied.filter((a) => a.startsWith("set.log"))).toHaveLength(1);
    expect(server.applied.filter((a) => a.startsWith("session.finish"))).toHaveLength(1);
    expect(server.applied.some((a) => a.includes("teleport"))).toBe(false);
    // And the watch says so.
    expect(app.sync.status().rejected).toEqual([
      expect.objectContaining({ op: "set.teleport", entityId: "x", status: "rejected" }),
    ]);
    expect(app.screen()).toMatchObject({ kind: "home", notice: "1 item refused by the server" });
  });
});

// Heart rate in a watch session, driven by scripted sensor traces: each set's average and peak
// (set time only) on its set.log, the session's average on session.finish, the heart-rate rest
// that ends when heart rate comes down, zones on the screens, and an absent or refused sensor.
import type { EngineItem } from "@runstrong/shared/engine";
import type { MutationBody } from "@runstrong/shared/schemas";
import {
  MIN_HR_REST_MS,
  SessionDriver,
  type SessionHeartRate,
} from "@runstrong/shared/sessionDriver";
import { describe, expect, it } from "vitest";
import type { HeartRateUnavailable } from "../ports.ts";
import {
  FakeClock,
  RecordingHaptics,
  RecordingScreen,
  ScriptedHeartRate,
  seededRandom,
} from "../testSupport/fakes.ts";
import { MemoryLocalStore } from "../testSupport/memoryStore.ts";
import { queuedItems } from "../testSupport/queued.ts";
import { HandOffQueue } from "./handOffQueue.ts";
import { heartLine, sessionScreen } from "./screens.ts";

const squat: EngineItem = {
  exercise_id: "squat",
  name: "Squat",
  mode: "reps",
  per_side: false,
  sets: 2,
  target_reps: 3,
  rest_s: 90,
};

function rig(answer: "on" | HeartRateUnavailable = "on", store = new MemoryLocalStore()) {
  const clock = new FakeClock();
  const sensor = new ScriptedHeartRate(answer);
  const haptics = new RecordingHaptics();
  const queue = new HandOffQueue(store, seededRandom());
  const session = SessionDriver.resume({
    store,
    queue,
    canStartSession: () => true,
    clock,
    haptics,
    screen: new RecordingScreen(),
    random: seededRandom(),
    heartRate: sensor,
  });
  /** One reading every `everyMs` for `ms`, ticking the session as the app does. */
  const trace = (bpms: number[], everyMs = 1000) => {
    for (const bpm of bpms) {
      clock.advance(everyMs);
      sensor.beat(bpm);
      session.tick();
    }
  };
  return { store, clock, sensor, haptics, queue, session, trace };
}

type Rig = ReturnType<typeof rig>;

function start(r: Rig, heartRate: SessionHeartRate = { maxBpm: 190 }) {
  expect(r.session.start({ name: "Legs", items: [squat], heartRate }).ok).toBe(true);
}

function repsSet(r: Rig, bpms: number[]) {
  for (const bpm of bpms) {
    r.clock.advance(2000);
    r.sensor.beat(bpm);
    r.session.dispatch("rep_tap");
  }
  r.session.dispatch("set_done");
}

async function logged(r: Rig, op: MutationBody["op"]) {
  await r.session.settled();
  return queuedItems(r.queue)
    .map((i) => i.mutation)
    .filter((m) => m.op === op)
    .map((m) => m.args as Record<string, unknown>);
}

describe("heart rate in a watch session", () => {
  it("writes each set's average and peak from set time only, and the session's average", async () => {
    const r = rig();
    start(r);
    repsSet(r, [120, 130, 141]);
    // Rest readings belong to no set, and a 0 is the sensor searching.
    r.trace([150, 0, 152, 148]);
    r.session.dispatch("rest_skip");
    repsSet(r, [100, 110, 120]);
    r.session.dispatch("finish");
    const sets = await logged(r, "set.log");
    expect(sets.map((s) => [s.hr_avg, s.hr_max])).toEqual([
      [130, 141],
      [110, 120],
    ]);
    const [finish] = await logged(r, "session.finish");
    // Every reading of the session counts: (120+130+141+150+152+148+100+110+120) / 9.
    expect(finish?.hr_avg).toBe(130);
    expect(r.sensor.running).toBe(false);
  });

  it("ends a heart-rate rest once heart rate is below the threshold, not before the minimum, with a buzz", () => {
    const r = rig();
    start(r, { maxBpm: 190, restReadyBpm: 110 });
    repsSet(r, [150, 155, 160]);
    expect(r.session.engineState?.phase).toBe("rest");
    // Low at once, but the heart-rate rest lasts its minimum first.
    r.trace(Array.from({ length: MIN_HR_REST_MS / 1000 - 2 }, () => 100));
    expect(r.session.engineState?.phase).toBe("rest");
    r.trace([125, 118]);
    expect(r.session.engineState?.phase).toBe("rest");
    r.trace([109]);
    expect(r.session.engineState?.phase).toBe("reps");
    expect(r.haptics.buzzes.at(-1)).toBe("rest_end");
  });

  it("rests by time when heart rate stays up, or when no reading is fresh", () => {
    const r = rig();
    start(r, { restReadyBpm: 110 });
    repsSet(r, [150, 155, 160]);
    r.trace(Array.from({ length: 60 }, () => 140));
    expect(r.session.engineState?.phase).toBe("rest");
    // The sensor goes quiet: an old low reading does not end the rest.
    r.sensor.beat(100);
    r.clock.advance(11_000);
    r.session.tick();
    expect(r.session.engineState?.phase).toBe("rest");
    r.sensor.beat(140);
    r.clock.advance(19_500);
    r.session.tick();
    expect(r.session.engineState?.phase).toBe("reps");
  });

  it("shows heart rate with its zone, and says when heart rate is missing or refused", () => {
    const r = rig();
    start(r, { maxBpm: 200, restReadyBpm: 110 });
    r.clock.advance(1000);
    r.sensor.beat(150);
    const heart = { status: r.session.hr.status, bpm: r.session.hr.bpm(), ...r.session.hrPlan };
    const view = r.session.view();
    const state = r.session.engineState;
    if (view === null || state === null) throw new Error("no session");
    const screen = sessionScreen(view, state, r.clock.now(), () => undefined, false, heart);
    expect(screen.kind === "reps" && screen.heart).toEqual({ text: "150 bpm", zone: 3 });
    expect(heartLine({ status: "on", bpm: null })).toEqual({ text: "HR …", zone: null });
    expect(heartLine({ status: "denied", bpm: null })).toEqual({
      text: "HR not allowed",
      zone: null,
    });
    expect(heartLine({ status: "absent", bpm: null })).toBeNull();
  });

  for (const answer of ["absent", "denied"] as const) {
    it(`logs sets without heart rate and rests by time when the sensor is ${answer}`, async () => {
      const r = rig(answer);
      start(r, { restReadyBpm: 110 });
      expect(r.session.hr.status).toBe(answer);
      repsSet(r, [0, 0, 0]);
      const [set] = await logged(r, "set.log");
      expect(set).not.toHaveProperty("hr_avg");
      expect(set).not.toHaveProperty("hr_max");
      const view = r.session.view();
      const state = r.session.engineState;
      if (view === null || state === null) throw new Error("no session");
      const heart = { status: r.session.hr.status, bpm: null, restReadyBpm: 110 };
      const rest = sessionScreen(view, state, r.clock.now(), () => undefined, false, heart);
      expect(rest.kind === "rest" && rest.ready).toBe("No heart rate: timed rest");
    });
  }

  it("keeps a set's readings through an app restart mid-set", async () => {
    const store = new MemoryLocalStore();
    const first = rig("on", store);
    start(first);
    first.clock.advance(1000);
    first.sensor.beat(120);
    first.session.dispatch("rep_tap");
    first.clock.advance(1000);
    first.sensor.beat(140);
    first.session.dispatch("rep_tap");
    await first.session.settled();
    // The app is killed; the next one resumes the session and its totals.
    const second = rig("on", store);
    second.clock.ms = first.clock.ms;
    expect(second.sensor.running).toBe(true);
    second.clock.advance(1000);
    second.sensor.beat(130);
    second.session.dispatch("set_done");
    const [set] = await logged(second, "set.log");
    expect([set?.hr_avg, set?.hr_max]).toEqual([130, 140]);
  });
});

// The Zepp adapters for screen-off, against recording stand-ins of @zos/display and @zos/alarm:
// which display calls each mode makes, relaunch on wake while a session is open, and the
// rest-end alarm set, replaced and cancelled by the id it keeps in storage.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryLocalStore } from "../../../core/testSupport/memoryStore.ts";

const calls: string[] = [];
const alarms = new Map<number, { url: string; time?: number; param?: string }>();
let nextAlarm = 1;
let refuse = false;

vi.mock("@zos/display", () => {
  const record = (name: string) => (o?: unknown) => {
    calls.push(o === undefined ? name : `${name} ${JSON.stringify(o)}`);
    return 0;
  };
  return {
    setPageBrightTime: record("setPageBrightTime"),
    resetPageBrightTime: record("resetPageBrightTime"),
    pauseDropWristScreenOff: record("pauseDropWristScreenOff"),
    resetDropWristScreenOff: record("resetDropWristScreenOff"),
    pausePalmScreenOff: record("pausePalmScreenOff"),
    resetPalmScreenOff: record("resetPalmScreenOff"),
    setWakeUpRelaunch: record("setWakeUpRelaunch"),
  };
});
vi.mock("@zos/alarm", () => ({
  set: (o: { url: string; time?: number; param?: string }) => {
    if (refuse) return 0;
    alarms.set(nextAlarm, o);
    return nextAlarm++;
  },
  cancel: (id: number) => (alarms.delete(id) ? 0 : -1),
}));

const { createDisplayScreenKeeper } = await import("./screenKeeper.ts");
const { createAlarmRestAlarm, REST_END_SERVICE } = await import("./restAlarm.ts");

beforeEach(() => {
  calls.length = 0;
  alarms.clear();
  refuse = false;
});

describe("Zepp ScreenKeeper", () => {
  it("holds with bright time and both gestures paused, resets all three to sleep, relaunches while a session is open", () => {
    const keeper = createDisplayScreenKeeper();
    keeper.keep("held", true);
    expect(calls).toEqual([
      'setWakeUpRelaunch {"relaunch":true}',
      'setPageBrightTime {"brightTime":600000}',
      'pauseDropWristScreenOff {"duration":0}',
      'pausePalmScreenOff {"duration":0}',
    ]);
    calls.length = 0;
    keeper.keep("may_sleep", true);
    expect(calls).toEqual(["resetPageBrightTime", "resetDropWristScreenOff", "resetPalmScreenOff"]);
    calls.length = 0;
    keeper.reapply();
    keeper.keep("system", true);
    expect(calls).toEqual([]);
    keeper.keep("system", false);
    expect(calls).toEqual(['setWakeUpRelaunch {"relaunch":false}']);
  });

  it("asks again for the held screen on renewal and on a new page", () => {
    const keeper = createDisplayScreenKeeper();
    keeper.keep("held", true);
    calls.length = 0;
    keeper.keep("held", true);
    keeper.reapply();
    expect(calls.filter((c) => c.startsWith("setPageBrightTime"))).toHaveLength(2);
    expect(calls.some((c) => c.startsWith("setWakeUpRelaunch"))).toBe(false);
  });
});

describe("Zepp RestAlarm", () => {
  it("sets one alarm on the rest-end service at the end's whole second, rounded up", () => {
    const alarm = createAlarmRestAlarm(new MemoryLocalStore());
    expect(alarm.schedule(1_700_000_030_001, "S1")).toBe(true);
    expect([...alarms.values()]).toEqual([
      { url: REST_END_SERVICE, time: 1_700_000_031, param: "S1" },
    ]);
    expect(REST_END_SERVICE).toBe("app-service/restEnd");
  });

  it("replaces and cancels by the id kept in storage, also from a relaunched app", () => {
    const store = new MemoryLocalStore();
    createAlarmRestAlarm(store).schedule(60_000, "S1");
    createAlarmRestAlarm(store).schedule(75_000, "S1");
    expect([...alarms.values()].map((a) => a.time)).toEqual([75]);
    createAlarmRestAlarm(store).cancel();
    expect(alarms.size).toBe(0);
  });

  it("answers false when the watch does not create the alarm", () => {
    refuse = true;
    expect(createAlarmRestAlarm(new MemoryLocalStore()).schedule(60_000, "S1")).toBe(false);
  });
});

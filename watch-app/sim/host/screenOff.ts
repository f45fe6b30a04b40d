// The screen turning off and what the system does then, in the simulator: "Screen off" darkens
// the watch and, 10 s of watch time later, ends the app as the system does (as Kill app: no
// onDestroy); "Wrist turn" lights it again and relaunches the app if it asked for that
// (setWakeUpRelaunch), else shows the watch face. Also the system's alarms (@zos/alarm) on the
// watch clock: when one is due its App Service bundle runs, whether or not the app does.
import type { Options, SimHost } from "./types.ts";
import type { WatchRuntime } from "./watchRuntime.ts";

/** Zepp exits an app about this long after its screen went off (setWakeUpRelaunch's docs). */
export const EXIT_AFTER_SCREEN_OFF_MS = 10_000;

interface Alarm {
  id: number;
  at: number;
  url: string;
  param: string;
}

export class ScreenOff {
  /** The controls to place beside Kill app. */
  readonly controls: HTMLElement[];
  private readonly power: HTMLElement;
  private offAt: number | null = null;
  /** The system ended the app while the screen was off. */
  private ended = false;
  private relaunch = false;
  private readonly alarms = new Map<number, Alarm>();
  private nextId = 1;
  private registered: Options | null = null;
  private runs = 0;

  constructor(
    private readonly env: {
      clock: { now(): number };
      runtime: () => WatchRuntime;
      screen: HTMLElement;
      log(line: string, kind?: string): void;
    },
  ) {
    const button = (testid: string, label: string, onClick: () => void) => {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.testid = testid;
      b.textContent = label;
      b.addEventListener("click", onClick);
      return b;
    };
    this.power = document.createElement("span");
    this.power.dataset.testid = "screen-power";
    this.power.textContent = "screen on";
    this.controls = [
      button("screen-off", "Screen off", () => this.screenOff()),
      button("wrist-turn", "Wrist turn", () => this.wristTurn()),
      this.power,
    ];
    window.setInterval(() => this.check(), 100);
  }

  /** `@zos/display` setWakeUpRelaunch. */
  setRelaunch(on: boolean): void {
    if (on !== this.relaunch) this.env.log(`wake relaunches the app: ${on ? "yes" : "no"}`, "app");
    this.relaunch = on;
  }

  /** The host's `alarm` (SimHost["alarm"]): `@zos/alarm` and AppService registration. */
  readonly api: SimHost["alarm"] = {
    set: (o) => {
      const at =
        o.time !== undefined ? o.time * 1000 : this.env.clock.now() + (o.delay ?? 0) * 1000;
      const alarm = { id: this.nextId++, at, url: o.url, param: o.param ?? "" };
      this.alarms.set(alarm.id, alarm);
      this.env.log(
        `alarm ${alarm.id} set for ${new Date(at).toISOString().slice(11, 19)} → ${o.url}`,
        "app",
      );
      return alarm.id;
    },
    cancel: (id) => {
      const had = this.alarms.delete(id);
      if (had) this.env.log(`alarm ${id} cancelled`, "app");
      return had ? 0 : -1;
    },
    all: () => [...this.alarms.keys()],
    service: (options) => {
      this.registered = options;
    },
  };

  private screenOff(): void {
    if (this.offAt !== null) return;
    this.offAt = this.env.clock.now();
    this.env.screen.classList.add("off");
    this.power.textContent = "screen off";
    this.env.log("screen off", "app");
  }

  private wristTurn(): void {
    if (this.offAt === null) return;
    this.offAt = null;
    this.env.screen.classList.remove("off");
    this.power.textContent = "screen on";
    if (!this.ended) {
      this.env.log("wrist turn: screen on, the app still running", "app");
      return;
    }
    this.ended = false;
    if (this.relaunch) {
      this.env.log("wrist turn: the app relaunches (setWakeUpRelaunch)", "app");
      void this.env.runtime().launch();
    } else {
      this.env.log("wrist turn: watch face (the app is closed)", "app");
    }
  }

  private check(): void {
    const now = this.env.clock.now();
    const runtime = this.env.runtime();
    if (this.offAt !== null && !this.ended && now - this.offAt >= EXIT_AFTER_SCREEN_OFF_MS) {
      this.ended = true;
      if (runtime.pageUrl !== null) {
        runtime.kill();
        this.env.log("screen off for 10 s: the system ended the app", "app");
      }
    }
    for (const alarm of [...this.alarms.values()]) {
      if (alarm.at > now) continue;
      this.alarms.delete(alarm.id);
      void this.runService(alarm);
    }
  }

  /** A Single Execution App Service: its bundle evaluated afresh, onInit(param), onDestroy. */
  private async runService(alarm: Alarm): Promise<void> {
    this.env.log(`alarm ${alarm.id} fired: ${alarm.url}`, "app");
    this.registered = null;
    try {
      await import(/* @vite-ignore */ `/b/${alarm.url}.js?i=${++this.runs}`);
      const service = this.registered as Options | null;
      if (service === null) throw new Error(`${alarm.url} did not call AppService()`);
      service.onInit?.call(service, alarm.param);
      service.onDestroy?.call(service);
    } catch (error) {
      this.env.log(`app service error: ${String(error)}`, "error");
    }
  }
}

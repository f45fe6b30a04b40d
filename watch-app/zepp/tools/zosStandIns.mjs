// Stand-ins for the Zepp OS device runtime the built app.js and pages run against in QuickJS
// (quickjsSmoke.mjs): the `@zos/*` modules, the globals ZML and the pages use (App, Page, getApp,
// timers, Buffer, __$$R$$__, __$$app$$__) and a fake clock. They are installed INSIDE the QuickJS
// context (the function is sent as source text), so widgets, storage and timers live in the
// watch's own heap and count against its memory limit, as the runtime's objects would.
//
// `installZosStandIns` must stay self-contained: it is serialised with Function#toString and may
// use nothing from this module's scope. It leaves `globalThis.__smoke`, the control surface the
// scripted user drives from Node (every answer is JSON text, so only strings cross the boundary).

/** Exports of each stand-in module, for the ES module loader (the pages `import` them). */
export const STAND_IN_MODULES = [
  "@zos/alarm",
  "@zos/app",
  "@zos/ble",
  "@zos/device",
  "@zos/display",
  "@zos/i18n",
  "@zos/router",
  "@zos/sensor",
  "@zos/settings",
  "@zos/storage",
  "@zos/timer",
  "@zos/ui",
  "@zos/utils",
];

/**
 * Installs the stand-ins on `g` (the context's global object).
 * @param {object} g
 * `storage` and `alarms` carry the watch's storage and the system's pending alarms from a run the
 * system ended (the app killed after the screen went off) into a fresh runtime.
 * @param {{ now: number, appId: number, device: { width: number, height: number, shape: string, name: string },
 *   storage?: Record<string, string>, alarms?: { id: number, at: number, url: string, param?: string }[] }} options
 */
export function installZosStandIns(g, options) {
  // ---- clock and timers: nothing runs until the scripted user advances the clock ----
  const loop = { now: options.now, nextId: 1, timers: new Map(), errors: [] };
  const addTimer = (fn, ms, every) => {
    if (typeof fn !== "function") throw new TypeError("timer callback is not a function");
    const id = loop.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    loop.timers.set(id, { fn, at: loop.now + delay, every: every ? Math.max(1, delay) : 0 });
    return id;
  };
  const clearTimer = (id) => {
    loop.timers.delete(id);
  };
  const timer = {
    setTimeout: (fn, ms) => addTimer(fn, ms, false),
    clearTimeout: clearTimer,
    setInterval: (fn, ms) => addTimer(fn, ms, true),
    clearInterval: clearTimer,
  };
  Object.assign(g, timer);
  const RealDate = g.Date;
  class WatchDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(loop.now);
      else super(...args);
    }
    static now() {
      return loop.now;
    }
  }
  g.Date = WatchDate;

  // ---- @zos/ui: widgets as plain records of their props and handlers ----
  const WIDGET = { TEXT: 1, BUTTON: 2, ARC: 3, FILL_RECT: 4, IMG: 5, STROKE_RECT: 6, GROUP: 7 };
  const PROP = { MORE: 100, VISIBLE: 101, TEXT: 102, X: 103, Y: 104, W: 105, H: 106, COLOR: 107 };
  const KEY_OF_PROP = { 102: "text", 103: "x", 104: "y", 105: "w", 106: "h", 107: "color" };
  const EVENT = { CLICK_DOWN: 400, CLICK_UP: 401, MOVE: 402, MOVE_IN: 403, MOVE_OUT: 404 };
  const typeName = {};
  for (const name of Object.keys(WIDGET)) typeName[WIDGET[name]] = name;
  let widgets = [];
  let nextWidget = 1;
  function createWidget(type, props) {
    if (typeName[type] === undefined) throw new Error(`createWidget: unknown widget type ${type}`);
    const w = {
      id: nextWidget++,
      type,
      props: Object.assign({}, props),
      visible: true,
      listeners: [],
      setProperty(property, value) {
        if (property === PROP.MORE) Object.assign(this.props, value);
        else if (property === PROP.VISIBLE) this.visible = value === true;
        else if (KEY_OF_PROP[property] !== undefined) this.props[KEY_OF_PROP[property]] = value;
        else throw new Error(`setProperty: unknown property ${property}`);
      },
      getProperty(property) {
        if (property === PROP.VISIBLE) return this.visible;
        if (property === PROP.MORE) return Object.assign({}, this.props);
        return this.props[KEY_OF_PROP[property]];
      },
      addEventListener(kind, listener) {
        this.listeners.push({ kind, listener });
      },
      removeEventListener(kind, listener) {
        this.listeners = this.listeners.filter((l) => l.kind !== kind || l.listener !== listener);
      },
    };
    widgets.push(w);
    return w;
  }
  const ui = {
    createWidget,
    deleteWidget(w) {
      widgets = widgets.filter((x) => x !== w);
    },
    widget: WIDGET,
    prop: PROP,
    align: { LEFT: 200, RIGHT: 201, CENTER_H: 202, TOP: 203, BOTTOM: 204, CENTER_V: 205 },
    text_style: { WRAP: 300, CHAR_WRAP: 301, ELLIPSIS: 302, NONE: 303 },
    event: EVENT,
    showToast() {},
  };

  // ---- the rest of the device, recording what the app asked of it ----
  const log = { buzzes: [], display: [], navigations: [], hr: 0 };
  const data = Object.assign({}, options.storage);
  const localStorage = {
    // Zepp's localStorage answers undefined for a missing key.
    getItem: (key, fallback) => (Object.hasOwn(data, key) ? data[key] : fallback),
    setItem(key, value) {
      data[key] = value;
    },
    removeItem(key) {
      delete data[key];
    },
    clear() {
      for (const key of Object.keys(data)) delete data[key];
    },
  };
  const SCENES = {
    VIBRATOR_SCENE_SHORT_LIGHT: 23,
    VIBRATOR_SCENE_SHORT_MIDDLE: 24,
    VIBRATOR_SCENE_SHORT_STRONG: 25,
    VIBRATOR_SCENE_DURATION: 9,
    VIBRATOR_SCENE_DURATION_LONG: 27,
    VIBRATOR_SCENE_NOTIFICATION: 0,
    VIBRATOR_SCENE_CALL: 1,
    VIBRATOR_SCENE_STRONG_REMINDER: 28,
    VIBRATOR_SCENE_TIMER: 5,
  };
  const sceneName = {};
  for (const name of Object.keys(SCENES))
    sceneName[SCENES[name]] = name.slice("VIBRATOR_SCENE_".length);
  class Vibrator {
    start(o) {
      const mode =
        o && o.mode !== undefined ? o.mode : (this.mode ?? SCENES.VIBRATOR_SCENE_SHORT_MIDDLE);
      log.buzzes.push({ at: loop.now, scene: sceneName[mode] || String(mode) });
    }
    stop() {}
    setMode(o) {
      this.mode = o.mode;
    }
    getType() {
      return SCENES;
    }
  }
  /**
   * A scripted heart rate: once `onCurrentChange` starts continuous measurement, a reading
   * arrives every second on the fake clock (0 for the first 2 s, as while the sensor searches,
   * then 96–135 bpm in a saw-tooth); `offCurrentChange` stops it. `log.hr` counts readings.
   */
  class HeartRate {
    constructor() {
      this.current = 0;
      this.timers = new Map();
    }
    getCurrent() {
      return this.current;
    }
    getLast() {
      return this.current;
    }
    onCurrentChange(fn) {
      const started = loop.now;
      const id = addTimer(
        () => {
          const s = Math.floor((loop.now - started) / 1000);
          this.current = s < 2 ? 0 : 96 + (s % 40);
          log.hr++;
          fn();
        },
        1000,
        true,
      );
      this.timers.set(fn, id);
    }
    offCurrentChange(fn) {
      clearTimer(this.timers.get(fn));
      this.timers.delete(fn);
    }
    onLastChange() {}
    offLastChange() {}
  }
  const record = (name) => () => {
    log.display.push(name);
    return 0;
  };
  const bleListeners = [];
  const nav = (mode) => (o) => {
    log.navigations.push({ mode, url: o && typeof o.url === "string" ? o.url : null });
  };
  const EventBus = class {
    constructor() {
      this.map = new Map();
    }
    on(name, fn) {
      if (!this.map.has(name)) this.map.set(name, []);
      this.map.get(name).push(fn);
    }
    off(name, fn) {
      if (fn === undefined) this.map.delete(name);
      else
        this.map.set(
          name,
          (this.map.get(name) || []).filter((f) => f !== fn),
        );
    }
    emit(name, ...args) {
      for (const fn of (this.map.get(name) || []).slice()) fn(...args);
    }
    clear() {
      this.map.clear();
    }
  };
  const logger = { log() {}, info() {}, debug() {}, warn() {}, error() {} };
  // ---- @zos/alarm: the system's alarms, kept on the fake clock across a killed app ----
  log.alarmsDue = [];
  const addAlarm = (alarm) => {
    loop.timers.set(alarm.id, { fn: null, at: alarm.at, every: 0, alarm });
    loop.nextId = Math.max(loop.nextId, alarm.id + 1);
  };
  for (const alarm of options.alarms || []) addAlarm(alarm);
  const alarms = () => [...loop.timers.values()].filter((t) => t.alarm).map((t) => t.alarm);
  const alarmModule = {
    set(o) {
      const at = o.time !== undefined ? o.time * 1000 : loop.now + (o.delay || 0) * 1000;
      const alarm = { id: loop.nextId++, at, url: o.url, param: o.param };
      addAlarm(alarm);
      return alarm.id;
    },
    cancel(o) {
      const id = typeof o === "number" ? o : o.id;
      return loop.timers.get(id)?.alarm && loop.timers.delete(id) ? 0 : -1;
    },
    getAllAlarms: () => alarms().map((a) => a.id),
    REPEAT_ONCE: 0,
  };
  /** App Services register here (`AppService({...})`) when their module is evaluated. */
  const service = { options: null };
  g.AppService = (o) => {
    service.options = o;
  };

  const modules = {
    "@zos/alarm": alarmModule,
    "@zos/app": {
      getPackageInfo: () => ({ appId: options.appId, name: "runstrong", version: {} }),
      // Every permission in app.json granted (2), as after an install that asked for them.
      queryPermission: (o) => o.permissions.map(() => 2),
    },
    "@zos/ble": {
      // The phone is away: ZML's requests fail with "ble disconnect" and the outbox keeps all.
      connectStatus: () => false,
      createConnect() {},
      disConnect() {},
      send() {},
      addListener: (fn) => bleListeners.push(fn),
    },
    "@zos/device": {
      getDeviceInfo: () => ({
        width: options.device.width,
        height: options.device.height,
        screenShape: options.device.shape === "round" ? 1 : 0,
        deviceName: options.device.name,
        deviceSource: 0,
      }),
    },
    "@zos/display": {
      setPageBrightTime: record("setPageBrightTime"),
      resetPageBrightTime: record("resetPageBrightTime"),
      pauseDropWristScreenOff: record("pauseDropWristScreenOff"),
      resetDropWristScreenOff: record("resetDropWristScreenOff"),
      pausePalmScreenOff: record("pausePalmScreenOff"),
      resetPalmScreenOff: record("resetPalmScreenOff"),
      setWakeUpRelaunch(o) {
        log.display.push(`setWakeUpRelaunch(${o.relaunch})`);
      },
      getPageBrightTime: () => 10_000,
    },
    "@zos/i18n": { getText: (key) => key },
    "@zos/router": {
      push: nav("push"),
      replace: nav("replace"),
      back: nav("back"),
      exit: nav("exit"),
    },
    "@zos/sensor": Object.assign({ Vibrator, HeartRate }, SCENES),
    "@zos/settings": { getLanguage: () => 2, getTimeFormat: () => 1 },
    "@zos/storage": { localStorage },
    "@zos/timer": timer,
    "@zos/ui": ui,
    "@zos/utils": { log: { getLogger: () => logger }, EventBus, px: (n) => n },
  };

  // ---- runtime globals: App/Page/getApp, ZML's require and scoped globals, Buffer ----
  const app = { options: null, page: null };
  g.App = (o) => {
    app.options = o;
  };
  g.Page = (o) => {
    app.page = o;
  };
  g.getApp = () => ({ _options: app.options });
  g.__$$R$$__ = (name) => modules[name];
  g.__$$app$$__ = { __globals__: { __scopedGlobals__: {} } };
  /** What ZML touches of Buffer while the phone is away (it never encodes a message then). */
  class Buffer extends Uint8Array {
    static isBuffer(b) {
      return b instanceof Buffer;
    }
    static alloc(n) {
      return new Buffer(n);
    }
  }
  g.Buffer = Buffer;

  // ---- the control surface for the scripted user ----
  const guard = (what, fn) => {
    try {
      fn();
    } catch (error) {
      loop.errors.push(`${what}: ${error?.stack ? `${error}\n${error.stack}` : error}`);
    }
  };
  const label = (w) => (typeof w.props.text === "string" ? w.props.text : "");
  const shown = () => widgets.filter((w) => w.visible);
  g.__smoke = {
    modules,
    exportsOf: (name) => JSON.stringify(modules[name] ? Object.keys(modules[name]) : null),
    startApp() {
      if (app.options === null) throw new Error("app.js did not call App()");
      guard("App.onCreate", () => app.options.onCreate?.call(app.options));
    },
    takePage() {
      const page = app.page;
      app.page = null;
      if (page === null) throw new Error("the page bundle did not call Page()");
      widgets = [];
      guard("Page.onInit", () => page.onInit?.call(page));
      guard("Page.build", () => page.build?.call(page));
      app.current = page;
    },
    destroyPage() {
      const page = app.current;
      app.current = null;
      if (page) guard("Page.onDestroy", () => page.onDestroy?.call(page));
      widgets = [];
    },
    takeNavigation: () => JSON.stringify(log.navigations.shift() || null),
    /** The system ends the app (screen off for 10 s): timers and widgets go, no onDestroy. */
    kill() {
      for (const [id, t] of loop.timers) if (!t.alarm) loop.timers.delete(id);
      widgets = [];
      app.options = null;
      app.page = null;
      app.current = null;
    },
    alarms: () => JSON.stringify(alarms()),
    takeAlarm: () => JSON.stringify(log.alarmsDue.shift() || null),
    /** Runs the App Service whose module was just evaluated, as a Single Execution start. */
    runService(param) {
      const o = service.options;
      service.options = null;
      if (o === null) throw new Error("the App Service module did not call AppService()");
      guard("AppService.onInit", () => o.onInit?.call(o, param));
      guard("AppService.onDestroy", () => o.onDestroy?.call(o));
    },
    /** Runs every timer due by `now + ms`, in time order, moving the clock as it goes. */
    advance(ms) {
      const end = loop.now + ms;
      for (;;) {
        let next = null;
        for (const [id, t] of loop.timers) if (next === null || t.at < next[1].at) next = [id, t];
        if (next === null || next[1].at > end) break;
        const [id, t] = next;
        loop.now = Math.max(loop.now, t.at);
        if (t.every > 0) t.at += t.every;
        else loop.timers.delete(id);
        // A system alarm: the scripted user starts its App Service (`takeAlarm`, `runService`).
        if (t.alarm) {
          log.alarmsDue.push(t.alarm);
          return JSON.stringify(false);
        }
        guard("timer", t.fn);
        if (log.navigations.length > 0) return JSON.stringify(false);
      }
      loop.now = end;
      return JSON.stringify(true);
    },
    now: () => loop.now,
    screen: () =>
      JSON.stringify({
        texts: shown()
          .filter((w) => w.type === WIDGET.TEXT && label(w) !== "")
          .map((w) => label(w)),
        buttons: shown()
          .filter((w) => w.type === WIDGET.BUTTON)
          .map((w) => label(w)),
      }),
    /** Taps the visible button labelled `text` (its click_func), as a finger would. */
    tapButton(text) {
      const w = shown().find((x) => x.type === WIDGET.BUTTON && label(x) === text);
      if (!w) return JSON.stringify(false);
      guard(`tap "${text}"`, () => w.props.click_func(w));
      return JSON.stringify(true);
    },
    /** Taps the visible tappable text showing `text` (its CLICK_UP listeners). */
    tapText(text) {
      const w = shown().find((x) => x.type === WIDGET.TEXT && label(x) === text);
      const handlers = w ? w.listeners.filter((l) => l.kind === EVENT.CLICK_UP) : [];
      if (handlers.length === 0) return JSON.stringify(false);
      for (const h of handlers) guard(`tap text "${text}"`, () => h.listener({}));
      return JSON.stringify(true);
    },
    /**
     * Makes QuickJS run its cycle collector now: allocates until a cyclic probe is collected.
     * (Its own trigger never fires in this wasm build, see quickjsVm.mjs.) Returns how many.
     */
    collect() {
      let probe = {};
      probe.self = probe;
      const ref = new WeakRef(probe);
      probe = null;
      const filler = [];
      while (ref.deref() !== undefined && filler.length < 1_000_000) filler.push({});
      return filler.length;
    },
    buzzes: () => JSON.stringify(log.buzzes),
    display: () => JSON.stringify(log.display),
    storage: () => JSON.stringify(data),
    takeErrors() {
      const errors = loop.errors;
      loop.errors = [];
      return JSON.stringify(errors);
    },
  };
}

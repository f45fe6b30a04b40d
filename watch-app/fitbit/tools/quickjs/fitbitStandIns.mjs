// Stand-ins for the Fitbit OS device modules the shipped device JS requires (appbit, device,
// display, document, fs, haptics, heart-rate, messaging, system), a fake clock and timers, for its
// QuickJS run (quickjsSmoke.mjs). They are installed INSIDE the QuickJS context (the function is
// sent as source text), so the objects the app holds (element wrappers, sensors, listeners, timers)
// live in the measured heap. What Fitbit OS keeps outside the JS heap stays outside here too: the
// document's element tree (native on the watch) and the app's files (flash) are reached through
// host functions that run in Node (`__dom*`, `__fs*`, see quickjsSmoke.mjs).
//
// `installFitbitStandIns` must stay self-contained: it is serialised with Function#toString and
// may use nothing from this module's scope. After it runs, the context is stripped to ES5.1, so
// what it calls later uses only ES5 built-ins (or ones it captured while installing). It leaves
// `globalThis.__smoke`, the control surface the scripted user drives from Node (answers are JSON).

/**
 * Installs the stand-ins on `g` (the context's global object).
 * @param {object} g
 * @param {{ now: number, heapLimitBytes: number, modelName: string, modelId: string,
 *   screen: { width: number, height: number } }} options
 */
export function installFitbitStandIns(g, options) {
  // Captured now: the ES5 strip deletes WeakRef and Object.hasOwn, which the code below needs.
  const WeakRefNow = g.WeakRef;
  const hasOwn = g.Object.hasOwn;
  const host = {
    domHas: g.__domHas,
    domGet: g.__domGet,
    domSet: g.__domSet,
    fsExists: g.__fsExists,
    fsRead: g.__fsRead,
    fsWrite: g.__fsWrite,
    fsRename: g.__fsRename,
    fsUnlink: g.__fsUnlink,
    note: g.__note,
    heapUsed: g.__heapUsed,
  };
  const errors = [];
  const guard = (what, fn) => {
    try {
      fn();
    } catch (error) {
      errors.push(`${what}: ${error?.stack ? `${error}\n${error.stack}` : error}`);
    }
  };

  // ---- clock and timers: nothing runs until the scripted user advances the clock ----
  const loop = { now: options.now, nextId: 1, timers: {} };
  const addTimer = (fn, ms, every) => {
    if (typeof fn !== "function") throw new TypeError("timer callback is not a function");
    const id = loop.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    loop.timers[id] = { fn, at: loop.now + delay, every: every ? Math.max(1, delay) : 0 };
    return id;
  };
  const clearTimer = (id) => {
    delete loop.timers[id];
  };
  g.setTimeout = (fn, ms) => addTimer(fn, ms, false);
  g.setInterval = (fn, ms) => addTimer(fn, ms, true);
  g.clearTimeout = clearTimer;
  g.clearInterval = clearTimer;
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
  g.console = {
    log() {},
    info() {},
    warn() {},
    error(...parts) {
      errors.push(`console.error: ${parts.join(" ")}`);
    },
  };

  // ---- event targets (display, appbit's me, document, sensors, the peer socket) ----
  const eventTarget = (target) => {
    const listeners = {};
    target.addEventListener = (type, fn) => {
      if (!listeners[type]) listeners[type] = [];
      listeners[type].push(fn);
    };
    target.removeEventListener = (type, fn) => {
      listeners[type] = (listeners[type] || []).filter((f) => f !== fn);
    };
    target.__dispatch = (type, event) => {
      const e = event || {};
      e.type = type;
      e.defaultPrevented = false;
      e.preventDefault = () => {
        e.defaultPrevented = true;
      };
      const fns = (listeners[type] || []).slice();
      for (let k = 0; k < fns.length; k++) guard(`${type} listener`, () => fns[k].call(target, e));
      const handler = target[`on${type}`];
      if (typeof handler === "function") guard(`on${type}`, () => handler.call(target, e));
      return e;
    };
    return target;
  };

  // ---- document: wrappers over the element tree Node holds (native on the watch) ----
  /** Click listeners by element id: a fresh wrapper per getElementById, as cheap as the watch's. */
  const clickTargets = {};
  function Style(id) {
    this.id = id;
  }
  Object.defineProperty(Style.prototype, "display", {
    get() {
      return host.domGet(this.id, "display");
    },
    set(value) {
      host.domSet(this.id, "display", String(value));
    },
  });
  Object.defineProperty(Style.prototype, "fill", {
    get() {
      return host.domGet(this.id, "fill");
    },
    set(value) {
      host.domSet(this.id, "fill", String(value));
    },
  });
  function Element(id) {
    this.id = id;
    this.style = new Style(id);
  }
  Object.defineProperty(Element.prototype, "text", {
    get() {
      return host.domGet(this.id, "text");
    },
    set(value) {
      host.domSet(this.id, "text", String(value));
    },
  });
  Object.defineProperty(Element.prototype, "sweepAngle", {
    get() {
      return host.domGet(this.id, "sweepAngle");
    },
    set(value) {
      host.domSet(this.id, "sweepAngle", Number(value));
    },
  });
  Element.prototype.addEventListener = function (type, fn) {
    if (!clickTargets[this.id]) clickTargets[this.id] = eventTarget({});
    clickTargets[this.id].addEventListener(type, fn);
  };
  Element.prototype.removeEventListener = function (type, fn) {
    if (clickTargets[this.id]) clickTargets[this.id].removeEventListener(type, fn);
  };
  const document = eventTarget({
    getElementById: (id) => (host.domHas(String(id)) ? new Element(String(id)) : null),
  });

  // ---- the rest of the device ----
  const display = eventTarget({ autoOff: true, on: true, poke() {} });
  const me = eventTarget({
    appTimeoutEnabled: true,
    exit() {
      host.note("exit", "", loop.now);
    },
    permissions: { granted: (name) => name === "access_heart_rate" },
  });
  /** One reading a second on the fake clock once started: 100 bpm plus the seconds, mod 40. */
  function HeartRateSensor() {
    const sensor = eventTarget({ heartRate: null, activated: false });
    let timer = null;
    sensor.start = () => {
      const first = loop.now;
      sensor.activated = true;
      timer = addTimer(
        () => {
          sensor.heartRate = 100 + (Math.floor((loop.now - first) / 1000) % 40);
          sensor.__dispatch("reading");
        },
        1000,
        true,
      );
    };
    sensor.stop = () => {
      sensor.activated = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
    };
    return sensor;
  }
  /** The phone is away: the socket stays closed and refuses to send. */
  const peerSocket = eventTarget({
    OPEN: 0,
    CLOSED: 1,
    readyState: 1,
    MAX_MESSAGE_SIZE: 1024,
    bufferedAmount: 0,
    send() {
      throw new Error("peerSocket is closed");
    },
  });
  const noFile = (name) => new Error(`no file ${name}`);
  const fs = {
    existsSync: (name) => host.fsExists(String(name)),
    readFileSync(name, encoding) {
      if (encoding !== "utf-8") throw new Error(`fs.readFileSync(${name}) as ${encoding}`);
      const text = host.fsRead(String(name));
      if (text === null) throw noFile(name);
      return text;
    },
    writeFileSync(name, data, encoding) {
      if (encoding !== "utf-8" || typeof data !== "string") {
        throw new Error(`fs.writeFileSync(${name}) is not text`);
      }
      host.fsWrite(String(name), data);
    },
    renameSync(from, to) {
      if (!host.fsRename(String(from), String(to))) throw noFile(from);
    },
    unlinkSync(name) {
      if (!host.fsUnlink(String(name))) throw noFile(name);
    },
  };
  const jsMemory = {};
  // memory.js reads the QuickJS heap: the figure the gate holds, under the limit as total.
  Object.defineProperty(jsMemory, "used", { get: () => host.heapUsed() });
  Object.defineProperty(jsMemory, "peak", { get: () => host.heapUsed() });
  jsMemory.total = options.heapLimitBytes;
  const modules = {
    appbit: { me },
    device: {
      me: {
        modelName: options.modelName,
        modelId: options.modelId,
        screen: options.screen,
        type: "WATCH",
      },
    },
    display: { display },
    document: { default: document, __esModule: true },
    fs,
    haptics: {
      vibration: {
        start(pattern) {
          host.note("buzz", String(pattern), loop.now);
          return true;
        },
        stop() {},
      },
    },
    "heart-rate": { HeartRateSensor },
    messaging: { peerSocket },
    system: {
      memory: {
        js: jsMemory,
        native: { used: 0, total: 0, peak: 0 },
        monitor: eventTarget({ pressure: "normal" }),
      },
    },
  };

  // ---- the control surface for the scripted user ----
  const module = { exports: {} };
  g.__smoke = {
    modules,
    module,
    require(name) {
      if (!hasOwn(modules, name)) {
        throw new Error(`the device app requires "${name}", which has no stand-in`);
      }
      return modules[name];
    },
    /** Runs the earliest timer due by `end`; false when none is (the clock then stays put). */
    step(end) {
      let next = null;
      for (const id in loop.timers) {
        if (next === null || loop.timers[id].at < loop.timers[next].at) next = id;
      }
      if (next === null || loop.timers[next].at > end) return JSON.stringify(false);
      const t = loop.timers[next];
      loop.now = Math.max(loop.now, t.at);
      if (t.every > 0) t.at += t.every;
      else delete loop.timers[next];
      guard("timer", t.fn);
      return JSON.stringify(true);
    },
    setNow(ms) {
      loop.now = Math.max(loop.now, ms);
    },
    now: () => loop.now,
    /** A finger on element `id` (the scripted user checked it is on screen). */
    tap(id) {
      const target = clickTargets[id];
      if (!target) return JSON.stringify(false);
      target.__dispatch("click", { screenX: 0, screenY: 0 });
      return JSON.stringify(true);
    },
    /** A physical key; answers whether the app kept it from the system (preventDefault). */
    key(name) {
      return JSON.stringify(document.__dispatch("keypress", { key: name }).defaultPrevented);
    },
    unload() {
      me.__dispatch("unload");
    },
    state: () =>
      JSON.stringify({ autoOff: display.autoOff, appTimeoutEnabled: me.appTimeoutEnabled }),
    /**
     * Makes QuickJS run its cycle collector now: allocates until a cyclic probe is collected.
     * (Its own trigger never fires in this wasm build, see quickjsVm.mjs.) Returns how many.
     */
    collect() {
      let probe = {};
      probe.self = probe;
      const ref = new WeakRefNow(probe);
      probe = null;
      const filler = [];
      while (ref.deref() !== undefined && filler.length < 1000000) filler.push({});
      return filler.length;
    },
    takeErrors() {
      const taken = errors.splice(0, errors.length);
      return JSON.stringify(taken);
    },
  };
}

// Smoke run of the built Fitbit app, as shipped in the .fba, without a watch or simulator (run by
// scripts/build-watch.mjs after fitbit-build; a failure fails the build):
//   - the device JS must parse as ECMAScript 5.1 (the caller passes a parser) and runs in a
//     sandbox stripped to ES5.1 + Promise (no Map, Set, Symbol, Object.entries, padStart…), the
//     level the SDK compiles to, against stand-ins for document (built from resources/index.view),
//     fs, haptics, display, appbit and messaging, on a fake clock;
//   - the companion JS runs in a second sandbox behind a peerSocket pair that enforces
//     MAX_MESSAGE_SIZE on every frame, with settingsStorage and fetch answered by a fake server;
//   - the settings page JS is rendered against stand-ins for its components.
// A scripted user then pages the home screen, runs a whole routine, uses the menu and the back
// button, restarts the app mid-set, pairs through the companion, syncs, and unpairs from settings.
import vm from "node:vm";

const SCREEN = { width: 336, height: 336 };
/** The frame limit the fake sockets enforce: a value for this test, not the device's. */
const TEST_MAX_MESSAGE_SIZE = 1024;
const DAY_MS = 86_400_000;

// ---- ES5 sandbox ----

/** Deletes every post-ES5 built-in (Promise stays: the SDK's own typings declare it). */
const STRIP_TO_ES5 = `(function (g) {
  function del(o, names) { for (var i = 0; i < names.length; i++) { try { delete o[names[i]]; } catch (e) {} } }
  del(g, ["Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Symbol", "Reflect",
    "Proxy", "BigInt", "BigInt64Array", "BigUint64Array", "Iterator", "globalThis", "AggregateError",
    "SharedArrayBuffer", "Atomics"]);
  del(Object, ["assign", "entries", "values", "fromEntries", "getOwnPropertySymbols",
    "getOwnPropertyDescriptors", "is", "setPrototypeOf", "hasOwn", "groupBy"]);
  del(Array, ["from", "of", "fromAsync"]);
  del(Array.prototype, ["find", "findIndex", "findLast", "findLastIndex", "fill", "copyWithin",
    "includes", "flat", "flatMap", "at", "keys", "values", "entries", "toSorted", "toReversed",
    "toSpliced", "with"]);
  del(String, ["fromCodePoint", "raw"]);
  del(String.prototype, ["padStart", "padEnd", "startsWith", "endsWith", "includes", "repeat",
    "codePointAt", "normalize", "trimStart", "trimEnd", "trimLeft", "trimRight", "at",
    "replaceAll", "matchAll", "isWellFormed", "toWellFormed"]);
  del(Number, ["isSafeInteger", "isInteger", "isFinite", "isNaN", "parseFloat", "parseInt",
    "EPSILON", "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER"]);
  del(Math, ["trunc", "sign", "hypot", "log10", "log2", "log1p", "expm1", "cbrt", "clz32", "imul",
    "fround", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]);
  del(Promise, ["allSettled", "any", "withResolvers", "try"]);
  del(Promise.prototype, ["finally"]);
})(this);`;

class SmokeError extends Error {}

function check(condition, message) {
  if (!condition) throw new SmokeError(message);
}

// ---- fake clock and timers, shared by both sandboxes ----

class Loop {
  constructor(now) {
    this.now = now;
    this.timers = [];
    this.nextId = 1;
    this.errors = [];
  }

  add(fn, ms, repeat) {
    const id = this.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    this.timers.push({ id, at: this.now + delay, delay, fn, repeat });
    return id;
  }

  clear(id) {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** The timer functions a sandbox sees. */
  api() {
    return {
      setTimeout: (fn, ms) => this.add(fn, ms, false),
      setInterval: (fn, ms) => this.add(fn, Math.max(1, Number(ms) || 0), true),
      clearTimeout: (id) => this.clear(id),
      clearInterval: (id) => this.clear(id),
    };
  }

  /** Lets promise chains started so far run to their end (both sandboxes share the queue). */
  async settle() {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves the clock forward, firing due timers in order and settling after each. */
  async advance(ms) {
    const end = this.now + ms;
    await this.settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id);
      const timer = due[0];
      if (timer === undefined) break;
      this.now = Math.max(this.now, timer.at);
      if (timer.repeat) timer.at = this.now + timer.delay;
      else this.clear(timer.id);
      try {
        timer.fn();
      } catch (error) {
        this.errors.push(error);
        throw error;
      }
      await this.settle();
    }
    this.now = end;
    await this.settle();
  }
}

// ---- CBOR size, for the socket's MAX_MESSAGE_SIZE check ----

function utf8Length(text) {
  return Buffer.byteLength(text, "utf8");
}

function cborSize(value) {
  const head = (n) => (n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9);
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "number") return Number.isInteger(value) ? head(Math.abs(value)) : 9;
  if (typeof value === "string") return head(utf8Length(value)) + utf8Length(value);
  if (Array.isArray(value)) return head(value.length) + value.reduce((n, v) => n + cborSize(v), 0);
  const entries = Object.entries(value);
  return head(entries.length) + entries.reduce((n, [k, v]) => n + cborSize(k) + cborSize(v), 0);
}

// ---- event targets ----

function eventTarget(target = {}) {
  const listeners = {};
  target.addEventListener = (type, fn) => {
    listeners[type] = [...(listeners[type] ?? []), fn];
  };
  target.removeEventListener = (type, fn) => {
    listeners[type] = (listeners[type] ?? []).filter((f) => f !== fn);
  };
  target.dispatch = (type, event = {}) => {
    const e = { type, defaultPrevented: false, ...event };
    e.preventDefault = () => {
      e.defaultPrevented = true;
    };
    for (const fn of listeners[type] ?? []) fn(e);
    const handler = target[`on${type}`];
    if (typeof handler === "function") handler(e);
    return e;
  };
  target.listenerCount = (type) => (listeners[type] ?? []).length;
  return target;
}

// ---- document from index.view ----

function buildDocument(viewXml) {
  const root = { tag: "#document", attrs: {}, children: [], parent: null };
  const byId = new Map();
  let current = root;
  const token =
    /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of viewXml.matchAll(token)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[5] !== undefined) {
      if (m[5].trim() !== "") current.text = (current.text ?? "") + m[5].trim();
      continue;
    }
    if (m[1] !== undefined) {
      current = current.parent;
      continue;
    }
    const attrs = {};
    for (const a of (m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    const el = eventTarget({
      tag: m[2],
      id: attrs.id ?? "",
      attrs,
      parent: current,
      children: [],
      text: "",
      style: { display: attrs.display ?? "inline", fill: attrs.fill ?? "" },
      sweepAngle: Number(attrs["sweep-angle"] ?? 0),
    });
    current.children.push(el);
    if (el.id) byId.set(el.id, el);
    if (m[4] !== "/") current = el;
  }
  const doc = eventTarget({
    getElementById: (id) => byId.get(id) ?? null,
  });
  const visible = (el) => {
    for (let n = el; n && n.tag !== "#document"; n = n.parent) {
      if (n.style?.display === "none") return false;
    }
    return true;
  };
  const el = (id) => {
    const found = byId.get(id);
    check(found !== undefined, `index.view has no #${id}`);
    return found;
  };
  return {
    doc,
    el,
    visible: (id) => visible(el(id)),
    text: (id) => el(id).text,
    /** The one top-level screen group on show. */
    screen() {
      const shown = root.children[0].children.filter((g) => g.id !== "menu" && visible(g));
      check(shown.length === 1, `one screen group shows (${shown.map((g) => g.id).join(", ")})`);
      return shown[0].id;
    },
    /** A tap on button `id`, which must be on screen. */
    tap(id) {
      const hit = el(`${id}-hit`);
      check(visible(hit), `#${id} is on screen to be tapped`);
      hit.dispatch("click", { screenX: 0, screenY: 0 });
    },
    key(key) {
      return doc.dispatch("keypress", { key });
    },
  };
}

// ---- peer sockets ----

function socketPair(loop, parsers) {
  const stats = { frames: 0, largest: 0 };
  const OPEN = 0;
  const CLOSED = 1;
  const make = (side) =>
    eventTarget({
      OPEN,
      CLOSED,
      readyState: CLOSED,
      MAX_MESSAGE_SIZE: TEST_MAX_MESSAGE_SIZE,
      bufferedAmount: 0,
      send(data) {
        if (this.readyState !== OPEN) throw new Error("peerSocket is closed");
        const size = cborSize(data);
        check(size <= TEST_MAX_MESSAGE_SIZE, `${side} sent ${size} bytes, over MAX_MESSAGE_SIZE`);
        stats.frames++;
        // SMOKE_DEBUG=1 npm run build:watch -- fitbit: every frame, as it goes.
        if (process.env.SMOKE_DEBUG)
          console.log(`  [${loop.now}] ${side}: ${JSON.stringify(data)}`);
        stats.largest = Math.max(stats.largest, size);
        const other = side === "watch" ? phone : watch;
        const text = JSON.stringify(data);
        // Delivered a little later, as a value of the receiving sandbox (CBOR decodes there).
        loop.add(() => {
          if (other.readyState === OPEN)
            other.dispatch("message", { data: parsers[other.side](text) });
        }, 30);
      },
    });
  let watch = Object.assign(make("watch"), { side: "watch" });
  const phone = Object.assign(make("phone"), { side: "phone" });
  return {
    stats,
    get watch() {
      return watch;
    },
    phone,
    /** A relaunched watch app gets a socket of its own; the old one goes dead. */
    replaceWatch() {
      const fresh = Object.assign(make("watch"), { side: "watch", readyState: watch.readyState });
      watch.readyState = CLOSED;
      watch = fresh;
      return fresh;
    },
    connect() {
      for (const s of [watch, phone]) s.readyState = OPEN;
      for (const s of [watch, phone]) s.dispatch("open");
    },
    disconnect() {
      for (const s of [watch, phone]) s.readyState = CLOSED;
      for (const s of [watch, phone]) s.dispatch("close", { code: 0, wasClean: true });
    },
  };
}

// ---- the device sandbox ----

function runDevice({ code, viewXml, loop, files, socket, logs }) {
  const context = vm.createContext({});
  vm.runInContext(STRIP_TO_ES5, context);
  const setClock = vm.runInContext("(function (now) { Date.now = now; })", context);
  setClock(() => loop.now);
  const dom = buildDocument(viewXml);
  const buzzes = [];
  const display = eventTarget({ autoOff: true, on: true, poke() {} });
  const me = eventTarget({
    appTimeoutEnabled: true,
    exit() {},
    permissions: { granted: (name) => name === "access_heart_rate" },
  });
  const heartRate = { readings: 0 };
  /** Reads 100 bpm plus the seconds since it started, once a second on the fake clock. */
  // Called with `new` by the app; a function that returns its sensor object, as the module's
  // constructor gives one.
  function HeartRateSensor() {
    const sensor = eventTarget({ heartRate: null, activated: false });
    let timer = null;
    let first = 0;
    sensor.start = () => {
      first = loop.now;
      sensor.activated = true;
      timer = loop.add(
        () => {
          sensor.heartRate = 100 + (Math.floor((loop.now - first) / 1000) % 40);
          heartRate.readings++;
          sensor.dispatch("reading");
        },
        1000,
        true,
      );
    };
    sensor.stop = () => {
      sensor.activated = false;
      if (timer !== null) loop.clear(timer);
      timer = null;
    };
    return sensor;
  }
  const modules = {
    appbit: { me },
    "heart-rate": { HeartRateSensor },
    device: { me: { modelName: "Versa 3", modelId: "atlas", screen: SCREEN, type: "WATCH" } },
    display: { display },
    document: { default: dom.doc, __esModule: true },
    messaging: { peerSocket: socket },
    system: {
      memory: {
        js: { used: 40_000, total: 65_536, peak: 42_000 },
        native: { used: 0, total: 0, peak: 0 },
        monitor: eventTarget({ pressure: "normal" }),
      },
    },
    haptics: {
      vibration: {
        start(pattern) {
          buzzes.push(pattern);
          return true;
        },
        stop() {},
      },
    },
    fs: {
      existsSync: (name) => files.has(name),
      readFileSync(name, encoding) {
        check(encoding === "utf-8", `fs.readFileSync(${name}) as ${encoding}`);
        if (!files.has(name)) throw new Error(`no file ${name}`);
        return files.get(name);
      },
      writeFileSync(name, data, encoding) {
        check(encoding === "utf-8" && typeof data === "string", `fs.writeFileSync(${name}) text`);
        files.set(name, data);
      },
      renameSync(from, to) {
        if (!files.has(from)) throw new Error(`no file ${from}`);
        files.set(to, files.get(from));
        files.delete(from);
      },
      unlinkSync(name) {
        if (!files.has(name)) throw new Error(`no file ${name}`);
        files.delete(name);
      },
    },
  };
  const require = (name) => {
    check(name in modules, `the device app requires "${name}", which has no stand-in`);
    return modules[name];
  };
  Object.assign(context, loop.api(), {
    console: {
      log: (...a) => logs.push(`watch: ${a.join(" ")}`),
      warn: (...a) => logs.push(`watch warn: ${a.join(" ")}`),
      error: (...a) => logs.push(`watch error: ${a.join(" ")}`),
    },
  });
  const main = vm.runInContext(`(function (require, module, exports) {\n${code}\n})`, context, {
    filename: "app/index.js",
  });
  const module = { exports: {} };
  main(require, module, module.exports);
  const parse = vm.runInContext("JSON.parse", context);
  return { dom, buzzes, display, me, parse };
}

// ---- the companion sandbox (a phone: a modern engine) ----

function liveStorage() {
  const data = new Map();
  const storage = eventTarget({
    get length() {
      return data.size;
    },
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
    key: (i) => [...data.keys()][i] ?? null,
    clear: () => data.clear(),
  });
  /** A write from the settings page: the companion hears about it. */
  storage.fromPage = (key, value) => {
    const oldValue = storage.getItem(key);
    if (value === null) data.delete(key);
    else data.set(key, value);
    storage.dispatch("change", { key, oldValue, newValue: value });
  };
  return storage;
}

function runCompanion({ code, loop, socket, storage, fetch, logs }) {
  const context = vm.createContext({});
  const modules = {
    messaging: { peerSocket: socket },
    settings: { settingsStorage: storage },
    companion: { me: eventTarget({ launchReasons: {}, permissions: { granted: () => true } }) },
  };
  const require = (name) => {
    check(name in modules, `the companion requires "${name}", which has no stand-in`);
    return modules[name];
  };
  Object.assign(context, loop.api(), {
    fetch,
    console: {
      log: (...a) => logs.push(`phone: ${a.join(" ")}`),
      warn: (...a) => logs.push(`phone warn: ${a.join(" ")}`),
      error: (...a) => logs.push(`phone error: ${a.join(" ")}`),
    },
  });
  vm.runInContext("(function (now) { Date.now = now; })", context)(() => loop.now);
  const main = vm.runInContext(`(function (require, module, exports) {\n${code}\n})`, context, {
    filename: "companion.js",
  });
  const module = { exports: {} };
  main(require, module, module.exports);
  return { parse: vm.runInContext("JSON.parse", context) };
}

// ---- the settings page ----

function renderSettings(code, storage) {
  let page = null;
  const context = vm.createContext({
    registerSettingsPage: (fn) => {
      page = fn;
    },
    createComponent: (type, props, ...children) => ({ type, props: props ?? {}, children }),
  });
  for (const name of ["Page", "Section", "Text", "TextInput", "Button", "Toggle", "Link"]) {
    context[name] = name;
  }
  vm.runInContext(code, context, { filename: "settings.js" });
  check(typeof page === "function", "the settings page registers itself");
  const tree = page({ settingsStorage: storage, settings: {} });
  const nodes = [];
  const walk = (node) => {
    if (node === null || node === undefined || node === false) return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object") return;
    nodes.push(node);
    walk(node.children);
    walk(node.props?.title);
    walk(node.props?.description);
  };
  walk(tree);
  const textOf = (node) =>
    typeof node === "string" || typeof node === "number"
      ? String(node)
      : Array.isArray(node)
        ? node.map(textOf).join("")
        : node && typeof node === "object"
          ? textOf(node.children)
          : "";
  return {
    texts: nodes.filter((n) => n.type === "Text").map(textOf),
    inputs: nodes.filter((n) => n.type === "TextInput").map((n) => n.props),
    buttons: nodes.filter((n) => n.type === "Button").map((n) => n.props),
  };
}

// ---- the fake server ----

function fakeServer(loop) {
  const state = { approved: false, pushed: [], lastSeq: 0, requests: [], today: null };
  const respond = (status, body) => ({
    status,
    headers: { get: (name) => (name.toLowerCase() === "content-type" ? "application/json" : null) },
    text: async () => JSON.stringify(body),
  });
  const route = (method, path, body) => {
    if (method === "POST" && path === "/devices/pair") {
      return respond(200, {
        device_code: "device-code-1",
        user_code: "ACDEFGHJ",
        verification_uri: "https://rs.example/pair",
        verification_uri_complete: "https://rs.example/pair?code=ACDEFGHJ",
        expires_in: 600,
        interval: 2,
      });
    }
    if (method === "POST" && path === "/devices/token") {
      return state.approved
        ? respond(200, { access_token: "token-1", token_type: "Bearer", device_id: "device-1" })
        : respond(400, { error: "authorization_pending", message: "Not yet approved." });
    }
    if (method === "POST" && path === "/sync/push") {
      const acks = body.mutations.map((m) => ({ seq: m.seq, status: "applied" }));
      for (const m of body.mutations) state.pushed.push(m);
      if (acks.length > 0) state.lastSeq = Math.max(state.lastSeq, ...acks.map((a) => a.seq));
      return respond(200, { acks, last_seq: state.lastSeq, cursor: "c1" });
    }
    if (method === "GET" && path.startsWith("/sync/pull")) {
      const plan = state.today;
      return respond(200, {
        changes: {
          plans: plan === null ? [] : [{ id: "plan-1", rev: 1, plan, updated_at: "x", version: 1 }],
          sessions: [],
          sets: [],
          runs: [],
          assessments: [],
          settings:
            plan === null
              ? []
              : [{ active_plan_id: "plan-1", units: "metric", rest_s_default: 60, version: 1 }],
        },
        cursor: "c2",
        has_more: false,
        last_seq: state.lastSeq,
      });
    }
    if (method === "GET" && path === "/exercises") {
      return respond(200, { exercises: [{ id: "squat", name: "Squat", cues: ["Sit back"] }] });
    }
    if (method === "GET" && path.startsWith("/plans/today?date=")) {
      // Today's session as the server progresses it: two more reps than the plan says.
      const plan = state.today;
      if (plan === null) return respond(404, { error: "not_found", message: "No active plan." });
      const date = path.slice("/plans/today?date=".length);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const planned = plan.days.find((d) => d.weekday === weekday);
      const day =
        planned === undefined
          ? null
          : {
              ...planned,
              items: planned.items.map((i) => ({ ...i, target_reps: i.target_reps + 2 })),
            };
      const progression =
        day === null
          ? []
          : [
              {
                exercise_id: "squat",
                from: { target_reps: 8 },
                to: { target_reps: 10 },
                reason: "Two more reps.",
              },
            ];
      return respond(200, {
        date,
        plan_id: "plan-1",
        week: 1,
        deload: false,
        taper: false,
        day,
        progression,
        adjustment: null,
      });
    }
    return respond(404, { error: "not_found", message: `${method} ${path}` });
  };
  const fetch = (url, init = {}) =>
    new Promise((resolve) => {
      const method = init.method ?? "GET";
      const path = String(url).replace(/^https?:\/\/[^/]+\/api\/v1/, "");
      state.requests.push(`${method} ${String(url)}`);
      const body = init.body === undefined ? undefined : JSON.parse(init.body);
      // Some network time.
      loop.add(() => resolve(route(method, path, body)), 150);
    });
  return { state, fetch };
}

// ---- the script ----

/** Advances the clock a second at a time until `condition()` holds, at most `maxMs`. */
async function waitFor(loop, condition, maxMs, what) {
  for (let waited = 0; !condition(); waited += 1000) {
    check(waited < maxMs, `${what} within ${Math.round(maxMs / 1000)} s`);
    await loop.advance(1000);
  }
}

function isoWeekday(ms) {
  const offset = -new Date(ms).getTimezoneOffset();
  const days = Math.floor((ms + offset * 60_000) / DAY_MS);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Drives the session on screen to its summary the way a user would. */
async function runSession(watch, loop, passed) {
  const { dom } = watch;
  const seen = new Set();
  for (let step = 0; step < 600; step++) {
    const group = dom.screen();
    seen.add(group);
    switch (group) {
      case "intro":
        check(dom.text("intro-title") !== "", "the intro names the exercise");
        dom.tap("intro-start");
        break;
      case "reps": {
        const count = Number(dom.text("reps-count"));
        if (count === 0 && !seen.has("menu-checked")) {
          // The menu opens from its button and from the back button, and closes again.
          dom.tap("reps-menu");
          check(dom.visible("menu") && dom.visible("menu-0"), "the menu opens");
          check(dom.text("menu-0-label") === "Pause", "the menu offers Pause first");
          dom.tap("menu-back");
          check(!dom.visible("menu"), "the menu closes");
          const e = dom.key("back");
          check(e.defaultPrevented && dom.visible("menu"), "back opens the menu mid-set");
          dom.key("back");
          check(!dom.visible("menu"), "back closes the menu");
          seen.add("menu-checked");
          passed.push("session menu: button and back key open it, Back and back key close it");
        }
        if (count < 3) dom.tap("reps-tap");
        else dom.tap("reps-done");
        break;
      }
      case "hold":
        await loop.advance(1000);
        break;
      case "rest":
        if (dom.text("rest-count") === "") await loop.advance(1000);
        else dom.tap("rest-skip");
        break;
      case "switch":
        dom.tap("switch-confirm");
        break;
      case "summary":
        return seen;
      default:
        throw new SmokeError(`unexpected screen ${group} during a session`);
    }
    await loop.settle();
  }
  throw new SmokeError("the session did not reach its summary");
}

/**
 * Runs the scenario; resolves with the checks that passed, rejects with the first that failed.
 * `parseEs5(code)` must throw on anything beyond ECMAScript 5.1 syntax.
 */
export async function smokeRunFitbit({ deviceJs, companionJs, settingsJs, viewXml, parseEs5 }) {
  const passed = [];
  const logs = [];
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    parseEs5(deviceJs);
    passed.push("device JS parses as ECMAScript 5.1");

    // A Monday morning, local time.
    const start = Date.UTC(2025, 0, 6, 7, 0, 0);
    const loop = new Loop(start);
    const files = new Map();
    let parsers = { watch: JSON.parse, phone: JSON.parse };
    const sockets = socketPair(loop, {
      watch: (t) => parsers.watch(t),
      phone: (t) => parsers.phone(t),
    });

    // 1. The phone is away: home, paging, a whole routine on the watch alone.
    let watch = runDevice({ code: deviceJs, viewXml, loop, files, socket: sockets.watch, logs });
    parsers = { ...parsers, watch: watch.parse };
    await loop.advance(1000);
    check(watch.dom.screen() === "home", "the app opens on home");
    const firstCard = watch.dom.text("home-card-label");
    check(firstCard === "Bare minimum", `home shows the first routine (${firstCard})`);
    check(watch.dom.visible("home-pair"), "home offers pairing");
    check(
      watch.dom.text("home-sync") !== "",
      `home shows the sync state (${watch.dom.text("home-sync")})`,
    );
    watch.dom.tap("home-next");
    check(watch.dom.text("home-card-label") !== firstCard, "> shows the next routine");
    watch.dom.tap("home-prev");
    check(watch.dom.text("home-card-label") === firstCard, "< goes back");
    check(!watch.dom.key("back").defaultPrevented, "back at home lets the app close");
    passed.push("home: card, paging, pair button, back key exits (ES5 sandbox, phone away)");

    watch.dom.tap("home-card");
    check(
      watch.display.autoOff === false && watch.me.appTimeoutEnabled === false,
      "the screen stays on in a session",
    );
    const seen = await runSession(watch, loop, passed);
    for (const group of ["reps", "switch", "rest", "intro", "hold", "summary"]) {
      check(seen.has(group), `the routine went through ${group}`);
    }
    check(/^\d+ sets?$/.test(watch.dom.text("summary-sets")), "the summary counts sets");
    const kinds = new Set(watch.buzzes);
    check(kinds.size >= 3, `cues buzz with several patterns (${[...kinds].join(", ")})`);
    watch.dom.tap("summary-close");
    await loop.advance(1000);
    check(watch.dom.screen() === "home", "closing the summary returns home");
    check(watch.display.autoOff === true, "the screen may turn off again after the session");
    const outbox = files.get("kv_runstrong.outbox");
    check(
      outbox !== undefined && outbox.length > 20,
      "the finished session waits in the outbox file",
    );
    check(
      /waiting/.test(watch.dom.text("home-sync")),
      `home says sets wait (${watch.dom.text("home-sync")})`,
    );
    passed.push(
      `routine run through ${[...seen].filter((g) => !g.includes("-")).join(", ")}; haptics ${[...kinds].join(", ")}; display kept on`,
    );

    // 2. Restart mid-set: the count comes back from the files.
    watch.dom.tap("home-card");
    watch.dom.tap("reps-tap");
    watch.dom.tap("reps-tap");
    watch.me.dispatch("unload");
    watch = runDevice({
      code: deviceJs,
      viewXml,
      loop,
      files,
      socket: sockets.replaceWatch(),
      logs,
    });
    parsers = { ...parsers, watch: watch.parse };
    await loop.advance(1000);
    check(
      watch.dom.screen() === "reps" && watch.dom.text("reps-count") === "2",
      "a restart resumes the set at its count",
    );
    watch.dom.tap("reps-menu");
    watch.dom.tap("menu-2"); // Finish: the first tap asks again
    await loop.advance(200);
    check(watch.dom.screen() !== "summary", "one tap on Finish does not end the session");
    watch.dom.tap("menu-2"); // Finish, confirmed
    await loop.advance(500);
    check(watch.dom.screen() === "summary", "Finish from the menu ends the session");
    watch.dom.tap("summary-close");
    passed.push("restart mid-set resumes from the watch's files; Finish from the menu");

    // 3. The phone comes: the companion, pairing, today's plan, sync.
    const server = fakeServer(loop);
    const weekday = isoWeekday(loop.now);
    server.state.today = {
      name: "Marathon base",
      days: [
        {
          weekday,
          title: "Lower body",
          items: [
            {
              exercise_id: "squat",
              mode: "reps",
              per_side: false,
              sets: 2,
              target_reps: 8,
              rest_s: 60,
            },
          ],
        },
      ],
    };
    const storage = liveStorage();
    const phone = runCompanion({
      code: companionJs,
      loop,
      socket: sockets.phone,
      storage,
      fetch: server.fetch,
      logs,
    });
    parsers = { ...parsers, phone: phone.parse };
    await loop.advance(500);
    sockets.connect();
    await loop.advance(2000);
    check(
      server.state.requests.some((r) => r.includes("/sync/pull")) === false,
      "no pull before pairing",
    );
    check(sockets.stats.frames >= 2, "the watch asks the phone as soon as it is in reach");
    const status = () => JSON.parse(storage.getItem("runstrong.settings.status") ?? "null");
    check(status()?.pairing === "idle", "the companion publishes its status for the settings page");

    watch.dom.tap("home-pair");
    check(watch.dom.screen() === "pairing", "Pair with phone opens the pairing screen");
    await waitFor(loop, () => watch.dom.text("pair-code") !== "", 20_000, "a pairing code");
    check(
      watch.dom.text("pair-code") === "ACDE-FGHJ",
      `the code shows in large type (${watch.dom.text("pair-code")})`,
    );
    check(/^Expires in /.test(watch.dom.text("pair-expires")), "with its expiry");
    check(status()?.code === "ACDE-FGHJ", "and on the settings page");
    let page = renderSettings(settingsJs, storage);
    check(
      page.texts.some((t) => t.includes("Pairing code ACDE-FGHJ")),
      "the settings page shows the code",
    );
    check(
      page.inputs.some((p) => p.settingsKey === "runstrong.settings.serverUrl"),
      "and the server URL field",
    );
    passed.push(
      "pairing: the watch asks, the companion gets a code, watch and settings page show it",
    );

    server.state.approved = true;
    await waitFor(loop, () => /Paired/.test(watch.dom.text("pair-message")), 20_000, "pairing");
    check(
      /Paired/.test(watch.dom.text("pair-message")),
      `the watch learns it is paired (${watch.dom.text("pair-message")})`,
    );
    check(status()?.pairing === "paired", "the settings page too");
    watch.dom.tap("pair-a0");
    check(watch.dom.screen() === "home", "Close returns home");
    await waitFor(loop, () => /^Synced/.test(watch.dom.text("home-sync")), 6 * 60_000, "a sync");
    check(
      server.state.pushed.length >= 6,
      `the outbox reached the server (${server.state.pushed.length} mutations)`,
    );
    check(
      /^Synced/.test(watch.dom.text("home-sync")),
      `home says synced (${watch.dom.text("home-sync")})`,
    );
    // Sets done with the sensor reading carry their heart rate (sets from the restart before
    // the sensor's first reading may not).
    const withHr = server.state.pushed.filter((m) => m.op === "set.log" && m.args.hr_max >= 100);
    check(withHr.length > 0, "set.log reached the server with the sensor's heart rate");
    passed.push(
      `sync: ${server.state.pushed.length} mutations reached the server; ${sockets.stats.frames} peerSocket frames so far, largest ${sockets.stats.largest} of ${TEST_MAX_MESSAGE_SIZE} bytes`,
    );

    // Today's plan: fetched at open and every 15 min at home.
    await waitFor(
      loop,
      () => watch.dom.text("home-card-label") === "Lower body",
      16 * 60_000,
      "today's plan",
    );
    check(
      watch.dom.text("home-card-label") === "Lower body",
      `today's session leads home (${watch.dom.text("home-card-label")})`,
    );
    check(/^Today/.test(watch.dom.text("home-page")), "marked as today");
    check(
      watch.dom.text("home-info") === "Two more reps.",
      `with why its targets moved (${watch.dom.text("home-info")})`,
    );
    check(
      server.state.requests.filter((r) => r.includes("/plans/today?date=")).length >= 7,
      "the phone asked GET /plans/today for the week, a date at a time",
    );
    passed.push(
      "today's session from /plans/today (progressed, with its why) reaches the home card",
    );

    // 4. Settings: a bad URL is refused, unpair works.
    storage.fromPage("runstrong.settings.serverUrl", "not a url");
    await loop.advance(500);
    check(
      status()?.serverError !== null && status()?.pairing === "paired",
      "a bad URL is refused and changes nothing",
    );
    page = renderSettings(settingsJs, storage);
    const unpair = page.buttons.find((b) => b.label === "Unpair");
    check(unpair !== undefined, "the settings page offers Unpair when paired");
    unpair.onClick();
    storage.dispatch("change", {
      key: "runstrong.settings.unpair",
      newValue: storage.getItem("runstrong.settings.unpair"),
    });
    await loop.advance(1000);
    check(status()?.pairing === "idle", "Unpair on the settings page unpairs");
    check(storage.getItem("runstrong.settings.unpair") === null, "and clears its request");
    await waitFor(
      loop,
      () => /^Not paired/.test(watch.dom.text("home-sync")),
      6 * 60_000,
      "the watch to learn",
    );
    check(
      /^Not paired/.test(watch.dom.text("home-sync")),
      `the watch learns it (${watch.dom.text("home-sync")})`,
    );
    passed.push(
      "settings page: status lines, bad URL refused, Unpair reaches the relay and the watch",
    );

    check(loop.errors.length === 0, `no timer threw (${loop.errors[0]})`);
    check(unhandled.length === 0, `no promise was left rejected (${unhandled[0]})`);
    const errorsLogged = logs.filter((l) => / error: /.test(l));
    check(errorsLogged.length === 0, `nothing logged an error (${errorsLogged[0]})`);
    return passed;
  } catch (error) {
    const tail = logs.slice(-12).join("\n    ");
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${why}${tail ? `\n  last logs:\n    ${tail}` : ""}\n  passed before: ${passed.length}`,
    );
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

// The device sandbox: the shipped device JS run in an ES5.1 context against stand-ins for the
// Fitbit device modules (document from resources/index.view, fs, haptics, display, appbit, sensors).
import vm from "node:vm";
import { parseIndexView } from "../indexView.mjs";
import { check, eventTarget, STRIP_TO_ES5 } from "./sandbox.mjs";

const SCREEN = { width: 336, height: 336 };

// ---- document from index.view ----

function buildDocument(viewXml) {
  const { root, byId } = parseIndexView(viewXml, (tag, attrs, parent) =>
    eventTarget({
      tag,
      id: attrs.id ?? "",
      attrs,
      parent,
      children: [],
      text: "",
      style: { display: attrs.display ?? "inline", fill: attrs.fill ?? "" },
      sweepAngle: Number(attrs["sweep-angle"] ?? 0),
    }),
  );
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

// ---- the device sandbox ----

export function runDevice({ code, viewXml, loop, files, socket, logs }) {
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

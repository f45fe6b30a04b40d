// The companion sandbox (a phone: a modern engine) with stand-ins for messaging, settings
// storage and the companion module, and the settings page rendered against stand-in components.
import vm from "node:vm";
import { check, eventTarget } from "./sandbox.mjs";

// ---- the companion sandbox (a phone: a modern engine) ----

export function liveStorage() {
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

export function runCompanion({ code, loop, socket, storage, fetch, logs }) {
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

export function renderSettings(code, storage) {
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

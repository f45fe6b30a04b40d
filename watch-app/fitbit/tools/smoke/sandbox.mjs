// The sandboxes' shared ground: the script that strips a context down to ES5.1, the smoke run's
// failure type, the fake clock both sandboxes share, and DOM-like event targets.

// ---- ES5 sandbox ----

/** Deletes every post-ES5 built-in (Promise stays: the SDK's own typings declare it). */
export const STRIP_TO_ES5 = `(function (g) {
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

export class SmokeError extends Error {}

export function check(condition, message) {
  if (!condition) throw new SmokeError(message);
}

// ---- fake clock and timers, shared by both sandboxes ----

export class Loop {
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

// ---- event targets ----

export function eventTarget(target = {}) {
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

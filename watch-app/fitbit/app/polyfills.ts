// The ES2015+ built-ins the core and the shared engine use, for the Fitbit watch: its JerryScript
// runs what the SDK compiles to, ECMAScript 5.1 plus Promise. Each one is installed only where the
// runtime lacks it, so a firmware that has them keeps its own.
//
// Map and Set are not installed as globals (strict ES5 code has no handle on the global object):
// scripts/watchBuild/fitbitBuild.mjs injects this module's `Map` and `Set` exports in place of every free
// `Map`/`Set` reference of the device bundle. Everything else is patched onto the built-in
// objects when this module runs, which app/index.ts makes the first thing the app does.
//
// app/polyfilled.d.ts declares exactly this list to the type-check: device code that uses any
// other post-ES5 built-in fails the build. Written in plain ES5 (index loops, no iteration helpers).

// ---- Map and Set ----

/** Marks a deleted slot; kept until clear() so iteration order and live iterators stay valid. */
const HOLE = {};

/**
 * True for NaN only. This file implements Number.isNaN for a runtime without it; the global
 * isNaN (ES5) would also say true for strings like "x".
 */
function isNaNValue(value: unknown): boolean {
  // biome-ignore lint/suspicious/noSelfCompare: the ES5 way to test for NaN (Number.isNaN is polyfilled here).
  return value !== value;
}

/** A string standing for a primitive key under SameValueZero, or null for an object key. */
function primitiveKey(key: unknown): string | null {
  switch (typeof key) {
    case "string":
      return `s${key}`;
    case "number":
      // SameValueZero: NaN equals NaN, +0 equals -0.
      return isNaNValue(key) ? "NaN" : `n${(key as number) === 0 ? 0 : key}`;
    case "boolean":
      return key ? "T" : "F";
    case "undefined":
      return "U";
    default:
      return key === null ? "N" : null;
  }
}

/**
 * Walks what a Map or Set constructor is given: an array (all the core passes) or a Map/Set.
 * Other iterables would need Symbol, which ES5 lacks: they are refused rather than ignored.
 */
function eachOf(source: unknown, visit: (item: unknown) => void): void {
  if (source === null || source === undefined) return;
  const list = source as ArrayLike<unknown> & { forEach?: unknown };
  if (typeof list.length === "number") {
    for (let i = 0; i < list.length; i++) visit(list[i]);
  } else if (source instanceof PolyMap) {
    source.forEach((v, k) => {
      visit([k, v]);
    });
  } else if (source instanceof PolySet) {
    source.forEach((v) => {
      visit(v);
    });
  } else {
    throw new TypeError("Map and Set take an array here");
  }
}

type IteratorKind = 0 | 1 | 2; // keys, values, entries

function makeIterator<T>(
  keys: unknown[],
  values: unknown[],
  kind: IteratorKind,
): IterableIterator<T> {
  let at = 0;
  const iterator = {
    next(): IteratorResult<T> {
      while (at < keys.length && keys[at] === HOLE) at++;
      if (at >= keys.length) return { done: true, value: undefined };
      const k = keys[at];
      const v = values[at];
      at++;
      return { done: false, value: (kind === 0 ? k : kind === 1 ? v : [k, v]) as T };
    },
  } as IterableIterator<T>;
  if (typeof Symbol === "function" && Symbol.iterator) {
    (iterator as unknown as { [key: symbol]: () => unknown })[Symbol.iterator] = () => iterator;
  }
  return iterator;
}

/** Insertion-ordered map; primitive keys are found through an index, object keys by scanning. */
export class PolyMap<K, V> {
  private keys_: unknown[] = [];
  private values_: unknown[] = [];
  private index_: { [key: string]: number } = Object.create(null);
  size = 0;

  constructor(entries?: ArrayLike<readonly [K, V]> | null) {
    eachOf(entries, (entry) => {
      const pair = entry as readonly [K, V];
      this.set(pair[0], pair[1]);
    });
  }

  private slot(key: unknown): number {
    const p = primitiveKey(key);
    if (p !== null) {
      const at = this.index_[p];
      return at === undefined ? -1 : at;
    }
    for (let i = 0; i < this.keys_.length; i++) if (this.keys_[i] === key) return i;
    return -1;
  }

  get(key: K): V | undefined {
    const at = this.slot(key);
    return at < 0 ? undefined : (this.values_[at] as V);
  }

  has(key: K): boolean {
    return this.slot(key) >= 0;
  }

  set(key: K, value: V): this {
    const at = this.slot(key);
    if (at >= 0) {
      this.values_[at] = value;
      return this;
    }
    const p = primitiveKey(key);
    if (p !== null) this.index_[p] = this.keys_.length;
    // A -0 key is stored as +0, as the spec says.
    this.keys_.push(key === 0 ? 0 : key);
    this.values_.push(value);
    this.size++;
    return this;
  }

  delete(key: K): boolean {
    const at = this.slot(key);
    if (at < 0) return false;
    const p = primitiveKey(key);
    if (p !== null) delete this.index_[p];
    this.keys_[at] = HOLE;
    this.values_[at] = undefined;
    this.size--;
    return true;
  }

  clear(): void {
    // Live iterators keep the old arrays and see nothing more.
    this.keys_ = [];
    this.values_ = [];
    this.index_ = Object.create(null);
    this.size = 0;
  }

  forEach(callback: (value: V, key: K, map: this) => void, thisArg?: unknown): void {
    // Entries added during the walk are visited too; deleted ones are skipped.
    for (let i = 0; i < this.keys_.length; i++) {
      const k = this.keys_[i];
      if (k !== HOLE) callback.call(thisArg, this.values_[i] as V, k as K, this);
    }
  }

  keys(): IterableIterator<K> {
    return makeIterator<K>(this.keys_, this.values_, 0);
  }

  values(): IterableIterator<V> {
    return makeIterator<V>(this.keys_, this.values_, 1);
  }

  entries(): IterableIterator<[K, V]> {
    return makeIterator<[K, V]>(this.keys_, this.values_, 2);
  }
}

export class PolySet<T> {
  private map_ = new PolyMap<T, T>();

  constructor(values?: ArrayLike<T> | null) {
    eachOf(values, (value) => this.add(value as T));
  }

  get size(): number {
    return this.map_.size;
  }

  add(value: T): this {
    this.map_.set(value, value);
    return this;
  }

  has(value: T): boolean {
    return this.map_.has(value);
  }

  delete(value: T): boolean {
    return this.map_.delete(value);
  }

  clear(): void {
    this.map_.clear();
  }

  forEach(callback: (value: T, value2: T, set: this) => void, thisArg?: unknown): void {
    this.map_.forEach((v) => {
      callback.call(thisArg, v, v, this);
    });
  }

  keys(): IterableIterator<T> {
    return this.map_.keys();
  }

  values(): IterableIterator<T> {
    return this.map_.keys();
  }

  entries(): IterableIterator<[T, T]> {
    return this.map_.entries();
  }
}

if (typeof Symbol === "function" && Symbol.iterator) {
  const iterable = (proto: object, method: string) => {
    (proto as { [key: symbol]: unknown })[Symbol.iterator] = (proto as { [key: string]: unknown })[
      method
    ];
  };
  iterable(PolyMap.prototype, "entries");
  iterable(PolySet.prototype, "values");
}

// Free `Map` / `Set` references in the device bundle resolve to these (scripts/watchBuild/fitbitBuild.mjs `inject`).
const nativeMap: MapConstructor | undefined = typeof Map === "function" ? Map : undefined;
const nativeSet: SetConstructor | undefined = typeof Set === "function" ? Set : undefined;
const MapImpl = (nativeMap ?? PolyMap) as MapConstructor;
const SetImpl = (nativeSet ?? PolySet) as SetConstructor;

export { MapImpl as Map, SetImpl as Set };

// ---- methods ----

/** Adds a non-enumerable method or value unless the object already has one. */
function fill(target: object, name: string, value: unknown): void {
  if ((target as { [key: string]: unknown })[name] !== undefined) return;
  Object.defineProperty(target, name, {
    value,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

const MAX_SAFE = 9007199254740991;

function isFiniteNumber(value: unknown): boolean {
  // biome-ignore lint/suspicious/noGlobalIsFinite: ES5's isFinite, on a number only; this file is Number.isFinite.
  return typeof value === "number" && isFinite(value);
}

function isIntegerNumber(value: unknown): boolean {
  return isFiniteNumber(value) && Math.floor(value as number) === value;
}

/** The implementations, exported for the tests (which compare them with Node's built-ins). */
export const implementations = {
  numberIsFinite: isFiniteNumber,
  numberIsInteger: isIntegerNumber,
  numberIsSafeInteger(value: unknown): boolean {
    return isIntegerNumber(value) && Math.abs(value as number) <= MAX_SAFE;
  },
  numberIsNaN(value: unknown): boolean {
    return typeof value === "number" && isNaNValue(value);
  },
  stringStartsWith(this: string, search: string, position?: number): boolean {
    const text = String(this);
    const from = Math.min(Math.max(position ? Math.floor(position) || 0 : 0, 0), text.length);
    const wanted = String(search);
    return text.slice(from, from + wanted.length) === wanted;
  },
  stringIncludes(this: string, search: string, position?: number): boolean {
    return String(this).indexOf(String(search), position ? Math.floor(position) || 0 : 0) !== -1;
  },
  stringPadStart(this: string, targetLength: number, padString?: string): string {
    const text = String(this);
    const length = Math.floor(targetLength) || 0;
    const pad = padString === undefined ? " " : String(padString);
    if (length <= text.length || pad === "") return text;
    let filler = "";
    while (filler.length < length - text.length) filler += pad;
    return filler.slice(0, length - text.length) + text;
  },
  arrayIncludes<T>(this: ArrayLike<T>, search: T, fromIndex?: number): boolean {
    const length = this.length >>> 0;
    let k = fromIndex ? Math.floor(fromIndex) || 0 : 0;
    if (k < 0) k = Math.max(length + k, 0);
    for (; k < length; k++) {
      const item = this[k];
      // SameValueZero
      if (item === search || (isNaNValue(item) && isNaNValue(search))) return true;
    }
    return false;
  },
  arrayFind<T>(
    this: ArrayLike<T>,
    predicate: (value: T, index: number, array: ArrayLike<T>) => unknown,
    thisArg?: unknown,
  ): T | undefined {
    const length = this.length >>> 0;
    for (let k = 0; k < length; k++) {
      const item = this[k] as T;
      if (predicate.call(thisArg, item, k, this)) return item;
    }
    return undefined;
  },
  /** Array-likes and this file's Map/Set (ES5 has no general iteration). */
  arrayFrom<T, U>(
    source: unknown,
    mapFn?: (value: T, index: number) => U,
    thisArg?: unknown,
  ): (T | U)[] {
    const out: (T | U)[] = [];
    eachOf(source, (item) => {
      out.push(mapFn ? mapFn.call(thisArg, item as T, out.length) : (item as T));
    });
    return out;
  },
  objectEntries(o: object): [string, unknown][] {
    const keys = Object.keys(o);
    const out: [string, unknown][] = [];
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      out.push([key, (o as { [key: string]: unknown })[key]]);
    }
    return out;
  },
  objectValues(o: object): unknown[] {
    const keys = Object.keys(o);
    const out: unknown[] = [];
    for (let k = 0; k < keys.length; k++)
      out.push((o as { [key: string]: unknown })[keys[k] as string]);
    return out;
  },
  /** Array-likes of [key, value] pairs (what the core passes), or anything with forEach (Map). */
  objectFromEntries(entries: unknown): { [key: string]: unknown } {
    const out: { [key: string]: unknown } = {};
    const put = (entry: unknown) => {
      const pair = entry as [unknown, unknown];
      out[String(pair[0])] = pair[1];
    };
    const list = entries as ArrayLike<unknown> & { forEach?: unknown };
    if (typeof list.length === "number") {
      for (let k = 0; k < list.length; k++) put(list[k]);
    } else if (typeof list.forEach === "function") {
      (entries as { forEach(cb: (v: unknown, k: unknown) => void): void }).forEach((v, k) => {
        put([k, v]);
      });
    } else {
      throw new TypeError("Object.fromEntries needs a list of pairs");
    }
    return out;
  },
};

const impl = implementations;
fill(Number, "MAX_SAFE_INTEGER", MAX_SAFE);
fill(Number, "isFinite", impl.numberIsFinite);
fill(Number, "isInteger", impl.numberIsInteger);
fill(Number, "isSafeInteger", impl.numberIsSafeInteger);
fill(Number, "isNaN", impl.numberIsNaN);
fill(String.prototype, "startsWith", impl.stringStartsWith);
fill(String.prototype, "includes", impl.stringIncludes);
fill(String.prototype, "padStart", impl.stringPadStart);
fill(Array, "from", impl.arrayFrom);
fill(Array.prototype, "includes", impl.arrayIncludes);
fill(Array.prototype, "find", impl.arrayFind);
fill(Object, "entries", impl.objectEntries);
fill(Object, "values", impl.objectValues);
fill(Object, "fromEntries", impl.objectFromEntries);

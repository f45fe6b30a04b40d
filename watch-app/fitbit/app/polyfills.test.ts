// The watch's polyfills, checked against Node's own built-ins (importing the module installs
// nothing here: every built-in exists).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Map as InjectedMap,
  Set as InjectedSet,
  implementations as impl,
  PolyMap,
  PolySet,
} from "./polyfills.ts";

const key = fc.oneof(
  fc.constantFrom(0, -0, 1, Number.NaN, "0", "n0", "", "NaN", true, false, null, undefined),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 2 }),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant("delete" as const), key }),
  fc.record({ kind: fc.constant("clear" as const) }),
);

describe("PolyMap and PolySet", () => {
  it("behave like Map and Set (SameValueZero keys, insertion order) under any sequence", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const native = new Map<unknown, number>();
        const poly = new PolyMap<unknown, number>();
        const nativeSet = new Set<unknown>();
        const polySet = new PolySet<unknown>();
        for (const o of ops) {
          if (o.kind === "set") {
            native.set(o.key, o.value);
            poly.set(o.key, o.value);
            nativeSet.add(o.key);
            polySet.add(o.key);
          } else if (o.kind === "delete") {
            expect(poly.delete(o.key)).toBe(native.delete(o.key));
            expect(polySet.delete(o.key)).toBe(nativeSet.delete(o.key));
          } else {
            native.clear();
            poly.clear();
            nativeSet.clear();
            polySet.clear();
          }
          expect(poly.size).toBe(native.size);
          expect(polySet.size).toBe(nativeSet.size);
        }
        const walked: [unknown, number][] = [];
        poly.forEach((v, k) => {
          walked.push([k, v]);
        });
        expect(walked).toEqual([...native.entries()]);
        expect([...poly.entries()]).toEqual([...native.entries()]);
        expect([...poly.keys()]).toEqual([...native.keys()]);
        expect([...polySet.values()]).toEqual([...nativeSet.values()]);
        for (const o of ops) {
          if (o.kind === "clear") continue;
          expect(poly.get(o.key)).toBe(native.get(o.key));
          expect(poly.has(o.key)).toBe(native.has(o.key));
          expect(polySet.has(o.key)).toBe(nativeSet.has(o.key));
        }
      }),
    );
  });

  it("tells object keys apart by identity", () => {
    const a = {};
    const b = {};
    const m = new PolyMap<object, string>([
      [a, "a"],
      [b, "b"],
    ]);
    expect(m.get(a)).toBe("a");
    expect(m.get({})).toBeUndefined();
    m.delete(a);
    expect(m.has(a)).toBe(false);
    expect(m.get(b)).toBe("b");
  });

  it("are built from arrays, or from each other, and refuse what they cannot walk", () => {
    const m = new PolyMap([
      ["x", 1],
      ["y", 2],
    ]);
    expect(new PolyMap(m as never).get("y")).toBe(2);
    expect(new PolySet(new PolySet([1, 2, 2]) as never).size).toBe(2);
    expect(new PolySet("abca" as never).size).toBe(3);
    function* gen() {
      yield 1;
    }
    expect(() => new PolySet(gen() as never)).toThrow(TypeError);
    expect(impl.arrayFrom(m)).toEqual([
      ["x", 1],
      ["y", 2],
    ]);
    expect(impl.arrayFrom([1, 2], (v: number, i) => v * 10 + i)).toEqual([10, 21]);
  });

  it("visit entries added during forEach, and skip ones deleted", () => {
    const m = new PolyMap<string, number>([
      ["a", 1],
      ["b", 2],
    ]);
    const seen: string[] = [];
    m.forEach((_, k) => {
      seen.push(k);
      if (k === "a") {
        m.delete("b");
        m.set("c", 3);
      }
    });
    expect(seen).toEqual(["a", "c"]);
  });

  it("are what the bundle gets for Map and Set where the runtime has its own (the native ones)", () => {
    expect(InjectedMap).toBe(Map);
    expect(InjectedSet).toBe(Set);
  });
});

describe("method polyfills", () => {
  const values = [
    0,
    -0,
    1.5,
    2,
    2 ** 53,
    2 ** 53 - 1,
    -(2 ** 53 - 1),
    Number.NaN,
    Infinity,
    "3",
    null,
  ];

  it("Number.isFinite, isInteger, isSafeInteger and isNaN", () => {
    for (const v of values) {
      expect(impl.numberIsFinite(v), String(v)).toBe(Number.isFinite(v));
      expect(impl.numberIsInteger(v), String(v)).toBe(Number.isInteger(v));
      expect(impl.numberIsSafeInteger(v), String(v)).toBe(Number.isSafeInteger(v));
      expect(impl.numberIsNaN(v), String(v)).toBe(Number.isNaN(v));
    }
  });

  it("String startsWith, includes and padStart", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 3 }),
        fc.integer({ min: -2, max: 8 }),
        (s, t, n) => {
          expect(impl.stringStartsWith.call(s, t, n)).toBe(s.startsWith(t, n));
          expect(impl.stringStartsWith.call(s, t)).toBe(s.startsWith(t));
          expect(impl.stringIncludes.call(s, t, n)).toBe(s.includes(t, n));
          expect(impl.stringPadStart.call(s, n, t)).toBe(s.padStart(n, t));
          expect(impl.stringPadStart.call(s, n)).toBe(s.padStart(n));
        },
      ),
    );
  });

  it("Array includes (SameValueZero) and find", () => {
    const list = [1, Number.NaN, 0, "a", undefined];
    for (const v of [1, Number.NaN, -0, "a", undefined, 2]) {
      for (const from of [undefined, -2, 1, 9]) {
        expect(impl.arrayIncludes.call(list, v, from)).toBe(list.includes(v, from));
      }
    }
    const pred = (x: unknown) => typeof x === "string";
    expect(impl.arrayFind.call(list, pred)).toBe(list.find(pred));
    expect(impl.arrayFind.call(list, () => false)).toBeUndefined();
  });

  it("Object entries, values and fromEntries", () => {
    const o = { b: 1, a: [2], 3: "x" };
    expect(impl.objectEntries(o)).toEqual(Object.entries(o));
    expect(impl.objectValues(o)).toEqual(Object.values(o));
    expect(impl.objectFromEntries(Object.entries(o))).toEqual(o);
    expect(impl.objectFromEntries(new PolyMap([["k", 1]]))).toEqual({ k: 1 });
    expect(() => impl.objectFromEntries(5)).toThrow(TypeError);
  });
});

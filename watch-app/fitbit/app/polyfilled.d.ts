// biome-ignore-all lint/suspicious/noExplicitAny: TypeScript's own lib signatures, copied as they are.
// biome-ignore-all lint/complexity/noBannedTypes: TypeScript's own lib signatures, copied as they are.
// biome-ignore-all lint/suspicious/noShadowRestrictedNames: declares the globals the polyfills provide.
// What the device type-check allows beyond ES5 + Promise (+ the ES2015 iterable and symbol
// declarations fitbit-sdk-types pulls in): exactly the built-ins app/polyfills.ts provides, with
// TypeScript's own signatures (lib.es2015.collection/core, es2016.array.include, es2017.object,
// es2017.string, es2019.object). Use of any other post-ES5 built-in is a type error, so it cannot
// reach the watch unpolyfilled. Keep both files in step. (Array.from comes declared with
// ES2015.Iterable and is polyfilled too; that lib's Symbol.iterator and Array keys/values/entries
// are not: the build's ES5 smoke run is what catches them.)

interface Map<K, V> {
  clear(): void;
  delete(key: K): boolean;
  forEach(callbackfn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: any): void;
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): this;
  readonly size: number;
}

interface MapConstructor {
  new (): Map<any, any>;
  new <K, V>(entries?: readonly (readonly [K, V])[] | null): Map<K, V>;
  readonly prototype: Map<any, any>;
}
declare var Map: MapConstructor;

interface ReadonlyMap<K, V> {
  forEach(callbackfn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: any): void;
  get(key: K): V | undefined;
  has(key: K): boolean;
  readonly size: number;
}

interface Set<T> {
  add(value: T): this;
  clear(): void;
  delete(value: T): boolean;
  forEach(callbackfn: (value: T, value2: T, set: Set<T>) => void, thisArg?: any): void;
  has(value: T): boolean;
  readonly size: number;
}

interface SetConstructor {
  new <T = any>(values?: readonly T[] | null): Set<T>;
  readonly prototype: Set<any>;
}
declare var Set: SetConstructor;

interface ReadonlySet<T> {
  forEach(callbackfn: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: any): void;
  has(value: T): boolean;
  readonly size: number;
}

interface NumberConstructor {
  readonly MAX_SAFE_INTEGER: number;
  isFinite(number: unknown): boolean;
  isInteger(number: unknown): boolean;
  isNaN(number: unknown): boolean;
  isSafeInteger(number: unknown): boolean;
}

interface String {
  includes(searchString: string, position?: number): boolean;
  padStart(maxLength: number, fillString?: string): string;
  startsWith(searchString: string, position?: number): boolean;
}

interface Array<T> {
  find<S extends T>(
    predicate: (value: T, index: number, obj: T[]) => value is S,
    thisArg?: any,
  ): S | undefined;
  find(predicate: (value: T, index: number, obj: T[]) => unknown, thisArg?: any): T | undefined;
  includes(searchElement: T, fromIndex?: number): boolean;
}

interface ReadonlyArray<T> {
  find<S extends T>(
    predicate: (value: T, index: number, obj: readonly T[]) => value is S,
    thisArg?: any,
  ): S | undefined;
  find(
    predicate: (value: T, index: number, obj: readonly T[]) => unknown,
    thisArg?: any,
  ): T | undefined;
  includes(searchElement: T, fromIndex?: number): boolean;
}

interface ObjectConstructor {
  entries<T>(o: { [s: string]: T } | ArrayLike<T>): [string, T][];
  entries(o: {}): [string, any][];
  values<T>(o: { [s: string]: T } | ArrayLike<T>): T[];
  values(o: {}): any[];
  /** Takes an array of pairs here (the polyfill has no general iteration). */
  fromEntries<T = any>(entries: ArrayLike<readonly [PropertyKey, T]>): { [k: string]: T };
}

// The D1 stores users are spread over (DB is store 0, DB_1 … DB_n the others) and the one rule
// that places a user: the directory's word for a moved user, else a stable hash of the user id.
// Why several D1 databases and not per-user Durable Objects: docs/scaling.md.

/** Binding name of store `i`: the original `DB` stays store 0, so existing deployments keep it. */
export function storeBindingName(i: number): string {
  return i === 0 ? "DB" : `DB_${i}`;
}

/** Every store bound to this Worker, in order; the hash only places users in the first storeCount. */
export function boundStores(env: Env): D1Database[] {
  const bindings = env as unknown as Record<string, D1Database | undefined>;
  const found: D1Database[] = [];
  for (let i = 0; ; i++) {
    const d1 = bindings[storeBindingName(i)];
    if (!d1) return found;
    found.push(d1);
  }
}

/**
 * How many stores the hash places users in: D1_STORES, capped by the bindings present. A store
 * is bound (and migrated) before it joins the count; see docs/scaling.md for adding one.
 */
export function storeCount(env: Env): number {
  const wanted = Number.parseInt(String(env.D1_STORES ?? "1"), 10);
  const bound = boundStores(env).length;
  return Number.isSafeInteger(wanted) && wanted >= 1 ? Math.min(wanted, bound) : 1;
}

export function storeBinding(env: Env, store: number): D1Database {
  const d1 = boundStores(env)[store];
  if (!d1) throw new Error(`no D1 binding ${storeBindingName(store)} for store ${store}`);
  return d1;
}

const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the id's UTF-8: a fixed function, so a user's store never drifts. */
function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/**
 * Jump consistent hash (Lamping & Veach, 2014): growing from n to n + 1 stores moves only the
 * 1/(n + 1) of users who now hash to the new store, and nobody between old stores.
 */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  let k = key;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & MASK64;
    j = Math.floor((b + 1) * (2 ** 31 / Number((k >> 33n) + 1n)));
  }
  return b;
}

/** The store the hash gives a user id among `count` stores. Never change: users would be lost. */
export function hashedStore(userId: string, count: number): number {
  return count <= 1 ? 0 : jumpHash(fnv1a64(userId), count);
}

// fast-check arbitraries derived from a JSON Schema (the subset the OpenAPI document and
// `z.toJSONSchema` emit): values that fit the schema, and near-valid ones that break exactly
// one thing in a valid value (a wrong type, a missing field, a huge string, a bad number,
// deep nesting, an extra field).
import fc from "fast-check";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

// biome-ignore lint/suspicious/noExplicitAny: JSON values of any shape are the point here.
type Json = any;

/** Arrays stay short: the limits of interest are tested by the mutations, not by volume. */
const MAX_GENERATED_ITEMS = 8;

const isoDate = fc
  .date({
    min: new Date("1970-01-01T00:00:00Z"),
    max: new Date("2100-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const isoDateTime = fc
  .tuple(
    fc.date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2100-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    fc.constantFrom("Z", "+02:00", "-05:30"),
  )
  .map(([d, zone]) => d.toISOString().replace("Z", zone));

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 30, min + 30);
  if (s.format === "date") return isoDate;
  if (s.format === "date-time") return isoDateTime;
  if (s.format === "email") return fc.emailAddress();
  if (s.pattern) {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .map((v) => v.slice(0, s.maxLength ?? v.length))
      .filter((v) => v.length >= min);
  }
  // Text fields trim before they count characters (ShortText): keep a required one non-blank.
  return fc.string({ minLength: min, maxLength: max }).filter((v) => min === 0 || v.trim() !== "");
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6);
  if (integer) {
    return fc.integer({
      min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values that satisfy `schema` (refinements the schema cannot express aside). */
export function validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<Json> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, depth)));
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf), depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validValue({ ...schema, type }, depth)));
  switch (types[0]) {
    case "string":
      return stringArb(schema);
    case "integer":
      return numberArb(schema, true);
    case "number":
      return numberArb(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(
        schema.items ? validValue(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }),
        {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
        },
      );
    case "object": {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
          maxKeys: 4,
        });
      const record = Object.fromEntries(
        keys.map((k) => [k, validValue(props[k] as JsonSchema, depth + 1)]),
      );
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Where a mutation lands: the path of keys/indexes from the root. */
type Path = (string | number)[];

function nodePaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nodePaths(v, [...prefix, i], out);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...prefix, k], out);
  return out;
}

const deepNest = (depth: number) => {
  let v: Json = 0;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

/** Values of every JSON type, and the awkward corners of each. */
export const awkwardValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    0.5,
    -1e308,
    1e308,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    "",
    " ",
    "\u0000",
    "\ud800",
    "💪🏽".repeat(50),
    "<script>alert(1)</script>",
    "'; DROP TABLE sets; --",
    "../../etc/passwd",
    "1970-01-01",
    "0000-00-00",
    "2026-02-30",
    "9999-12-31T23:59:59+14:00",
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"polluted":true}}'),
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

export type Mutation =
  | { kind: "replace"; with: Json }
  | { kind: "remove" }
  | { kind: "hugeString"; length: number }
  | { kind: "deepNesting"; depth: number }
  | { kind: "extraField"; key: string; with: Json }
  | { kind: "longArray"; length: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: awkwardValue.map((v) => ({ kind: "replace" as const, with: v })) },
  { weight: 3, arbitrary: fc.constant({ kind: "remove" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(300, 5_000, 70_000)
      .map((length) => ({ kind: "hugeString" as const, length })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(50, 2_000).map((depth) => ({ kind: "deepNesting" as const, depth })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("extra", "__proto__", "constructor", "id", "user_id", ""),
        awkwardValue,
      )
      .map(([key, v]) => ({ kind: "extraField" as const, key, with: v })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(300, 5_000)
      .map((length) => ({ kind: "longArray" as const, length })),
  },
);

/** Applies one mutation at `path` of a deep copy of `value`. */
export function mutate(value: Json, path: Path, m: Mutation): Json {
  const root = { v: structuredClone(value) as Json };
  let parent: Json = root;
  let key: string | number = "v";
  for (const step of path) {
    parent = parent[key];
    key = step;
  }
  const set = (v: Json) => {
    // defineProperty, so a "__proto__" key becomes an own property as JSON.parse would make it.
    Object.defineProperty(parent, key, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  const target = parent[key];
  switch (m.kind) {
    case "replace":
      set(m.with);
      break;
    case "remove":
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else delete parent[key];
      break;
    case "hugeString":
      set("x".repeat(m.length));
      break;
    case "deepNesting":
      set(deepNest(m.depth));
      break;
    case "longArray":
      set(Array.from({ length: m.length }, () => target ?? 0));
      break;
    case "extraField":
      if (target && typeof target === "object" && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, {
          value: m.with,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else set({ [m.key]: m.with });
      break;
  }
  return root.v;
}

/** A valid value with exactly one thing broken somewhere inside it. */
export function nearValidValue(schema: JsonSchema): fc.Arbitrary<Json> {
  return validValue(schema).chain(nearExampleValue);
}

/** The part of `schema` that describes the value at `path` (undefined where none does). */
function schemaAt(schema: JsonSchema, path: Path): JsonSchema | undefined {
  if (path.length === 0) return schema;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const found = alternatives.map((a) => schemaAt(a, path)).filter((s) => s !== undefined);
    return found.length ? { anyOf: found } : undefined;
  }
  const [step, ...rest] = path;
  const next = typeof step === "number" ? schema.items : schema.properties?.[String(step)];
  return next && schemaAt(next, rest);
}

/**
 * Neighbours of a known-good `example`: one node replaced by any value its schema allows.
 * They keep the constraints a schema cannot state (seven distinct weekdays, say), so many of
 * them are accepted and reach the handler's own logic.
 */
export function neighbourValue(schema: JsonSchema, example: Json): fc.Arbitrary<Json> {
  const paths = nodePaths(example)
    .map((path) => ({ path, sub: schemaAt(schema, path) }))
    .filter((p): p is { path: Path; sub: JsonSchema } => p.sub !== undefined && p.path.length > 0);
  if (paths.length === 0) return fc.constant(example);
  return fc
    .constantFrom(...paths)
    .chain(({ path, sub }) =>
      validValue(sub).map((v) => mutate(example, path, { kind: "replace", with: v })),
    );
}

/** A known-good example with exactly one thing broken. */
export function nearExampleValue(example: Json): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.constantFrom(...nodePaths(example)), mutation)
    .map(([path, m]) =>
      path.length === 0 && m.kind === "remove" ? undefined : mutate(example, path, m),
    );
}

// The fuzz generators hold to the schemas they are derived from: "valid" values pass the zod
// schema they came from, and a near-valid value differs from its example in one place only.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { opArgs } from "../../shared/src/schemas/mutations.ts";
import { type JsonSchema, mutate, nearExampleValue, validValue } from "./jsonSchemaArbitrary.ts";

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

describe("validValue", () => {
  // Refinements ("reps or hold_s, exactly one", seven distinct weekdays, known time zones) are
  // beyond a JSON Schema: those, and only those, may fail.
  it.each(Object.entries(opArgs))(
    "%s args from the JSON Schema fail no rule it states",
    (_, schema) => {
      fc.assert(
        fc.property(validValue(jsonSchemaOf(schema as z.ZodType)), (value) => {
          const parsed = (schema as z.ZodType).safeParse(value);
          const stated = (parsed.error?.issues ?? []).filter((i) => i.code !== "custom");
          expect(stated).toEqual([]);
        }),
        { numRuns: 50 },
      );
    },
  );
});

describe("nearExampleValue", () => {
  const example = { a: 1, b: { c: "x", d: [1, 2] } };

  it("changes a copy, never the example itself", () => {
    const frozen = structuredClone(example);
    fc.assert(
      fc.property(nearExampleValue(example), () => {
        expect(example).toEqual(frozen);
      }),
      { numRuns: 100 },
    );
  });

  it("mutate replaces, removes and adds exactly at the path given", () => {
    expect(mutate(example, ["b", "c"], { kind: "replace", with: 7 })).toEqual({
      a: 1,
      b: { c: 7, d: [1, 2] },
    });
    expect(mutate(example, ["b", "d", 0], { kind: "remove" })).toEqual({
      a: 1,
      b: { c: "x", d: [2] },
    });
    const extra = mutate(example, ["b"], { kind: "extraField", key: "__proto__", with: 1 });
    expect(JSON.stringify(extra)).toBe('{"a":1,"b":{"c":"x","d":[1,2],"__proto__":1}}');
  });
});

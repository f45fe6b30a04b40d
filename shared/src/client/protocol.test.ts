// The client's plain protocol constants must say what the zod schemas (the source of truth) say.
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../schemas/errors.ts";
import { OpName, opArgs } from "../schemas/mutations.ts";
import * as schemas from "../schemas/sync.ts";
import { FILLER } from "./outboxState.ts";
import {
  ACK_STATUSES,
  ERROR_CODES,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  OP_NAMES,
  PULL_MAX_LIMIT,
  PUSH_SCHEMA,
  SYNC_KINDS,
} from "./protocol.ts";

describe("client protocol constants", () => {
  it("match the schemas: limits, op names, ack statuses, error codes, kinds", () => {
    expect(MAX_PUSH_MUTATIONS).toBe(schemas.MAX_PUSH_MUTATIONS);
    expect(MAX_PUSH_BYTES).toBe(schemas.MAX_PUSH_BYTES);
    expect(PULL_MAX_LIMIT).toBe(schemas.PULL_MAX_LIMIT);
    expect(schemas.PushRequest.shape.schema.value).toBe(PUSH_SCHEMA);
    expect([...OP_NAMES]).toEqual(Object.keys(opArgs));
    expect([...OP_NAMES]).toEqual(OpName.options);
    expect([...ACK_STATUSES]).toEqual(schemas.AckStatus.options);
    for (const code of Object.values(ERROR_CODES)) expect(ErrorCode.options).toContain(code);
    expect(Object.keys(schemas.Changes.shape)).toEqual([...SYNC_KINDS]);
  });

  it("the stand-in of a refused mutation has a valid envelope and args the server rejects", () => {
    const envelope = { seq: 1, ...FILLER };
    expect(schemas.PushRequest.safeParse({ schema: 1, mutations: [envelope] }).success).toBe(true);
    expect(opArgs[FILLER.op].safeParse(FILLER.args).success).toBe(false);
  });
});

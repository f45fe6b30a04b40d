// Validates the generated OpenAPI document against the official OpenAPI 3.1 JSON schema
// (the Worker's own tests check it lists every route; this checks it is a valid document).
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "./e2e/localWorker.ts";

let worker: LocalWorker;

beforeAll(async () => {
  worker = await startLocalWorker();
}, 90_000);

afterAll(async () => {
  await worker?.stop();
});

describe("the OpenAPI document served by the Worker", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await (await fetch(`${worker.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator rejects a document with a broken operation (so the test above can fail)", async () => {
    const doc = await (await fetch(`${worker.url}/api/v1/openapi.json`)).json();
    doc.paths["/sync/push"].post.responses = "not an object";
    const result = await new Validator().validate(doc);
    expect(result.valid).toBe(false);
  });
});

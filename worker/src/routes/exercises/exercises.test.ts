// The exercise catalog endpoints serve the shared built-in library, without an account.
import { Exercise, exercises } from "@runstrong/shared/catalog";
import { describe, expect, it } from "vitest";
import { call } from "../../../test/apiClient.ts";

describe("GET /exercises", () => {
  it("lists exactly the built-in catalog, in order, with no auth needed", async () => {
    const res = await call("GET", "/exercises");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(["exercises"]);
    expect(res.body.exercises.map((e: { id: string }) => e.id)).toEqual(exercises.map((e) => e.id));
    expect(res.body.exercises).toHaveLength(exercises.length);
    expect(exercises.length).toBeGreaterThan(0);
  });

  it("every listed exercise matches the shared Exercise schema and equals the catalog entry", async () => {
    const res = await call("GET", "/exercises");
    for (const [i, e] of res.body.exercises.entries()) {
      const parsed = Exercise.safeParse(e);
      expect(parsed.success, `${e.id}: ${parsed.error?.message}`).toBe(true);
      expect(e).toEqual(JSON.parse(JSON.stringify(exercises[i])));
    }
  });

  it("may be cached publicly (the catalog is fixed at build time)", async () => {
    const res = await call("GET", "/exercises");
    expect(res.headers.get("cache-control")).toMatch(/public/);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
  });
});

describe("GET /exercises/:id", () => {
  it("answers 200 {exercise} for every catalog id", async () => {
    for (const e of exercises) {
      const res = await call("GET", `/exercises/${encodeURIComponent(e.id)}`);
      expect(res.status, e.id).toBe(200);
      expect(res.body).toEqual({ exercise: JSON.parse(JSON.stringify(e)) });
    }
  });

  it("an unknown id is 404 with the error shape", async () => {
    for (const id of ["no-such-exercise", "SQUAT", "squat%20", "x".repeat(64)]) {
      const res = await call("GET", `/exercises/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ error: "not_found", message: expect.any(String) });
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("an over-long id is a 4xx JSON error, never a 5xx", async () => {
    const res = await call("GET", `/exercises/${"x".repeat(65)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });
});

// The published API description: /api/v1/openapi.json is a structurally valid OpenAPI 3.1
// document of every route, it matches the running Worker, and /api/v1/docs renders it as HTML.
import { describe, expect, it } from "vitest";
import { call, signUp } from "../../../test/apiClient.ts";

/** Every route of sync protocol v1 and the plans API (paths relative to `/api/v1`), by method. */
const ROUTES: [method: string, path: string][] = [
  ["post", "/auth/signup"],
  ["post", "/auth/login"],
  ["post", "/auth/logout"],
  ["get", "/me"],
  ["post", "/account/password"],
  ["post", "/account/delete-account"],
  ["post", "/devices/pair"],
  ["post", "/devices/token"],
  ["get", "/devices/pending"],
  ["post", "/devices/approve"],
  ["post", "/devices/deny"],
  ["get", "/devices"],
  ["delete", "/devices/{id}"],
  ["get", "/exercises"],
  ["get", "/exercises/{id}"],
  ["post", "/sync/push"],
  ["get", "/sync/pull"],
  ["post", "/plans/generate"],
  ["get", "/plans/today"],
  ["get", "/calendar"],
  ["post", "/calendar/rotate"],
  ["get", "/cal/{secret}.ics"],
  ["post", "/plans/{id}/share"],
  ["delete", "/plans/{id}/share"],
  ["get", "/shared/plans/{token}"],
  ["get", "/sessions/{id}/activity.fit"],
  ["post", "/runs/import"],
  ["get", "/export"],
  ["get", "/export/sets.csv"],
  ["get", "/export/runs.csv"],
  ["get", "/export/assessments.csv"],
  ["post", "/import"],
];

/** Routes that need a credential; every other route is public. */
const PROTECTED = new Set([
  "get /me",
  "post /account/password",
  "post /account/delete-account",
  "get /devices/pending",
  "post /devices/approve",
  "post /devices/deny",
  "get /devices",
  "delete /devices/{id}",
  "post /sync/push",
  "get /sync/pull",
  "post /plans/generate",
  "get /plans/today",
  "get /calendar",
  "post /calendar/rotate",
  "post /plans/{id}/share",
  "delete /plans/{id}/share",
  "get /sessions/{id}/activity.fit",
  "post /runs/import",
  "get /export",
  "get /export/sets.csv",
  "get /export/runs.csv",
  "get /export/assessments.csv",
  "post /import",
]);

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const JSON_SCHEMA_TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A small structural validator of OpenAPI 3.1 documents: the parts this API uses, checked
 * against the specification's rules. Returns the problems found, each with its JSON path.
 */
function validateOpenApi31(doc: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string): void => {
    problems.push(`${where}: ${what}`);
  };
  if (!isObj(doc)) return ["document: not an object"];

  // Every $ref must point inside the document and resolve.
  const resolve = (ref: string): unknown => {
    if (!ref.startsWith("#/")) return undefined;
    let node: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObj(node) && !Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) for (const [i, v] of node.entries()) walk(v, `${where}[${i}]`);
    else if (isObj(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref") {
          if (typeof v !== "string" || resolve(v) === undefined)
            fail(where, `unresolved $ref ${v}`);
        } else walk(v, `${where}.${k}`);
      }
    } else if (typeof node === "number" && !Number.isFinite(node)) fail(where, "non-finite number");
  };
  walk(doc, "#");

  const schema = (s: unknown, where: string) => {
    if (typeof s === "boolean") return;
    if (!isObj(s)) return fail(where, "schema is not an object or boolean");
    if (s.$ref !== undefined) return;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (types.length === 0) fail(where, "empty type list");
      for (const t of types) {
        if (typeof t !== "string" || !JSON_SCHEMA_TYPES.includes(t)) fail(where, `bad type ${t}`);
      }
    }
    if (s.properties !== undefined) {
      if (!isObj(s.properties)) fail(where, "properties is not an object");
      else for (const [k, v] of Object.entries(s.properties)) schema(v, `${where}.properties.${k}`);
    }
    if (s.required !== undefined) {
      if (!Array.isArray(s.required) || s.required.some((r) => typeof r !== "string")) {
        fail(where, "required is not a list of names");
      } else if (isObj(s.properties)) {
        for (const r of s.required as string[]) {
          if (!(r in s.properties)) fail(where, `required "${r}" is not a property`);
        }
      }
    }
    if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0)) {
      fail(where, "enum must be a non-empty list");
    }
    if (s.items !== undefined) schema(s.items, `${where}.items`);
    if (s.prefixItems !== undefined) {
      if (!Array.isArray(s.prefixItems)) fail(where, "prefixItems is not a list");
      else for (const [i, v] of s.prefixItems.entries()) schema(v, `${where}.prefixItems[${i}]`);
    }
    if (s.additionalProperties !== undefined) {
      schema(s.additionalProperties, `${where}.additionalProperties`);
    }
    for (const key of ["anyOf", "oneOf", "allOf"]) {
      const list = s[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) fail(where, `${key} must be a non-empty list`);
      else for (const [i, v] of list.entries()) schema(v, `${where}.${key}[${i}]`);
    }
    // 3.0-only keywords have no meaning in a 3.1 (JSON Schema 2020-12) document.
    if ("nullable" in s) fail(where, "`nullable` is OpenAPI 3.0, not 3.1");
    for (const key of ["exclusiveMinimum", "exclusiveMaximum"]) {
      if (key in s && typeof s[key] !== "number") fail(where, `${key} must be a number in 3.1`);
    }
  };

  const content = (c: unknown, where: string) => {
    if (!isObj(c) || Object.keys(c).length === 0) return fail(where, "content is empty");
    for (const [media, m] of Object.entries(c)) {
      if (!/^[\w.+-]+\/[\w.+*-]+$/.test(media)) fail(where, `bad media type ${media}`);
      if (!isObj(m)) fail(`${where}.${media}`, "media type object missing");
      else if (m.schema !== undefined) schema(m.schema, `${where}.${media}.schema`);
    }
  };

  if (typeof doc.openapi !== "string" || !/^3\.1\.\d+$/.test(doc.openapi)) {
    fail("openapi", `must be 3.1.x, is ${doc.openapi}`);
  }
  const info = doc.info;
  if (!isObj(info)) fail("info", "missing");
  else {
    if (typeof info.title !== "string" || !info.title) fail("info.title", "missing");
    if (typeof info.version !== "string" || !info.version) fail("info.version", "missing");
  }
  if (doc.servers !== undefined) {
    if (!Array.isArray(doc.servers)) fail("servers", "not a list");
    else
      doc.servers.forEach((s, i) => {
        if (!isObj(s) || typeof s.url !== "string") fail(`servers[${i}]`, "url missing");
      });
  }
  const schemes = isObj(doc.components) ? doc.components.securitySchemes : undefined;
  if (schemes !== undefined) {
    if (!isObj(schemes)) fail("components.securitySchemes", "not an object");
    else
      for (const [name, s] of Object.entries(schemes)) {
        const where = `components.securitySchemes.${name}`;
        if (!isObj(s)) fail(where, "not an object");
        else if (s.type === "http") {
          if (typeof s.scheme !== "string") fail(where, "http scheme without `scheme`");
        } else if (s.type === "apiKey") {
          if (typeof s.name !== "string") fail(where, "apiKey without `name`");
          if (!["query", "header", "cookie"].includes(String(s.in))) fail(where, "bad `in`");
        } else if (!["mutualTLS", "oauth2", "openIdConnect"].includes(String(s.type))) {
          fail(where, `unknown type ${s.type}`);
        }
      }
  }
  const security = (req: unknown, where: string) => {
    if (!Array.isArray(req)) return fail(where, "security is not a list");
    for (const r of req) {
      if (!isObj(r)) fail(where, "security requirement is not an object");
      else
        for (const [name, scopes] of Object.entries(r)) {
          if (!isObj(schemes) || !(name in schemes)) fail(where, `unknown security scheme ${name}`);
          if (!Array.isArray(scopes)) fail(where, `scopes of ${name} are not a list`);
        }
    }
  };
  if (doc.security !== undefined) security(doc.security, "security");

  if (!isObj(doc.paths)) {
    fail("paths", "missing");
    return problems;
  }
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const at = `paths.${path}`;
    if (!path.startsWith("/")) fail(at, "path must start with /");
    if (path.length > 1 && path.endsWith("/")) fail(at, "path has a trailing /");
    if (/:\w/.test(path)) fail(at, "Express-style :param instead of {param}");
    if (!isObj(item)) {
      fail(at, "path item is not an object");
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const pathLevel = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, op] of Object.entries(item)) {
      if (["summary", "description", "servers", "parameters", "$ref"].includes(method)) continue;
      const where = `${at}.${method}`;
      if (!HTTP_METHODS.includes(method)) {
        fail(where, "not an HTTP method");
        continue;
      }
      if (!isObj(op)) {
        fail(where, "operation is not an object");
        continue;
      }
      if (typeof op.operationId === "string") {
        if (operationIds.has(op.operationId))
          fail(where, `duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      if (
        op.tags !== undefined &&
        (!Array.isArray(op.tags) || op.tags.some((t) => typeof t !== "string"))
      ) {
        fail(where, "tags must be strings");
      }
      const params = [...pathLevel, ...(Array.isArray(op.parameters) ? op.parameters : [])];
      const seen = new Set<string>();
      for (const p of params) {
        if (!isObj(p)) {
          fail(where, "parameter is not an object");
          continue;
        }
        if (typeof p.name !== "string") fail(where, "parameter without name");
        if (!["query", "header", "path", "cookie"].includes(String(p.in))) {
          fail(where, `parameter ${p.name} has a bad \`in\``);
        }
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) fail(where, `parameter ${key} declared twice`);
        seen.add(key);
        if (p.in === "path") {
          if (p.required !== true) fail(where, `path parameter ${p.name} must be required`);
          if (!templated.includes(String(p.name)))
            fail(where, `path parameter ${p.name} not in path`);
        }
        if (p.schema === undefined && p.content === undefined)
          fail(where, `parameter ${p.name} has no schema`);
        if (p.schema !== undefined) schema(p.schema, `${where}.parameters.${p.name}`);
      }
      for (const t of templated) {
        if (!seen.has(`path:${t}`)) fail(where, `{${t}} is not declared as a path parameter`);
      }
      if (op.requestBody !== undefined) {
        if (!isObj(op.requestBody)) fail(where, "requestBody is not an object");
        else content(op.requestBody.content, `${where}.requestBody.content`);
      }
      if (!isObj(op.responses) || Object.keys(op.responses).length === 0) {
        fail(where, "responses missing");
      } else {
        for (const [code, r] of Object.entries(op.responses)) {
          const rWhere = `${where}.responses.${code}`;
          if (code !== "default" && !/^[1-5](\d\d|XX)$/.test(code)) fail(rWhere, "bad status code");
          if (!isObj(r)) fail(rWhere, "not an object");
          else {
            if (typeof r.description !== "string") fail(rWhere, "description is required");
            if (r.content !== undefined) content(r.content, `${rWhere}.content`);
          }
        }
      }
      if (op.security !== undefined) security(op.security, `${where}.security`);
    }
  }
  return problems;
}

async function fetchDoc(): Promise<Obj> {
  const res = await call("GET", "/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return res.body;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document with title, version and the /api/v1 server", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
  });

  it("lists every route of the protocol with its method", async () => {
    const doc = await fetchDoc();
    const paths = doc.paths as Record<string, Obj>;
    for (const [method, path] of ROUTES) {
      expect(paths, `${method.toUpperCase()} ${path}`).toHaveProperty([path, method]);
    }
  });

  it("lists nothing but those routes (no doubled prefixes like /me/me)", async () => {
    const doc = await fetchDoc();
    const documented = Object.entries(doc.paths as Record<string, Obj>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => HTTP_METHODS.includes(m))
        .map((m) => `${m} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  it("passes the structural OpenAPI 3.1 validation", async () => {
    const problems = validateOpenApi31(await fetchDoc());
    expect(problems).toEqual([]);
  });

  it("the structural validator does catch broken documents", () => {
    const broken = {
      openapi: "3.0.3",
      info: { title: "x" },
      paths: {
        "devices/{id}": {
          delete: {
            parameters: [{ name: "id", in: "path" }],
            responses: { "200": {}, abc: { description: "?" } },
            security: [{ nope: [] }],
          },
        },
        "/x": { get: { responses: { "200": { $ref: "#/components/responses/Missing" } } } },
        "/y": { post: { responses: {}, requestBody: { content: {} } } },
        "/z/{a}": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: { type: "object", nullable: true, required: ["q"], properties: {} },
                  },
                },
              },
            },
          },
        },
      },
    };
    const problems = validateOpenApi31(broken).join("\n");
    for (const expected of [
      "openapi: must be 3.1.x",
      "info.version: missing",
      "path must start with /",
      "path parameter id must be required",
      "parameter id has no schema",
      "bad status code",
      "description is required",
      "unknown security scheme nope",
      "unresolved $ref",
      "responses missing",
      "content is empty",
      "{a} is not declared as a path parameter",
      "`nullable` is OpenAPI 3.0",
      'required "q" is not a property',
    ]) {
      expect(problems).toContain(expected);
    }
  });

  it("routes that need a credential declare bearer and/or cookie security; public ones declare none", async () => {
    const doc = await fetchDoc();
    const paths = doc.paths as Record<string, Record<string, Obj>>;
    for (const [method, path] of ROUTES) {
      const op = paths[path]?.[method];
      const key = `${method} ${path}`;
      const security = (op?.security ?? doc.security ?? []) as Obj[];
      const required = security.length > 0 && security.every((r) => Object.keys(r).length > 0);
      expect(required, key).toBe(PROTECTED.has(key));
      if (PROTECTED.has(key)) {
        for (const r of security) {
          for (const name of Object.keys(r)) expect(["bearer", "cookie"], key).toContain(name);
        }
      }
    }
  });

  it("every documented operation exists on the running Worker and answers a documented status", async () => {
    const doc = await fetchDoc();
    const user = await signUp();
    const paths = doc.paths as Record<string, Record<string, Obj>>;
    // Logout last: it ends the session the others use.
    const ops = ROUTES.slice().sort(
      ([, a], [, b]) => Number(a === "/auth/logout") - Number(b === "/auth/logout"),
    );
    for (const [method, path] of ops) {
      const op = paths[path]?.[method];
      const concrete = path.replace("{id}", path.startsWith("/exercises") ? "squat" : "unknown-id");
      const res = await call(method.toUpperCase(), concrete, {
        cookie: user.cookie,
        ...(op?.requestBody ? { body: {} } : {}),
      });
      const documented = Object.keys((op?.responses ?? {}) as Obj);
      expect(documented, `${method.toUpperCase()} ${concrete} answered ${res.status}`).toContain(
        String(res.status),
      );
    }
  });
});

describe("GET /api/v1/docs", () => {
  it("is an HTML page that lists every route with its method and links the JSON document", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = String(res.body);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('href="/api/v1/openapi.json"');
    for (const [method, path] of ROUTES) {
      // The iCal feed is the one path outside /api/v1.
      const full = path.startsWith("/cal/") ? path : `/api/v1${path}`;
      expect(html, `${method} ${path}`).toContain(`${method.toUpperCase()} ${full}</code>`);
    }
  });

  it("needs no inline script (the CSP allows only same-origin scripts)", async () => {
    const res = await call("GET", "/docs");
    expect(String(res.body)).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
  });
});

// Fuzzes every route of the OpenAPI document served by the real Worker (`wrangler dev`, a
// throw-away D1) with generated requests: zero 5xx, every refusal in the documented error
// shape, and nothing the account stores changes unless a request was accepted.
// CI runs a few dozen requests per route; `FUZZ_RUNS=5000 npx vitest run --project cross
// test/fuzz` is the big run, `FUZZ_SEED=<n>` repeats one.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { opArgs } from "../../shared/src/schemas/mutations.ts";
import { type LocalWorker, startLocalWorker } from "../e2e/localWorker.ts";
import { contractProblems } from "./errorShape.ts";
import {
  type Account,
  createAccount,
  nextClientIp,
  type RawRequest,
  sendRaw,
  snapshotAccount,
} from "./fuzzClient.ts";
import type { JsonSchema } from "./jsonSchemaArbitrary.ts";
import {
  type Auth,
  buildRequest,
  LIVE_CURSOR,
  type Operation,
  type Parameter,
  requestPlan,
} from "./requestArbitrary.ts";
import { GENERATE_EXAMPLE, seedAccount } from "./seedAccount.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Requests between two checks that the account's data is what it was. */
const CHECK_EVERY = 10;

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document, read loosely.
type Json = any;

/** Every operation of the document, with its JSON request schema and documented statuses. */
function operationsOf(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>).map(([method, op]) => ({
      method,
      path,
      parameters: (op.parameters ?? []) as Parameter[],
      bodySchema: op.requestBody?.content?.["application/json"]?.schema as JsonSchema | undefined,
      documented: Object.keys(op.responses ?? {}),
      // No security requirement, or an empty one among the alternatives: anyone may call it.
      open: !op.security || op.security.some((r: object) => Object.keys(r).length === 0),
    })),
  );
}

/**
 * The document types a push's `args` as any object (each op's args are checked one by one,
 * after the envelope); the generators get each op's own args schema from the same zod source.
 */
function withTypedPushArgs(op: Operation): Operation {
  if (op.path !== "/sync/push" || !op.bodySchema?.properties) return op;
  const mutation = (name: string, args: z.ZodType): JsonSchema => ({
    type: "object",
    properties: {
      seq: { type: "integer", minimum: 1, maximum: 1000 },
      op: { const: name },
      args: z.toJSONSchema(args, { io: "input", unrepresentable: "any" }) as JsonSchema,
    },
    required: ["seq", "op", "args"],
  });
  const items = { oneOf: Object.entries(opArgs).map(([name, args]) => mutation(name, args)) };
  const mutations = { type: "array", items, maxItems: 5 };
  return {
    ...op,
    bodySchema: { ...op.bodySchema, properties: { ...op.bodySchema.properties, mutations } },
  };
}

/** Good values for query parameters whose schema is a plain string. */
const QUERY_EXAMPLES = {
  cursor: [LIVE_CURSOR],
  kinds: ["plans,settings", "sets", "runs,assessments,sessions"],
  date: ["2026-12-09", "2026-12-13"],
};

let worker: LocalWorker;
let doc: Json;
let account: Account;
/** Known-good bodies by route. */
let examples: Record<string, Json>;
/** A second browser session of its own for /auth/logout, which ends the session it is sent with. */
let spareCookie: string;

beforeAll(async () => {
  worker = await startLocalWorker();
  doc = await (await fetch(`${worker.url}/api/v1/openapi.json`)).json();
  account = await createAccount(worker.url, "fuzz");
  examples = {
    "POST /plans/generate": GENERATE_EXAMPLE,
    "POST /sync/push": await seedAccount(worker.url, account),
    "POST /devices/pair": { name: "Forerunner", platform: "zepp" },
    "POST /auth/signup": { email: "someone@example.com", password: "a long password" },
  };
  spareCookie = (await createAccount(worker.url, "fuzz-spare")).cookie;
  // The browser session's own device is made on its first sync request, even one that is
  // refused (reported separately): make it now so the comparisons below see only the fuzz.
  await sendRaw(worker.url, {
    method: "GET",
    path: "/api/v1/sync/pull",
    headers: { cookie: account.cookie, "cf-connecting-ip": nextClientIp() },
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
});

type RouteStats = { sent: number; statuses: Map<number, number>; undocumented: Set<number> };

const latestCursor = (snapshot: Json): string => snapshot.pages.at(-1).cursor;

const describeRequest = (req: RawRequest) =>
  `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)} ${
    typeof req.body === "string" ? req.body.slice(0, 300) : req.body ? "<untyped body>" : ""
  }`;

describe("API fuzz (every route of the OpenAPI document)", () => {
  it("no 5xx, refusals in the error shape, and refused requests change nothing stored", {
    timeout: 60_000 + RUNS * 19 * 2_000,
  }, async () => {
    const operations = operationsOf(doc)
      .map(withTypedPushArgs)
      .map((op) => ({
        ...op,
        example: examples[`${op.method.toUpperCase()} ${op.path}`],
        queryExamples: QUERY_EXAMPLES,
      }));
    expect(operations.length).toBeGreaterThanOrEqual(19);
    const started = Date.now();
    const stats = new Map<string, RouteStats>();
    // The seed push used the device's seqs 1–7; the browser's device has pushed nothing.
    const nextSeq: Record<"token" | "cookie", number> = { token: 8, cookie: 1 };
    const seqOwner = (auth: Auth) => (auth === "token" ? "token" : "cookie");

    for (const op of operations) {
      const route = `${op.method.toUpperCase()} ${op.path}`;
      const s: RouteStats = { sent: 0, statuses: new Map(), undocumented: new Set() };
      stats.set(route, s);
      let baseline = await snapshotAccount(worker.url, account);
      let sinceBaseline: string[] = [];
      const checkUnchanged = async () => {
        const now = await snapshotAccount(worker.url, account);
        expect(
          now,
          `${route}: data changed by refused requests:\n${sinceBaseline.join("\n")}`,
        ).toEqual(baseline);
        sinceBaseline = [];
      };
      const creds = {
        origin: worker.url,
        token: account.device.token,
        cookie: op.path === "/auth/logout" ? spareCookie : account.cookie,
        get cursor() {
          return latestCursor(baseline);
        },
        nextSeq: (auth: Auth) => nextSeq[seqOwner(auth)],
      };

      await fc.assert(
        fc.asyncProperty(requestPlan(op), async (plan) => {
          const ownCredential = plan.auth === "token" || plan.auth === "cookie";
          const write = op.method !== "get";
          // A write with the account's credential may be accepted and change the data: first
          // prove that the refused requests before it changed nothing.
          if (write && ownCredential && sinceBaseline.length > 0) await checkUnchanged();
          const req = buildRequest(op, plan, creds);
          const reply = await sendRaw(worker.url, req);
          s.sent++;
          s.statuses.set(reply.status, (s.statuses.get(reply.status) ?? 0) + 1);
          if (!op.documented.includes(String(reply.status))) s.undocumented.add(reply.status);
          const what = `${route}: ${describeRequest(req)} -> ${reply.status}`;
          expect(contractProblems(reply), what).toEqual([]);
          const accepted = reply.status < 300;
          if (!op.open && !ownCredential && (write || !plan.auth.startsWith("cookie")))
            expect(accepted, `accepted without a valid credential: ${what}`).toBe(false);

          if (op.path === "/sync/push") {
            const body = reply.json as Json;
            if (accepted && typeof body?.last_seq === "number")
              nextSeq[seqOwner(plan.auth)] = body.last_seq + 1;
            if (body?.error === "seq_gap") nextSeq[seqOwner(plan.auth)] = body.expected;
          }
          if (accepted && write && ownCredential) {
            baseline = await snapshotAccount(worker.url, account);
            sinceBaseline = [];
          } else {
            sinceBaseline.push(what);
            if (sinceBaseline.length >= CHECK_EVERY) await checkUnchanged();
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      await checkUnchanged();

      // The run's own credentials still work, so no route was fuzzed behind a dead session.
      const own: Record<string, string>[] = [
        { authorization: `Bearer ${account.device.token}` },
        { cookie: account.cookie },
      ];
      for (const headers of own) {
        const me = await sendRaw(worker.url, { method: "GET", path: "/api/v1/me", headers });
        expect(me.status, `${route} left ${Object.keys(headers)[0]} signed out`).toBe(200);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const total = [...stats.values()].reduce((n, s) => n + s.sent, 0);
    const perRoute = [...stats]
      .map(([route, s]) => {
        const statuses = [...s.statuses]
          .sort(([a], [b]) => a - b)
          .map(([code, n]) => `${code}×${n}`)
          .join(" ");
        const extra = s.undocumented.size ? ` undocumented:${[...s.undocumented].join(",")}` : "";
        return `${route} ${s.sent} [${statuses}]${extra}`;
      })
      .join(" | ");
    console.log(`fuzz: ${total} requests in ${seconds} s (${RUNS} per route) | ${perRoute}`);
    // Every status a route answered is in its OpenAPI entry, so clients can rely on the list.
    const undocumented = [...stats]
      .filter(([, s]) => s.undocumented.size > 0)
      .map(([route, s]) => `${route}: ${[...s.undocumented].join(", ")}`);
    expect(undocumented).toEqual([]);
  });
});

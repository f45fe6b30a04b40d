// POST /sync/push and GET /sync/pull: thin handlers over the shared push rules.
import { createRoute } from "@hono/zod-openapi";
import {
  ErrorBody,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
} from "@runstrong/shared/schemas";
import {
  checkSeqs,
  cursorCovers,
  decodeCursor,
  encodeCursor,
  SYNC_KINDS,
} from "@runstrong/shared/sync";
import { requireAuth } from "../../auth/principal.ts";
import { ApiError } from "../../http/apiError.ts";
import { jsonBodyGuard } from "../../http/requestGuards.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { SIGNED_IN } from "../routeParts.ts";
import { readPullPage, readPullState } from "./pullPage.ts";
import { isGuardFailure, loadForPush, planPush, writeStatements } from "./pushStore.ts";
import { pushingDeviceId } from "./webDevice.ts";

const push = createRoute({
  method: "post",
  path: "/push",
  tags: ["Sync"],
  summary: "Push a device's mutations (exactly once, in seq order)",
  security: SIGNED_IN,
  request: { body: { required: true, content: { "application/json": { schema: PushRequest } } } },
  responses: {
    200: { description: "Acknowledged", content: { "application/json": { schema: PushResponse } } },
    409: {
      description: "seq_gap: nothing applied",
      content: { "application/json": { schema: ErrorBody } },
    },
    ...pickErrors(400, 401, 403, 413, 415),
  },
});

const pull = createRoute({
  method: "get",
  path: "/pull",
  tags: ["Sync"],
  summary: "Changes since a cursor, oldest first, in pages that end on version boundaries",
  description:
    "Optionally only some kinds (`kinds=plans,settings`): the other groups come back empty, and the cursor returned covers only those kinds, so it cannot continue a pull of other kinds (400 invalid_query).",
  security: SIGNED_IN,
  request: { query: PullQuery },
  responses: {
    200: {
      description: "A page, or reset",
      content: { "application/json": { schema: PullResponse } },
    },
    ...pickErrors(400, 401),
  },
});

/** Retries after losing a compare-and-swap race; each retry re-reads, so it converges fast. */
const MAX_ATTEMPTS = 5;

function seqGap(expected: number): ApiError {
  return new ApiError(409, "seq_gap", `Expected seq ${expected} next; nothing was applied.`, {
    expected,
  });
}

export const syncRoutes = openApiRouter();
syncRoutes.use(requireAuth());
syncRoutes.use("/push", jsonBodyGuard(MAX_PUSH_BYTES));
syncRoutes
  .openapi(push, async (c) => {
    const body = c.req.valid("json");
    if (body.mutations.length > MAX_PUSH_MUTATIONS) {
      throw new ApiError(
        413,
        "too_large",
        `A push carries at most ${MAX_PUSH_MUTATIONS} mutations.`,
      );
    }
    const principal = c.get("principal");
    // A browser's device is created on its first push: a push refused for its seqs must not
    // leave one behind, so a new browser's seqs are checked against 0 before it exists.
    if (principal.kind === "web" && principal.deviceId === null) {
      const first = checkSeqs(0, body.mutations);
      if (first.kind === "gap") throw seqGap(first.expected);
    }
    const { userId } = principal;
    const ctx = { userId, deviceId: await pushingDeviceId(c), now: c.get("now") };
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadForPush(c.env.DB, ctx, body.mutations);
      if (!loaded) throw new ApiError(401, "unauthorized", "This device has been revoked.");
      const seqs = checkSeqs(loaded.lastSeq, body.mutations);
      if (seqs.kind === "gap") throw seqGap(seqs.expected);
      const outcome = planPush(loaded, body.mutations);
      const version = outcome.changed ? loaded.version + 1 : loaded.version;
      if (outcome.lastSeq !== loaded.lastSeq) {
        try {
          await c.env.DB.batch(writeStatements(c.env.DB, ctx, loaded, outcome));
        } catch (err) {
          if (isGuardFailure(err) && attempt < MAX_ATTEMPTS) continue;
          throw err;
        }
      }
      return c.json(
        {
          acks: outcome.acks,
          last_seq: outcome.lastSeq,
          cursor: encodeCursor({ epoch: loaded.epoch, version }),
          device_id: ctx.deviceId,
        },
        200,
      );
    }
  })
  .openapi(pull, async (c) => {
    const { cursor, limit, kinds = [...SYNC_KINDS] } = c.req.valid("query");
    const filtered = kinds.length < SYNC_KINDS.length;
    // The cursor is checked before anything is written (a browser's first sync creates its
    // device): a refused pull changes nothing.
    const decoded = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined) {
      if (!decoded) {
        throw new ApiError(400, "invalid_query", "The cursor was not written by this server.", {
          issues: [{ path: "cursor", message: "unrecognised cursor" }],
        });
      }
      // A filtered pull's cursor says nothing about the kinds it did not read: continuing a pull
      // of those from it would skip their changes for good.
      if (!cursorCovers(decoded, kinds)) {
        const covered = (decoded.kinds ?? []).join(", ");
        throw new ApiError(
          400,
          "invalid_query",
          `This cursor comes from a pull of ${covered} only, so it cannot continue a pull of ${kinds.join(", ")}: keep one cursor per set of kinds, or pull those kinds without a cursor.`,
          { issues: [{ path: "cursor", message: `covers only ${covered}` }] },
        );
      }
    }
    const { userId } = c.get("principal");
    const deviceId = await pushingDeviceId(c);
    const state = await readPullState(c.env.DB, userId, deviceId);
    if (!state) throw new ApiError(401, "unauthorized", "This account no longer exists.");
    let since = 0;
    if (decoded) {
      // Another epoch (restored database), a version from the future, or one older than the
      // purged tombstones: the client's copy cannot be patched, it must start again.
      if (
        decoded.epoch !== state.epoch ||
        decoded.version > state.version ||
        decoded.version < state.tombstoneHorizon
      ) {
        return c.json({ reset: true as const }, 200);
      }
      since = decoded.version;
    }
    const page = await readPullPage(c.env.DB, userId, since, limit, cursor === undefined, kinds);
    return c.json(
      {
        changes: page.changes,
        cursor: encodeCursor({
          epoch: state.epoch,
          version: page.through,
          ...(filtered ? { kinds } : {}),
        }),
        has_more: page.has_more,
        last_seq: state.lastSeq,
        device_id: deviceId,
      },
      200,
    );
  });

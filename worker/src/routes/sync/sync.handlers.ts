// Handlers of the sync routes (specs and wiring in sync.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { MAX_PUSH_MUTATIONS } from "@runstrong/shared/schemas";
import { encodeCursor, SYNC_KINDS } from "@runstrong/shared/sync";
import type { AppEnv } from "../../appEnv.ts";
import { readBookmark } from "../../db/userStore.ts";
import { ApiError } from "../../http/apiError.ts";
import { assertSeqsFollow, commitDevicePush } from "./devicePush.ts";
import { continuedCursor, pullStart } from "./pullCursor.ts";
import { readPullPage, readPullState } from "./pullPage.ts";
import type { pullRoute, pushRoute } from "./sync.routes.ts";
import { pushingDeviceId } from "./webDevice.ts";

export const pushMutations: RouteHandler<typeof pushRoute, AppEnv> = async (c) => {
  const { mutations } = c.req.valid("json");
  if (mutations.length > MAX_PUSH_MUTATIONS) {
    throw new ApiError(413, "too_large", `A push carries at most ${MAX_PUSH_MUTATIONS} mutations.`);
  }
  const principal = c.get("principal");
  // A browser's device is created on its first push: a push refused for its seqs must not
  // leave one behind, so a new browser's seqs are checked against 0 before it exists.
  if (principal.kind === "web" && principal.deviceId === null) assertSeqsFollow(0, mutations);
  const ctx = { userId: principal.userId, deviceId: await pushingDeviceId(c), now: c.get("now") };
  const pushed = await commitDevicePush(c.get("d1"), ctx, mutations);
  return c.json(
    {
      acks: pushed.acks,
      last_seq: pushed.lastSeq,
      cursor: encodeCursor({ epoch: pushed.epoch, version: pushed.version }),
      device_id: ctx.deviceId,
    },
    200,
  );
};

const bookmarkOf = (bookmark: string | null) => (bookmark === null ? {} : { bookmark });

export const pullChanges: RouteHandler<typeof pullRoute, AppEnv> = async (c) => {
  const { cursor, limit, kinds = [...SYNC_KINDS] } = c.req.valid("query");
  // The cursor is checked before anything is written (a browser's first sync creates its
  // device): a refused pull changes nothing.
  const continued = continuedCursor(cursor, kinds);
  const { userId } = c.get("principal");
  const deviceId = await pushingDeviceId(c);
  const state = await readPullState(c.get("d1"), userId, deviceId);
  if (!state) throw new ApiError(401, "unauthorized", "This account no longer exists.");
  const since = pullStart(continued, state);
  if (since === "reset") return c.json({ reset: true as const }, 200);
  const page = await readPullPage(c.get("d1"), userId, since, limit, cursor === undefined, kinds);
  const filtered = kinds.length < SYNC_KINDS.length;
  return c.json(
    {
      changes: page.changes,
      cursor: encodeCursor({
        epoch: state.epoch,
        version: page.through,
        ...(filtered ? { kinds } : {}),
        // With read replication, the next pull reads nothing older than this one did.
        ...bookmarkOf(readBookmark(c)),
      }),
      has_more: page.has_more,
      last_seq: state.lastSeq,
      device_id: deviceId,
    },
    200,
  );
};

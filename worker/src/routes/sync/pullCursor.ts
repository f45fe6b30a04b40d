// Where a pull continues: the cursor a client sends is checked before anything is read or
// written, then weighed against the account's sync state (a copy that cannot be patched must
// start again).
import { type Cursor, cursorCovers, decodeCursor, type SyncKind } from "@runstrong/shared/sync";
import { ApiError } from "../../http/apiError.ts";
import type { PullState } from "./pullPage.ts";

/**
 * The cursor a pull of `kinds` continues from, or undefined for a pull from scratch. Throws 400
 * invalid_query for a cursor this server did not write or one of a pull of other kinds.
 */
export function continuedCursor(
  cursor: string | undefined,
  kinds: readonly SyncKind[],
): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeCursor(cursor);
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
  return decoded;
}

/** The version a pull reads changes after, or "reset" when the client must start again. */
export function pullStart(cursor: Cursor | undefined, state: PullState): number | "reset" {
  if (!cursor) return 0;
  // Another epoch (restored database), a version from the future, or one older than the
  // purged tombstones: the client's copy cannot be patched, it must start again.
  if (
    cursor.epoch !== state.epoch ||
    cursor.version > state.version ||
    cursor.version < state.tombstoneHorizon
  ) {
    return "reset";
  }
  return cursor.version;
}

// Entity ids are scoped per account: two accounts logging the same ids each get their own rows,
// both applied, and neither sees the other's. Against the real Worker and D1.
import { describe, expect, it } from "vitest";
import {
  numbered,
  pairDevice,
  pullAll,
  push,
  sessionStart,
  setLog,
  signUp,
  uid,
} from "../../../test/apiClient.ts";

describe("entity ids", () => {
  it("the same ids in two accounts are two separate rows, each applied and seen only by its owner", async () => {
    const session = uid("s");
    const set = uid("x");
    const owners = await Promise.all([signUp(), signUp()]);
    const watches = await Promise.all(owners.map((u) => pairDevice(u)));
    for (const [i, watch] of watches.entries()) {
      const res = await push(
        watch,
        numbered(1, [sessionStart(session), setLog(set, session, { reps: 10 + i })]),
      );
      // The second account's log is applied, not a duplicate of the first account's row.
      expect(res.body.acks.map((a: { status: string }) => a.status)).toEqual([
        "applied",
        "applied",
      ]);
    }
    for (const [i, watch] of watches.entries()) {
      const { pages } = await pullAll(watch);
      const sets = pages.flatMap((p) => p.changes.sets);
      expect(sets).toEqual([expect.objectContaining({ id: set, reps: 10 + i })]);
      expect(pages.flatMap((p) => p.changes.sessions).map((s: { id: string }) => s.id)).toEqual([
        session,
      ]);
    }
  });
});

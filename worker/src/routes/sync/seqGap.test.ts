// Repeats and holes inside one push, against the real Worker and D1: 409 seq_gap, nothing
// applied, and `expected` is always the first seq the server has not applied (last_seq + 1).
import { describe, expect, it } from "vitest";
import {
  type Device,
  dbCount,
  numbered,
  pairDevice,
  push,
  sessionStart,
  setLog,
  signUp,
  snapshotDb,
  uid,
} from "../../../test/apiClient.ts";

/** Mutations at the given seqs, each logging a set of its own (so each applied one is a row). */
function atSeqs(session: string, seqs: number[]) {
  return seqs.map((seq, i) => ({ seq, ...setLog(uid("x"), session, { set_index: i }) }));
}

async function freshDevice(): Promise<{ userId: string; watch: Device }> {
  const user = await signUp();
  return { userId: user.id, watch: await pairDevice(user) };
}

describe("seqs inside one push", () => {
  it.each([
    { name: "a repeat [1, 1]", seqs: [1, 1] },
    { name: "a hole [1, 3]", seqs: [1, 3] },
    { name: "a late first seq [2]", seqs: [2] },
  ])("$name at last_seq 0 is 409 seq_gap, expected 1, nothing stored", async ({ seqs }) => {
    const { userId, watch } = await freshDevice();
    const before = await snapshotDb();
    const res = await push(watch, atSeqs(uid("s"), seqs));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: "seq_gap",
      expected: 1,
      message: expect.stringMatching(/seq 1/),
    });
    expect(await snapshotDb()).toEqual(before);
    expect(await dbCount("sets WHERE user_id = ?1", userId)).toBe(0);
    // Resending from `expected` with the right numbering then applies every mutation.
    const s = uid("s");
    const retry = await push(watch, numbered(1, [sessionStart(s), setLog(uid("x"), s)]));
    expect(retry.status).toBe(200);
    expect(retry.body.last_seq).toBe(2);
  });

  it("a duplicate prefix then consecutive new seqs: old ones duplicate, new ones applied", async () => {
    const { userId, watch } = await freshDevice();
    const s = uid("s");
    const first = numbered(1, [sessionStart(s), setLog(uid("x"), s), setLog(uid("x"), s)]);
    expect((await push(watch, first)).body.last_seq).toBe(3);
    const res = await push(watch, [...first.slice(1), ...atSeqs(s, [4, 5])]);
    expect(res.status).toBe(200);
    expect(res.body.acks.map((a: { seq: number; status: string }) => [a.seq, a.status])).toEqual([
      [2, "duplicate"],
      [3, "duplicate"],
      [4, "applied"],
      [5, "applied"],
    ]);
    expect(res.body.last_seq).toBe(5);
    expect(await dbCount("sets WHERE user_id = ?1", userId)).toBe(4);
  });

  it("a duplicate prefix then a hole or a repeat: 409 with expected = last_seq + 1, nothing stored", async () => {
    const { userId, watch } = await freshDevice();
    const s = uid("s");
    const first = numbered(1, [sessionStart(s), setLog(uid("x"), s), setLog(uid("x"), s)]);
    await push(watch, first);
    for (const tail of [[4, 6], [4, 4], [5]]) {
      const before = await snapshotDb();
      const res = await push(watch, [...first.slice(1), ...atSeqs(s, tail)]);
      expect(res.status, JSON.stringify(tail)).toBe(409);
      expect(res.body).toMatchObject({ error: "seq_gap", expected: 4 });
      expect(await snapshotDb()).toEqual(before);
    }
    expect(await dbCount("sets WHERE user_id = ?1", userId)).toBe(2);
  });
});

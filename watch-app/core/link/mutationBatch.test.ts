// Round trip and size of the compact mutation encoding shared by pushes and the outbox.
import type { MutationBody } from "@runstrong/shared/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sequencedArb } from "../testSupport/mutationArbitraries.ts";
import {
  BatchFormatError,
  decodeBatch,
  encodeBatch,
  isSetRow,
  rowSeq,
  selectRows,
  wholeSecondsOf,
} from "./mutationBatch.ts";

const through = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("encodeBatch / decodeBatch", () => {
  it("appends onto a batch exactly as if both runs were encoded together", () => {
    fc.assert(
      fc.property(sequencedArb(15), sequencedArb(15), (first, second) => {
        const joined = through(encodeBatch(second, through(encodeBatch(first))));
        expect(decodeBatch(joined)).toStrictEqual([...first, ...second]);
      }),
      { numRuns: 300 },
    );
  });

  it("selects rows with only the sessions and exercises they use, decoding to the same items", () => {
    fc.assert(
      fc.property(sequencedArb(30), fc.func(fc.boolean()), (items, keepFn) => {
        const batch = encodeBatch(items);
        const keep = (row: unknown[]) => keepFn(rowSeq(row));
        const chosen = selectRows(batch, keep);
        const wanted = items.filter((i) => keepFn(i.seq));
        expect(decodeBatch(through(chosen))).toStrictEqual(wanted);
        const sessionIds = new Set(chosen[0].map((s) => s[0]));
        const usedExercises = new Set(
          wanted.flatMap((i) => (i.mutation.op === "set.log" ? [i.mutation.args.exercise_id] : [])),
        );
        // Only exercises the kept rows use (a set.log in the fallback form uses none).
        for (const id of chosen[1]) expect(usedExercises.has(id)).toBe(true);
        expect(new Set(chosen[1]).size).toBe(chosen[1].length);
        expect(sessionIds.size).toBe(chosen[0].length);
        expect(chosen[2].filter(isSetRow)).toHaveLength(
          wanted.filter((i) => i.mutation.op === "set.log").length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("decodes every batch of valid mutations to exactly what was encoded (through JSON)", () => {
    fc.assert(
      fc.property(sequencedArb(30), (items) => {
        expect(decodeBatch(through(encodeBatch(items)))).toStrictEqual(items);
      }),
      { numRuns: 500 },
    );
  });

  it("writes an engine set.log as a short positional row", () => {
    const sid = "01JH8Z3Q4R5S6T7V8W9XAYBZC0";
    const items = [
      {
        seq: 1,
        mutation: {
          op: "session.start",
          args: { id: sid, started_at: "2025-01-06T07:00:00.000Z", name: "Bare minimum" },
        },
      },
      {
        seq: 2,
        mutation: {
          op: "set.log",
          args: {
            id: `${sid}-1`,
            session_id: sid,
            exercise_id: "eccentric-calf-raise",
            set_index: 0,
            started_at: "2025-01-06T07:00:05.000Z",
            ended_at: "2025-01-06T07:00:52.000Z",
            reps: 15,
            side: "left",
            target_reps: 15,
          },
        },
      },
    ] satisfies { seq: number; mutation: MutationBody }[];
    const batch = encodeBatch(items);
    expect(batch).toEqual([
      [[sid, 1736146800]],
      ["eccentric-calf-raise"],
      [
        [1, 0, 0, 0, "Bare minimum"],
        [2, 1, 0, 1, 0, 0, 5, 52, 2, 15, 15],
      ],
    ]);
    expect(JSON.stringify(batch[2][1])).toBe("[2,1,0,1,0,0,5,52,2,15,15]");
    expect(decodeBatch(through(batch))).toStrictEqual(items);
  });

  it("carries a set's heart rate in two numbers and the session's in one", () => {
    const sid = "01JH8Z3Q4R5S6T7V8W9XAYBZC0";
    const set: MutationBody = {
      op: "set.log",
      args: {
        id: `${sid}-1`,
        session_id: sid,
        exercise_id: "plank",
        set_index: 0,
        started_at: "2025-01-06T07:00:05.000Z",
        ended_at: "2025-01-06T07:00:45.000Z",
        hold_s: 40,
        target_hold_s: 40,
        hr_avg: 131,
        hr_max: 142,
      },
    };
    const finish: MutationBody = {
      op: "session.finish",
      args: { id: sid, ended_at: "2025-01-06T07:20:00.000Z", hr_avg: 118 },
    };
    const items = [
      { seq: 7, mutation: set },
      { seq: 8, mutation: finish },
    ];
    const batch = encodeBatch(items);
    // The set's row: no weight or RPE (nulls), then average and peak; 8 bytes for heart rate.
    expect(JSON.stringify(batch[2][0])).toBe("[7,1,0,1,0,0,0,40,1,40,40,null,null,131,142]");
    expect(JSON.stringify(batch[2][1])).toBe("[8,2,0,1195,null,null,118]");
    expect(decodeBatch(through(batch))).toStrictEqual(items);
  });

  it("keeps a time verbatim when it is not a whole-second toISOString instant", () => {
    expect(wholeSecondsOf("2025-01-06T07:00:00.000Z")).toBe(1736146800);
    expect(wholeSecondsOf("2025-01-06T07:00:00.250Z")).toBeNull();
    expect(wholeSecondsOf("2025-01-06T09:00:00+02:00")).toBeNull();
    expect(wholeSecondsOf("1970-01-01T00:00:00.000Z")).toBe(0);
  });

  it("refuses malformed input with a BatchFormatError, never another exception", () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        try {
          decodeBatch(junk);
        } catch (e) {
          expect(e).toBeInstanceOf(BatchFormatError);
        }
      }),
    );
    expect(() => decodeBatch([[], [], [[1, 1, 0]]])).toThrow(BatchFormatError);
    expect(() => decodeBatch([[["s", 0]], [], [[0, 2, 0, 1]]])).toThrow(/seq/);
    expect(() => decodeBatch([[["s", 8.64e12]], [], [[1, 2, 0, 1]]])).toThrow(/range/);
  });
});

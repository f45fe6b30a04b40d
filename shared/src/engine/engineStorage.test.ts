// Tests that a saved session restores exactly and that garbage is refused with a clear message.
import { describe, expect, it } from "vitest";
import type { EngineItem } from "./index.ts";
import { dispatch, restore, serialise, startSession, view } from "./index.ts";

const T0 = Date.UTC(2025, 0, 6, 7, 0, 0);
const plank: EngineItem = {
  exercise_id: "plank",
  name: "Plank",
  mode: "hold",
  per_side: false,
  sets: 2,
  target_hold_s: 30,
  rest_s: 20,
  weight_kg: 5,
};

function midHold() {
  const s = startSession({ sessionId: "store1", items: [plank], nowMs: T0 }).state;
  const holding = dispatch(s, { type: "hold_start" }, T0 + 1000).state;
  return dispatch(holding, { type: "pause" }, T0 + 5500).state;
}

describe("serialise / restore", () => {
  it("round-trips a running session exactly", () => {
    const s = midHold();
    const back = restore(serialise(s));
    expect(back).toStrictEqual(s);
    expect(view(back, T0 + 9000)).toStrictEqual(view(s, T0 + 9000));
  });

  it("keeps deriving the same set ids after a restore", () => {
    const s = midHold();
    const a = dispatch(s, { type: "finish" }, T0 + 8000);
    const b = dispatch(restore(serialise(s)), { type: "finish" }, T0 + 8000);
    expect(b.mutations).toStrictEqual(a.mutations);
    expect(a.mutations[0]).toMatchObject({ op: "set.log", args: { id: "store1-1" } });
  });

  it("drops unknown item keys so the stored state stays plain", () => {
    const items = [{ ...plank, colour: "red" } as EngineItem];
    const s = startSession({ sessionId: "store1", items, nowMs: T0 }).state;
    expect(s.items[0]).not.toHaveProperty("colour");
  });

  const good = () => JSON.parse(serialise(midHold()));
  it.each([
    ["not JSON", "{oops", /not JSON/],
    ["a non-object", "42", /state must be an object/],
    ["another version", JSON.stringify({ ...good(), version: 2 }), /state.version must be 1/],
    ["a bad phase", JSON.stringify({ ...good(), phase: "nap" }), /state.phase/],
    ["an item index out of range", JSON.stringify({ ...good(), itemIndex: 3 }), /state.itemIndex/],
    ["a negative count", JSON.stringify({ ...good(), count: -1 }), /state.count/],
    ["a hold without its timer", JSON.stringify({ ...good(), timer: null }), /state.timer/],
    [
      "a broken item",
      JSON.stringify({ ...good(), items: [{ ...plank, sets: "three" }] }),
      /state.items\[0\].sets/,
    ],
    ["a bad session id", JSON.stringify({ ...good(), sessionId: "a/b" }), /state.sessionId/],
    ["a summary without an end", JSON.stringify({ ...good(), phase: "summary" }), /endedAtMs/],
  ])("refuses %s", (_label, text, message) => {
    expect(() => restore(text)).toThrow(message);
  });
});

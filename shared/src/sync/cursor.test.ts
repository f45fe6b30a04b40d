// The pull cursor: one spelling per cursor, forgeries decode to null, and a cursor of a filtered
// pull (kinds=) covers only its kinds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Changes, PullQuery } from "../schemas/sync.ts";
import { type Cursor, cursorCovers, decodeCursor, encodeCursor } from "./cursor.ts";
import { canonicalKinds, SYNC_KINDS } from "./kinds.ts";

const epochArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const kindsArb = fc.subarray([...SYNC_KINDS], { minLength: 1 });

describe("cursor", () => {
  it("property: unfiltered cursors round-trip in the short form c1.<epoch>.<version>", () => {
    fc.assert(
      fc.property(epochArb, fc.nat(1e12), (epoch, version) => {
        const text = encodeCursor({ epoch, version });
        expect(text.split(".")).toHaveLength(3);
        expect(decodeCursor(text)).toEqual({ epoch, version });
      }),
    );
  });

  it("property: a filtered cursor round-trips with its kinds, in canonical order", () => {
    fc.assert(
      fc.property(epochArb, fc.nat(1e12), kindsArb, (epoch, version, kinds) => {
        const shuffled = [...kinds].reverse();
        const decoded = decodeCursor(encodeCursor({ epoch, version, kinds: shuffled }));
        if (kinds.length === SYNC_KINDS.length) expect(decoded).toEqual({ epoch, version });
        else expect(decoded).toEqual({ epoch, version, kinds: canonicalKinds(kinds) });
      }),
    );
  });

  it("property: anything else decodes to null, and what decodes re-encodes to the same text", () => {
    const nearCursor = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom("c1", "c2", "c1x"),
          fc.string(),
          fc.stringMatching(/^[0-9a-z]{0,14}$/),
          fc.option(fc.stringMatching(/^[0-9a-z.]{0,3}$/)),
        )
        .map(([tag, epoch, version, mask]) =>
          mask === null ? `${tag}.${epoch}.${version}` : `${tag}.${epoch}.${version}.${mask}`,
        ),
    );
    fc.assert(
      fc.property(nearCursor, (text) => {
        const decoded = decodeCursor(text);
        if (decoded) expect(encodeCursor(decoded)).toBe(text);
      }),
    );
    // No mask, the full mask, a leading zero or a mask past the last kind is not a cursor.
    for (const bad of ["c1.e.5.", "c1.e.5.0", "c1.e.5.1r", "c1.e.5.01", "c1.e.5.1s", "c1.e.5.zz"]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it("a cursor covers what its pull read: all kinds, or only its own", () => {
    const all: Cursor = { epoch: "e", version: 3 };
    const plansAndSettings: Cursor = { epoch: "e", version: 3, kinds: ["plans", "settings"] };
    expect(cursorCovers(all, [...SYNC_KINDS])).toBe(true);
    expect(cursorCovers(all, ["sets"])).toBe(true);
    expect(cursorCovers(plansAndSettings, ["settings", "plans"])).toBe(true);
    expect(cursorCovers(plansAndSettings, ["plans"])).toBe(true);
    expect(cursorCovers(plansAndSettings, ["plans", "sets"])).toBe(false);
    expect(cursorCovers(plansAndSettings, [...SYNC_KINDS])).toBe(false);
  });

  it("the kinds are exactly the groups of a pull's changes, and what kinds= accepts", () => {
    expect(Object.keys(Changes.shape)).toEqual([...SYNC_KINDS]);
    expect(PullQuery.parse({ kinds: SYNC_KINDS.join(",") }).kinds).toEqual([...SYNC_KINDS]);
  });
});

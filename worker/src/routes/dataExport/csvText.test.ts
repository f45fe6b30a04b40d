// The CSV writer against an independent parser (csv-parse): whatever the text, it reads back as
// written; and the formula guard touches text only, never numbers.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, csvField, csvTable, csvText } from "./csvText.ts";

const readBack = (text: string): string[][] =>
  parse(text, { relax_column_count: true, record_delimiter: "\r\n" });

describe("csvText (RFC 4180)", () => {
  it("for any rows of any strings, csv-parse reads back exactly the same rows", () => {
    // A record needs at least one field: CSV cannot write a record of none.
    const rows = fc.array(
      fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 6 }),
      {
        maxLength: 8,
      },
    );
    const nasty = fc.array(
      fc.array(
        fc.constantFrom("", ",", '"', "\r", "\n", "\r\n", 'a,"b"', " x ", "ü", "ランニング"),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.oneof(rows, nasty), (written) => {
        expect(readBack(csvText(written))).toEqual(written);
      }),
      { numRuns: 400 },
    );
  });

  it("ends every record with CRLF and quotes only what needs quoting", () => {
    expect(
      csvText([
        ["a", "b"],
        ["1", "2"],
      ]),
    ).toBe("a,b\r\n1,2\r\n");
    expect(csvField('Ćwiczenie, "ciężkie"')).toBe('"Ćwiczenie, ""ciężkie"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField("ランニング")).toBe("ランニング");
    expect(csvText([[""]])).toBe('""\r\n');
  });
});

describe("cellText (the spreadsheet formula guard)", () => {
  it("puts an apostrophe before text that starts like a formula", () => {
    for (const text of ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
      expect(cellText(text)).toBe(`'${text}`);
    expect(cellText("Plank, 60 s")).toBe("Plank, 60 s");
    expect(cellText("a=b")).toBe("a=b");
  });

  it("writes numbers as numbers, negative ones included, and nothing as an empty field", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = cellText(n);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
        expect(text.startsWith("'")).toBe(false);
      }),
    );
    expect(cellText(-3)).toBe("-3");
    expect(cellText(null)).toBe("");
  });

  it("a table reads back as its header and the guarded cells", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), {
            minLength: 2,
            maxLength: 2,
          }),
          {
            maxLength: 5,
          },
        ),
        (rows) => {
          expect(readBack(csvTable(["a", "b"], rows))).toEqual([
            ["a", "b"],
            ...rows.map((r) => r.map(cellText)),
          ]);
        },
      ),
    );
  });
});

// The iCal writer against RFC 5545's rules (CRLF, 75-octet folding, TEXT escaping) and against
// an independent parser: any text written as SUMMARY or DESCRIPTION reads back the same in
// ical.js, whatever characters it holds.
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  type CalendarEvent,
  escapeText,
  foldLine,
  utcDateTime,
  writeCalendar,
} from "./icalWriter.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;

function calendarWith(events: CalendarEvent[]): string {
  return writeCalendar({
    prodId: "-//runstrong//Test//EN",
    name: "Test, with; specials\\",
    stampMs: Date.UTC(2026, 11, 1, 8, 30, 0),
    refreshHours: 6,
    events,
  });
}

const event = (summary: string, description: string): CalendarEvent => ({
  uid: "plan-p1-2026-12-09@runstrong",
  startMs: Date.UTC(2026, 11, 9, 6, 0, 0),
  endMs: Date.UTC(2026, 11, 9, 6, 25, 0),
  summary,
  description,
});

function parsedEvents(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

/** What a TEXT value can carry: line breaks as LF, no control characters but tab. */
function textAfterRoundTrip(s: string): string {
  return Array.from(s.replace(/\r\n?/g, "\n"))
    .filter((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return ch === "\n" || ch === "\t" || (cp >= 0x20 && cp !== 0x7f);
    })
    .map((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return cp >= 0xd800 && cp <= 0xdfff ? "\uFFFD" : ch;
    })
    .join("");
}

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and every kind of line break", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("drops control characters TEXT does not allow but keeps tabs and other letters", () => {
    expect(escapeText("a\u0000b\u0007c\td\u007fé😀")).toBe("abc\tdé😀");
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds the 76th onto a line starting with a space", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("never splits a multi-octet character, counting octets rather than characters", () => {
    const line = `SUMMARY:${"é😀€".repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("keeps every physical line within 75 octets for any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => {
        const folded = foldLine(`DESCRIPTION:${escapeText(s)}`);
        for (const part of folded.split("\r\n")) expect(octets(part)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${escapeText(s)}`);
      }),
    );
  });
});

describe("writeCalendar", () => {
  it("writes the calendar frame RFC 5545 requires, every line ending in CRLF", () => {
    const ics = calendarWith([event("Strength: Lower body", "Squat: 3 × 10")]);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n");
    expect(lines.slice(0, 4)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//runstrong//Test//EN",
      "CALSCALE:GREGORIAN",
    ]);
    expect(lines).toContain("X-WR-CALNAME:Test\\, with\\; specials\\\\");
    expect(lines).toContain("DTSTAMP:20261201T083000Z");
    expect(lines).toContain("DTSTART:20261209T060000Z");
    expect(lines).toContain("DTEND:20261209T062500Z");
    expect(lines.at(-2)).toBe("END:VCALENDAR");
  });

  it("is read by ical.js: name, UID, start, duration, summary and description", () => {
    const description = "Week 2 · about 25 min\n\nSquat: 3 × 10 · rest 1:00\nPlank, hold; 0:30";
    const ics = calendarWith([event("Strength: Lower body", description)]);
    const cal = new ICAL.Component(ICAL.parse(ics));
    // ical.js does not know X-WR-CALNAME's type, so it hands back the TEXT as written.
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("Test\\, with\\; specials\\\\");
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    const [e] = parsedEvents(ics);
    expect(e?.uid).toBe("plan-p1-2026-12-09@runstrong");
    expect(e?.summary).toBe("Strength: Lower body");
    expect(e?.description).toBe(description);
    expect(e?.startDate.toJSDate().toISOString()).toBe("2026-12-09T06:00:00.000Z");
    expect(e?.duration.toSeconds()).toBe(25 * 60);
  });

  it("an empty calendar is still a valid one", () => {
    const cal = new ICAL.Component(ICAL.parse(calendarWith([])));
    expect(cal.name).toBe("vcalendar");
    expect(cal.getAllSubcomponents("vevent")).toEqual([]);
  });

  it("any text round-trips through ical.js as SUMMARY and DESCRIPTION (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.string({
          unit: fc.constantFrom("\\", ";", ",", "\n", "\r", ":", '"', "é", "x", " "),
          maxLength: 200,
        }),
        (a, b, specials) => {
          const [e] = parsedEvents(calendarWith([event(a + specials, b + specials)]));
          expect(e?.summary).toBe(textAfterRoundTrip(a + specials));
          expect(e?.description).toBe(textAfterRoundTrip(b + specials));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes UTC date-times in basic format", () => {
    expect(utcDateTime(Date.UTC(2027, 2, 14, 23, 5, 9))).toBe("20270314T230509Z");
  });
});

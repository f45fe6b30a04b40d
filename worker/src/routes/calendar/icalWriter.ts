// A small RFC 5545 writer: TEXT escaping, content lines folded at 75 octets, CRLF line ends,
// UTC date-times, and the VCALENDAR/VEVENT frame. Pure: no plans, no HTTP.

const CRLF = "\r\n";
/** RFC 5545 §3.1: a content line is at most 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/** Octets of a code point in UTF-8. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Text as a TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break
 * (CRLF, CR or LF) written as `\n`. Control characters other than tab are not allowed in TEXT
 * and are dropped; a lone UTF-16 surrogate (not encodable in UTF-8) becomes U+FFFD.
 */
export function escapeText(text: string): string {
  let out = "";
  const normalized = text.replace(/\r\n?/g, "\n");
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === ";") out += "\\;";
    else if (ch === ",") out += "\\,";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += ch;
    else if (cp < 0x20 || cp === 0x7f) continue;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/**
 * One content line folded (§3.1): after at most 75 octets a CRLF and a space, never inside a
 * UTF-8 sequence. The space of a continuation line counts towards its 75 octets.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + n > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A UTC DATE-TIME value: 20261209T060000Z. */
export function utcDateTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** A property: name, optional parameters (values must be plain) and an already typed value. */
export type Property = { name: string; value: string; params?: Record<string, string> };

export function contentLine(p: Property): string {
  const params = Object.entries(p.params ?? {})
    .map(([k, v]) => `;${k}=${v}`)
    .join("");
  return foldLine(`${p.name}${params}:${p.value}`);
}

/** A TEXT property (the value is escaped here). */
export const textProperty = (name: string, text: string): Property => ({
  name,
  value: escapeText(text),
});

export type CalendarEvent = {
  uid: string;
  startMs: number;
  endMs: number;
  summary: string;
  description: string;
  url?: string;
};

export type Calendar = {
  /** The product identifier (§3.7.3), e.g. "-//runstrong//Plan feed//EN". */
  prodId: string;
  /** Shown by calendar apps as the subscribed calendar's name. */
  name: string;
  /** When the feed was made: every event's DTSTAMP. */
  stampMs: number;
  /** How often clients should poll, in hours (a hint; most apps decide for themselves). */
  refreshHours: number;
  events: readonly CalendarEvent[];
};

function eventLines(e: CalendarEvent, stamp: string): Property[] {
  return [
    { name: "BEGIN", value: "VEVENT" },
    textProperty("UID", e.uid),
    { name: "DTSTAMP", value: stamp },
    { name: "DTSTART", value: utcDateTime(e.startMs) },
    { name: "DTEND", value: utcDateTime(e.endMs) },
    textProperty("SUMMARY", e.summary),
    textProperty("DESCRIPTION", e.description),
    ...(e.url ? [{ name: "URL", value: e.url }] : []),
    { name: "TRANSP", value: "OPAQUE" },
    { name: "END", value: "VEVENT" },
  ];
}

/** The whole iCalendar object, CRLF after every line (the last one too). */
export function writeCalendar(cal: Calendar): string {
  const stamp = utcDateTime(cal.stampMs);
  const refresh = `PT${cal.refreshHours}H`;
  const lines: Property[] = [
    { name: "BEGIN", value: "VCALENDAR" },
    { name: "VERSION", value: "2.0" },
    textProperty("PRODID", cal.prodId),
    { name: "CALSCALE", value: "GREGORIAN" },
    { name: "METHOD", value: "PUBLISH" },
    textProperty("X-WR-CALNAME", cal.name),
    { name: "REFRESH-INTERVAL", value: refresh, params: { VALUE: "DURATION" } },
    { name: "X-PUBLISHED-TTL", value: refresh },
    ...cal.events.flatMap((e) => eventLines(e, stamp)),
    { name: "END", value: "VCALENDAR" },
  ];
  return lines.map((p) => contentLine(p) + CRLF).join("");
}

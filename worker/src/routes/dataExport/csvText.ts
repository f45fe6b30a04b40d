// The one CSV writer: RFC 4180 text (CRLF line ends; a field holding a comma, quote, CR or LF is
// quoted, with quotes doubled) and the guard that keeps text from running as a spreadsheet formula.

/** A cell as the tables give it: text from the runner, a number, or nothing. */
export type CsvCell = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, - and @ start one, and
 * some spreadsheets also act on a leading tab or CR.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as RFC 4180 text, each record ended by CRLF. A record of one empty field is written `""`,
 * because an empty line would read back as no record at all.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => (row.length === 1 && row[0] === "" ? '""' : row.map(csvField).join(",")))
    .map((line) => `${line}\r\n`)
    .join("");
}

/**
 * A cell as text. Numbers stay numbers, so a negative number is still "-3"; only text that
 * starts like a formula gets a leading apostrophe, which spreadsheets show as text and hide.
 */
export function cellText(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A header row and the data rows as one CSV document. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvText([header, ...rows.map((row) => row.map(cellText))]);
}

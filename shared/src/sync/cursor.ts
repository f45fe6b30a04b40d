// The pull cursor: an opaque string that encodes (epoch, version).
export type Cursor = { epoch: string; version: number };

export function encodeCursor(c: Cursor): string {
  return `c1.${c.epoch}.${c.version.toString(36)}`;
}

/** Returns null for anything that is not a cursor this server wrote. */
export function decodeCursor(text: string): Cursor | null {
  // One spelling per cursor: no leading zeros, so equal cursors are equal strings.
  const m = /^c1\.([A-Za-z0-9_-]{1,64})\.(0|[1-9a-z][0-9a-z]{0,11})$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const version = Number.parseInt(m[2], 36);
  return Number.isSafeInteger(version) ? { epoch: m[1], version } : null;
}

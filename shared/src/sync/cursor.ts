// The pull cursor: an opaque string that encodes (epoch, version) and, for a pull filtered by
// `kinds=`, the kinds it covers — a filtered cursor says nothing about the other kinds.
import { SYNC_KINDS, type SyncKind } from "./kinds.ts";

/**
 * `kinds` absent: the cursor covers every kind (an unfiltered pull). `bookmark`: the D1 read
 * replication bookmark of the pull that wrote it; the next pull reads nothing older (after "~").
 */
export type Cursor = {
  epoch: string;
  version: number;
  kinds?: readonly SyncKind[];
  bookmark?: string;
};

const ALL_MASK = (1 << SYNC_KINDS.length) - 1;

function maskOf(kinds: readonly SyncKind[]): number {
  return kinds.reduce((mask, k) => mask | (1 << SYNC_KINDS.indexOf(k)), 0);
}

export function encodeCursor(c: Cursor): string {
  const base = `c1.${c.epoch}.${c.version.toString(36)}`;
  const mask = c.kinds === undefined ? ALL_MASK : maskOf(c.kinds);
  if (mask === 0) throw new Error("a cursor covers at least one kind");
  // A cursor of every kind keeps the short form, so unfiltered cursors read as they always have.
  const cursor = mask === ALL_MASK ? base : `${base}.${mask.toString(36)}`;
  return c.bookmark === undefined ? cursor : `${cursor}~${c.bookmark}`;
}

/** Returns null for anything that is not a cursor this server wrote. */
export function decodeCursor(text: string): Cursor | null {
  // One spelling per cursor: no leading zeros, so equal cursors are equal strings.
  const m =
    /^c1\.([A-Za-z0-9_-]{1,64})\.(0|[1-9a-z][0-9a-z]{0,11})(?:\.([1-9a-z][0-9a-z]?))?(?:~([A-Za-z0-9_-]{1,100}))?$/.exec(
      text,
    );
  if (!m?.[1] || !m[2]) return null;
  const version = Number.parseInt(m[2], 36);
  if (!Number.isSafeInteger(version)) return null;
  const bookmark = m[4] === undefined ? {} : { bookmark: m[4] };
  if (m[3] === undefined) return { epoch: m[1], version, ...bookmark };
  const mask = Number.parseInt(m[3], 36);
  if (mask <= 0 || mask >= ALL_MASK) return null;
  const kinds = SYNC_KINDS.filter((_, i) => (mask & (1 << i)) !== 0);
  return { epoch: m[1], version, kinds, ...bookmark };
}

/**
 * Whether a pull of `kinds` may continue from `cursor`: only when the pull that wrote the cursor
 * covered every one of them, or a change of an uncovered kind at or below its version would be
 * skipped for good.
 */
export function cursorCovers(cursor: Cursor, kinds: readonly SyncKind[]): boolean {
  if (cursor.kinds === undefined) return true;
  const covered = new Set(cursor.kinds);
  return kinds.every((k) => covered.has(k));
}
